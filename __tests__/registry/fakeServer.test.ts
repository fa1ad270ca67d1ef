/**
 * Error paths the real registry cannot produce, against a tiny fake HTTP server on loopback
 * (node:http, port 0). This is deliberately a fake: redirect loops, oversized or mislabelled
 * manifests, digests the registry disagrees with, stalls on the request body, and header
 * inspection (which Authorization reached which host).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CACHE_JSONL_MEDIA_TYPE,
  CACHE_MANIFEST_MEDIA_TYPE,
  CONFIG_MEDIA_TYPE,
  assembleArtifact,
  bufferBlob,
  sha256Digest,
  type Blob,
  type PackagedArtifact,
} from '../../src/artifact/index.js';
import { fileBlob } from '../../test-support/blobs.js';
import { buildLeiExport, leiReports } from '../artifact/leiExport.js';
import { sendJson } from '../../test-support/registry.js';
import {
  AuthError,
  RegistryClient,
  RegistryError,
  VerificationError,
  parseReference,
} from '../../src/registry/index.js';

type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  body: () => Promise<Buffer>,
) => void | Promise<void>;

interface Fake {
  host: string;
  seen: { method: string; url: string; authorization?: string }[];
  server: Server;
}

const servers: Server[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((r) => {
          s.closeAllConnections();
          s.close(() => r());
        }),
    ),
  );
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function fake(handler: Handler, address = '127.0.0.1'): Promise<Fake> {
  const seen: Fake['seen'] = [];
  const server = createServer((req, res) => {
    seen.push({
      method: req.method ?? '',
      url: req.url ?? '',
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    const body = async (): Promise<Buffer> => {
      const chunks: Buffer[] = [];
      for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
      return Buffer.concat(chunks);
    };
    Promise.resolve(handler(req, res, body)).catch(() => res.destroy());
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, address, () => r()));
  const addr = server.address();
  return { host: `${address}:${typeof addr === 'object' && addr ? addr.port : 0}`, seen, server };
}

/** A small export as LEI writes it (a pull checks the cache against its manifest.json). */
const small = buildLeiExport(leiReports(3));

function smallArtifact(
  cache: Blob = bufferBlob(small.gz, CACHE_JSONL_MEDIA_TYPE),
): PackagedArtifact {
  const config = bufferBlob(Buffer.from('{}'), CONFIG_MEDIA_TYPE);
  const meta = bufferBlob(Buffer.from(JSON.stringify(small.manifest)), CACHE_MANIFEST_MEDIA_TYPE);
  return assembleArtifact(config, [meta, cache], undefined, {
    formatVersion: '1.0',
    leiVersion: '0',
    created: '',
    date: '',
    entryCount: 0,
    repos: [],
  });
}

/** A minimal in-memory registry: enough for push (HEAD/POST/PUT) and pull (GET). */
function memoryRegistry(
  options: { onPut?: (req: IncomingMessage, res: ServerResponse, bytes: Buffer) => boolean } = {},
): Handler {
  const blobs = new Map<string, Buffer>();
  const manifests = new Map<string, Buffer>();
  let n = 0;
  return async (req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const blob = /^\/v2\/(.+)\/blobs\/(sha256:[0-9a-f]{64})$/.exec(url.pathname);
    const manifest = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'HEAD' && blob) {
      const b = blobs.get(blob[2]!);
      res.writeHead(b ? 200 : 404, b ? { 'content-length': String(b.length) } : {});
      res.end();
    } else if (req.method === 'POST' && /\/blobs\/uploads\/$/.test(url.pathname)) {
      await body();
      res.writeHead(202, { location: `/upload/${++n}?_state=s${n}`, 'content-length': '0' });
      res.end();
    } else if (req.method === 'PUT' && url.pathname.startsWith('/upload/')) {
      const bytes = await body();
      if (options.onPut?.(req, res, bytes)) return;
      const digest = url.searchParams.get('digest')!;
      blobs.set(digest, bytes);
      res.writeHead(201, { 'docker-content-digest': digest, 'content-length': '0' });
      res.end();
    } else if (req.method === 'PUT' && manifest) {
      const bytes = await body();
      manifests.set(manifest[2]!, bytes);
      res.writeHead(201, { 'docker-content-digest': sha256Digest(bytes), 'content-length': '0' });
      res.end();
    } else if (req.method === 'GET' && manifest && manifests.has(manifest[2]!)) {
      const bytes = manifests.get(manifest[2]!)!;
      res.writeHead(200, {
        'content-type': 'application/vnd.oci.image.manifest.v1+json',
        'content-length': String(bytes.length),
      });
      res.end(bytes);
    } else if (req.method === 'GET' && blob && blobs.has(blob[2]!)) {
      const bytes = blobs.get(blob[2]!)!;
      res.writeHead(200, { 'content-length': String(bytes.length) });
      res.end(bytes);
    } else {
      sendJson(res, 404, { errors: [{ code: 'NOT_FOUND', message: 'not here' }] });
    }
  };
}

const opts = { retryBaseDelayMs: 5, retryMaxDelayMs: 50 };

describe('redirects', () => {
  it('gives up after 10 hops', async () => {
    const f = await fake((req, res) => {
      res.writeHead(302, { location: `/hop/${Math.random()}`, 'content-length': '0' });
      res.end();
    });
    const dir = await mkdtemp(join(tmpdir(), 'lei-fake-'));
    dirs.push(dir);
    const err = await new RegistryClient(f.host, opts)
      .pullArtifact(parseReference(`${f.host}/a/b:v1`), dir)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as Error).message).toMatch(/pull manifest .*a\/b:v1: more than 10 redirects/);
    expect(f.seen).toHaveLength(11);
  });

  it('keeps Authorization on a relative same-host redirect and drops it for another host', async () => {
    const artifact = smallArtifact();
    const reg = memoryRegistry();
    const other = await fake(memoryRegistry(), '127.0.0.2').catch(() =>
      fake(memoryRegistry(), '127.0.0.1'),
    );
    const f = await fake(async (req, res, body) => {
      if (!req.headers.authorization) {
        await body();
        res.writeHead(401, { 'www-authenticate': 'Basic realm="fake"', 'content-length': '0' });
        res.end();
        return;
      }
      const url = req.url ?? '';
      if (req.method === 'GET' && url.includes('/blobs/') && !url.startsWith('/same/')) {
        // manifest.json layer: relative redirect on the same host; cache layer: to the other
        // host with a signature
        const sameHost = url.endsWith(artifact.layers[0]!.descriptor.digest);
        const location = sameHost
          ? `/same${url}?sig=SECRET1`
          : `http://${other.host}${url}?sig=SECRET2`;
        res.writeHead(307, { location, 'content-length': '0' });
        res.end();
        return;
      }
      if (url.startsWith('/same/')) req.url = url.slice('/same'.length).replace(/\?.*$/, '');
      await reg(req, res, body);
    });
    const c = new RegistryClient(f.host, {
      ...opts,
      credentials: { username: 'u', password: 'p' },
    });
    await c.pushArtifact('a/b', artifact, ['v1']);
    // the other host holds the same blobs
    const o = new RegistryClient(other.host, opts);
    await o.pushArtifact('a/b', artifact, ['v1']);
    const dir = await mkdtemp(join(tmpdir(), 'lei-fake-'));
    dirs.push(dir);
    const pulled = await c.pullArtifact(parseReference(`${f.host}/a/b:v1`), dir);
    expect(pulled.digest).toBe(artifact.digest);
    const same = f.seen.find((s) => s.url.startsWith('/same/'));
    expect(same?.authorization).toMatch(/^Basic /);
    const offHost = other.seen.filter((s) => s.method === 'GET' && s.url.includes('sig=SECRET2'));
    expect(offHost).toHaveLength(1);
    expect(offHost[0]!.authorization).toBeUndefined();
  });
  it('ignores a 401 challenge from a redirect target: credentials never go to a realm it names', async () => {
    const artifact = smallArtifact();
    const reg = memoryRegistry();
    // a token server that the storage host names; it must never be asked
    const evil = await fake((req, res) => sendJson(res, 200, { token: 'from-evil' }));
    const storage = await fake((req, res) => {
      res.writeHead(401, {
        'www-authenticate': `Bearer realm="http://${evil.host}/token",service="x",scope="repository:a/b:pull"`,
        'content-length': '0',
      });
      res.end();
    });
    const f = await fake(async (req, res, body) => {
      const url = req.url ?? '';
      if (req.method === 'GET' && url.includes('/blobs/')) {
        res.writeHead(307, {
          location: `http://${storage.host}${url}?sig=S`,
          'content-length': '0',
        });
        res.end();
        return;
      }
      await reg(req, res, body);
    });
    const c = new RegistryClient(f.host, {
      ...opts,
      maxAttempts: 1,
      credentials: { username: 'me', password: 'the-password' },
    });
    await c.pushArtifact('a/b', artifact, ['v1']);
    const dir = await mkdtemp(join(tmpdir(), 'lei-fake-'));
    dirs.push(dir);
    const err = await c
      .pullArtifact(parseReference(`${f.host}/a/b:v1`), dir)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/401/);
    expect((err as Error).message).not.toContain('sig=S');
    expect(evil.seen).toHaveLength(0);
    expect(f.seen.some((s) => s.authorization !== undefined)).toBe(false);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('manifests', () => {
  it('refuses a manifest larger than 4 MiB', async () => {
    const f = await fake((req, res) => {
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }); // chunked: no length
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      for (let i = 0; i < 5; i++) res.write(chunk);
      res.end();
    });
    const dir = await mkdtemp(join(tmpdir(), 'lei-fake-'));
    dirs.push(dir);
    const err = await new RegistryClient(f.host, opts)
      .pullArtifact(parseReference(`${f.host}/a/b:v1`), dir)
      .catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/larger than 4194304 bytes/);
  });

  it('fails a pull when the bytes do not match Docker-Content-Digest', async () => {
    const bytes = smallArtifact().manifestBytes;
    const f = await fake((req, res) => {
      res.writeHead(200, {
        'docker-content-digest': `sha256:${'1'.repeat(64)}`,
        'content-length': String(bytes.length),
      });
      res.end(bytes);
    });
    const dir = await mkdtemp(join(tmpdir(), 'lei-fake-'));
    dirs.push(dir);
    const err = await new RegistryClient(f.host, opts)
      .pullArtifact(parseReference(`${f.host}/a/b:v1`), dir)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VerificationError);
    expect((err as Error).message).toMatch(
      /manifest digest mismatch: the bytes hash to sha256:[0-9a-f]{64}, the registry's Docker-Content-Digest is sha256:1{64}/,
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('fails a pull by digest when the registry sends other bytes', async () => {
    const bytes = smallArtifact().manifestBytes;
    const f = await fake((req, res) => {
      res.writeHead(200, { 'content-length': String(bytes.length) });
      res.end(bytes);
    });
    const dir = await mkdtemp(join(tmpdir(), 'lei-fake-'));
    dirs.push(dir);
    const wanted = `sha256:${'2'.repeat(64)}`;
    const err = await new RegistryClient(f.host, opts)
      .pullArtifact(parseReference(`${f.host}/a/b@${wanted}`), dir)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VerificationError);
    expect((err as Error).message).toContain(`the requested is ${wanted}`);
  });

  it('fails a push when the registry reports another manifest digest, at the by-digest PUT, before any tag', async () => {
    const reg = memoryRegistry();
    const manifestPuts: string[] = [];
    const f = await fake(async (req, res, body) => {
      if (req.method === 'PUT' && req.url?.includes('/manifests/')) {
        manifestPuts.push(req.url);
        await body();
        res.writeHead(201, {
          'docker-content-digest': `sha256:${'3'.repeat(64)}`,
          'content-length': '0',
        });
        res.end();
        return;
      }
      await reg(req, res, body);
    });
    const err = await new RegistryClient(f.host, opts)
      .pushArtifact('a/b', smallArtifact(), ['v1'])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VerificationError);
    expect((err as Error).message).toMatch(
      /^push manifest 127\.0\.0\.1:\d+\/a\/b@sha256:[0-9a-f]{64}: the registry computed sha256:3{64} for the manifest/,
    );
    expect(manifestPuts).toEqual([`/v2/a/b/manifests/${smallArtifact().digest}`]);
  });
});

describe('tags', () => {
  // A registry refusing one tag after accepting another cannot be set up with the real one.
  it('a tag that fails after another moved says which tags were pushed, keeping the cause', async () => {
    const reg = memoryRegistry();
    const f = await fake(async (req, res, body) => {
      if (req.method === 'PUT' && req.url?.endsWith('/manifests/latest')) {
        await body();
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ code: 'TAG_INVALID', message: 'no latest here' }] }));
        return;
      }
      await reg(req, res, body);
    });
    const err = await new RegistryClient(f.host, opts)
      .pushArtifact('a/b', smallArtifact(), ['2026-11-22', 'latest'])
      .catch((e: unknown) => e);
    expect((err as Error).message).toMatch(
      /^push manifest 127\.0\.0\.1:\d+\/a\/b:latest: 400 TAG_INVALID: no latest here \(after the manifest and the tag\(s\) 2026-11-22 were pushed\)$/,
    );
    expect((err as Error).cause).toBeInstanceOf(RegistryError);
  });
});

describe('pull retries', () => {
  it('retries a blob GET that failed with 503 (through unpack) and restores the files', async () => {
    const artifact = smallArtifact();
    const reg = memoryRegistry();
    let failures = 0;
    const f = await fake(async (req, res, body) => {
      const url = req.url ?? '';
      if (
        req.method === 'GET' &&
        url.endsWith(artifact.layers[1]!.descriptor.digest) &&
        failures < 1
      ) {
        failures++;
        res.writeHead(503, { 'retry-after': '0', 'content-length': '4' });
        res.end('busy');
        return;
      }
      await reg(req, res, body);
    });
    const c = new RegistryClient(f.host, opts);
    await c.pushArtifact('a/b', artifact, ['v1']);
    const dir = await mkdtemp(join(tmpdir(), 'lei-fake-'));
    dirs.push(dir);
    const debug: string[] = [];
    const pulled = await new RegistryClient(f.host, {
      ...opts,
      onDebug: (m) => debug.push(m),
    }).pullArtifact(parseReference(`${f.host}/a/b:v1`), dir);
    expect(pulled.files.map((x) => x.descriptor.digest)).toEqual(
      artifact.layers.map((l) => l.descriptor.digest),
    );
    expect((await readdir(dir)).sort()).toEqual(['cache.jsonl.gz', 'manifest.json']);
    expect(failures).toBe(1);
    expect(debug.some((m) => /attempt 1 of 5 failed .*503/.test(m))).toBe(true);
  });
});

describe('auth', () => {
  it('exchanges the password for a token, never sends it as Bearer, and hands the token to onSecret', async () => {
    const token = `tok-${randomBytes(8).toString('hex')}`;
    const reg = memoryRegistry();
    let tokenRequests = 0;
    let tokenQuery = '';
    let tokenAuth = '';
    const auth = await fake((req, res) => {
      tokenRequests++;
      tokenQuery = req.url ?? '';
      tokenAuth = req.headers.authorization ?? '';
      sendJson(res, 200, { access_token: token, expires_in: 300 });
    });
    const f = await fake(async (req, res, body) => {
      if (req.headers.authorization !== `Bearer ${token}`) {
        await body();
        res.writeHead(401, {
          'www-authenticate': `Bearer realm="http://${auth.host}/token?x=1",service="fake",scope="repository:a/b:pull"`,
          'content-length': '0',
        });
        res.end();
        return;
      }
      await reg(req, res, body);
    });
    const secrets: string[] = [];
    const debug: string[] = [];
    const c = new RegistryClient(f.host, {
      ...opts,
      credentials: { username: 'me', password: 'the-password' },
      onSecret: (s) => secrets.push(s),
      onDebug: (m) => debug.push(m),
    });
    await c.pushArtifact('a/b', smallArtifact(), ['v1']);
    expect(tokenRequests).toBe(1); // cached for the rest of the push (concurrent 401s share one exchange)
    expect(tokenQuery).toBe('/token?x=1&service=fake&scope=repository%3Aa%2Fb%3Apull%2Cpush');
    expect(tokenAuth).toBe(`Basic ${Buffer.from('me:the-password').toString('base64')}`);
    expect(secrets).toEqual([token]);
    expect(f.seen.some((s) => s.authorization === 'Bearer the-password')).toBe(false);
    expect(debug.join('\n')).not.toContain(token);
    expect(debug.join('\n')).not.toContain('the-password');
  });

  it('sends Basic on every request after a Basic challenge', async () => {
    const reg = memoryRegistry();
    const f = await fake(async (req, res, body) => {
      if (!req.headers.authorization) {
        await body();
        res.writeHead(401, { 'www-authenticate': 'Basic realm="r"', 'content-length': '0' });
        res.end();
        return;
      }
      await reg(req, res, body);
    });
    await new RegistryClient(f.host, {
      ...opts,
      credentials: { username: 'u', password: 'p' },
      concurrency: 1,
    }).pushArtifact('a/b', smallArtifact(), ['v1']);
    const unauthenticated = f.seen.filter((s) => s.authorization === undefined);
    expect(unauthenticated).toHaveLength(1); // only the very first request
  });

  it('does not retry a 403 and names the registry code', async () => {
    const f = await fake(async (req, res, body) => {
      await body();
      sendJson(res, 403, {
        errors: [{ code: 'DENIED', message: 'requested access to the resource is denied' }],
      });
    });
    const err = await new RegistryClient(f.host, { ...opts, concurrency: 1 })
      .pushArtifact('org/lei-cache', smallArtifact(), ['v1'])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as Error).message).toMatch(
      /^push blob sha256:[0-9a-f]{12}… to 127\.0\.0\.1:\d+\/org\/lei-cache: 403 DENIED: requested access to the resource is denied$/,
    );
    expect(f.seen.filter((s) => s.method === 'POST')).toHaveLength(1);
  });
});

describe('uploads', () => {
  it('uploads at most `concurrency` blobs at once and the manifest only after all of them', async () => {
    const layers = Array.from({ length: 6 }, (_, i) =>
      bufferBlob(Buffer.from(`layer ${i}`), CACHE_JSONL_MEDIA_TYPE),
    );
    const config = bufferBlob(Buffer.from('{}'), CONFIG_MEDIA_TYPE);
    const artifact = assembleArtifact(config, layers, undefined, smallArtifact().info);
    const reg = memoryRegistry();
    let active = 0;
    let peak = 0;
    let blobsDone = 0;
    let blobsDoneAtManifest = -1;
    const f = await fake(async (req, res, body) => {
      if (req.method === 'PUT' && req.url?.startsWith('/upload/')) {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 40));
        active--;
        blobsDone++;
      }
      if (req.method === 'PUT' && req.url?.includes('/manifests/')) blobsDoneAtManifest = blobsDone;
      await reg(req, res, body);
    });
    const pushed = await new RegistryClient(f.host, { ...opts, concurrency: 2 }).pushArtifact(
      'a/b',
      artifact,
      ['v1'],
    );
    expect(pushed.uploadedBlobs).toHaveLength(7);
    expect(peak).toBe(2);
    expect(blobsDoneAtManifest).toBe(7);
  });

  it('keeps signed query strings out of error messages', async () => {
    const reg = memoryRegistry({
      onPut: (req, res) => {
        sendJson(res, 400, {
          errors: [
            { code: 'DIGEST_INVALID', message: 'provided digest did not match uploaded content' },
          ],
        });
        return true;
      },
    });
    const f = await fake(reg);
    const err = await new RegistryClient(f.host, opts)
      .pushArtifact('a/b', smallArtifact(), ['v1'])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).code).toBe('DIGEST_INVALID');
    expect((err as RegistryError).url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/upload\/\d+$/);
    expect((err as Error).message).not.toContain('_state');
  });

  it('keeps signed URLs a registry echoes out of retry debug lines and error details', async () => {
    const f = await fake(async (req, res, body) => {
      await body();
      if (req.method === 'HEAD') {
        res.writeHead(404);
        res.end();
        return;
      }
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end(`upstream https://storage.example/blob?X-Sig=SECRET9 unavailable`);
    });
    const debug: string[] = [];
    const err = await new RegistryClient(f.host, {
      ...opts,
      maxAttempts: 2,
      concurrency: 1,
      onDebug: (m) => debug.push(m),
    })
      .pushArtifact('a/b', smallArtifact(), ['v1'])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect(debug.join('\n')).toContain('https://storage.example/blob');
    expect(debug.join('\n')).not.toContain('SECRET9');
    expect((err as RegistryError).detail).not.toContain('SECRET9');
    expect((err as Error).message).not.toContain('SECRET9');
  });

  it('retries when the registry stops reading the request body, with a new session', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lei-fake-'));
    dirs.push(dir);
    const bytes = randomBytes(24 * 1024 * 1024);
    bytes[0] = 0x1f;
    bytes[1] = 0x8b;
    await writeFile(join(dir, 'cache.jsonl.gz'), bytes);
    const cache = await fileBlob(join(dir, 'cache.jsonl.gz'), CACHE_JSONL_MEDIA_TYPE);
    const reg = memoryRegistry();
    let stalled = false;
    const f = await fake(async (req, res, body) => {
      if (
        req.method === 'PUT' &&
        req.url?.startsWith('/upload/') &&
        !stalled &&
        req.headers['content-length'] === String(bytes.length)
      ) {
        stalled = true;
        req.pause(); // read nothing, answer nothing
        return;
      }
      await reg(req, res, body);
    });
    const debug: string[] = [];
    const c = new RegistryClient(f.host, {
      ...opts,
      stallTimeoutMs: 300,
      concurrency: 1,
      onDebug: (m) => debug.push(m),
    });
    const pushed = await c.pushArtifact('a/b', smallArtifact(cache), ['v1']);
    expect(pushed.uploadedBytes).toBeGreaterThan(bytes.length);
    expect(debug.some((m) => /connection stalled: no bytes moved for 300 ms/.test(m))).toBe(true);
    expect(f.seen.filter((s) => s.method === 'POST')).toHaveLength(4); // 3 blobs + 1 new session
    // the registry got the bytes the second time (random bytes, not LEI content: digests only)
    const out = await mkdtemp(join(tmpdir(), 'lei-fake-'));
    dirs.push(out);
    await c.pullArtifact(parseReference(`${f.host}/a/b:v1`), out, { verifyContent: false });
    const h = createHash('sha256').update(bytes).digest('hex');
    expect(cache.descriptor.digest).toBe(`sha256:${h}`);
  });

  it('sends a file blob (Blob.path) from disk, never through its open() stream', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lei-fake-'));
    dirs.push(dir);
    const bytes = Buffer.concat([Buffer.from([0x1f, 0x8b]), randomBytes(3 * 1024 * 1024)]);
    await writeFile(join(dir, 'cache.jsonl.gz'), bytes);
    const file = await fileBlob(join(dir, 'cache.jsonl.gz'), CACHE_JSONL_MEDIA_TYPE);
    expect(file.path).toBe(join(dir, 'cache.jsonl.gz'));
    let opened = 0;
    const cache: Blob = {
      ...file,
      open: () => {
        opened += 1;
        return file.open();
      },
    };
    const f = await fake(memoryRegistry());
    const c = new RegistryClient(f.host, opts);
    await c.pushArtifact('a/b', smallArtifact(cache), ['v1']);
    expect(opened).toBe(0);
    const out = await mkdtemp(join(tmpdir(), 'lei-fake-'));
    dirs.push(out);
    // random bytes, not LEI content: the digests are checked, the content check is off
    await c.pullArtifact(parseReference(`${f.host}/a/b:v1`), out, { verifyContent: false });
    expect((await readFile(join(out, 'cache.jsonl.gz'))).equals(bytes)).toBe(true);
    c.close();
  });

  it('fails at once, naming the file, when a blob file vanished', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lei-fake-'));
    dirs.push(dir);
    await writeFile(join(dir, 'cache.jsonl.gz'), Buffer.from([0x1f, 0x8b, 9, 9]));
    const cache = await fileBlob(join(dir, 'cache.jsonl.gz'), CACHE_JSONL_MEDIA_TYPE);
    await rm(join(dir, 'cache.jsonl.gz'));
    const f = await fake(memoryRegistry());
    const err = await new RegistryClient(f.host, opts)
      .pushArtifact('a/b', smallArtifact(cache), ['v1'])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as Error).message).toMatch(/ENOENT.*cache\.jsonl\.gz/);
    // config, manifest.json, and the cache once: no retries
    expect(f.seen.filter((s) => s.method === 'POST')).toHaveLength(3);
    expect(f.seen.some((s) => s.url.includes('/manifests/'))).toBe(false);
  });
});
