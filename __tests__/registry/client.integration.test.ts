/**
 * RegistryClient against the real distribution registry (docker-registry) started by the
 * harness: token auth (ghcr-like), htpasswd (Basic) and no auth.
 */
import { readdir, rm } from 'node:fs/promises';
import { afterAll, expect, it } from 'vitest';
import {
  AuthError,
  CredentialsRejectedError,
  RegistryClient,
  RegistryError,
  parseReference,
  type TransferProgress,
} from '../../src/registry/index.js';
import {
  describeWithRegistry,
  useRegistry,
  type TestRegistry,
} from '../../test-support/registry.js';
import { makeArtifact, readPulled, tempDir, type TestArtifact } from './fixtures.js';

const made: TestArtifact[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((a) => a.cleanup()));
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function artifact(size?: number): Promise<TestArtifact> {
  const a = await makeArtifact(size);
  made.push(a);
  return a;
}

async function pullDir(): Promise<string> {
  const d = await tempDir();
  dirs.push(d);
  return d;
}

function client(
  r: TestRegistry,
  extra: ConstructorParameters<typeof RegistryClient>[1] = {},
): RegistryClient {
  return new RegistryClient(r.host, {
    credentials: { username: r.username, password: r.password },
    retryBaseDelayMs: 10,
    ...extra,
  });
}

describeWithRegistry('RegistryClient with token auth', () => {
  const registry = useRegistry({ auth: 'token', namespace: 'lei-org' });

  it('pushes, tags, and pulls back identical bytes; re-push uploads nothing', async () => {
    const r = registry();
    const a = await artifact(3 * 1024 * 1024 + 17);
    const secrets: string[] = [];
    const progress: TransferProgress[] = [];
    const c = client(r, { onSecret: (s) => secrets.push(s), onProgress: (p) => progress.push(p) });
    const repo = 'lei-org/cache';
    const pushed = await c.pushArtifact(repo, a.artifact, ['v1', 'latest']);
    expect(pushed.digest).toBe(a.artifact.digest);
    expect(pushed.tags).toEqual(['v1', 'latest']);
    expect(pushed.uploadedBytes).toBe(a.artifact.blobs.reduce((n, b) => n + b.descriptor.size, 0));
    expect(pushed.uploadedBlobs).toHaveLength(3);
    expect(pushed.skippedBlobs).toHaveLength(0);
    for (const tag of ['v1', 'latest']) {
      const m = await r.getManifest(repo, tag);
      expect(m.status).toBe(200);
      expect(m.digest).toBe(a.artifact.digest);
      expect(m.bytes.equals(a.artifact.manifestBytes)).toBe(true);
    }
    expect(secrets.length).toBeGreaterThan(0);
    expect(secrets.includes(r.password)).toBe(false);
    const cacheDigest = a.artifact.layers[1]!.descriptor.digest;
    const up = progress.filter((p) => p.operation === 'upload' && p.digest === cacheDigest);
    expect(up.at(-1)).toEqual({
      operation: 'upload',
      digest: cacheDigest,
      bytes: a.cacheBytes.length,
      total: a.cacheBytes.length,
    });
    expect(up.length).toBeGreaterThanOrEqual(3);

    const dir = await pullDir();
    const pulled = await c.pullArtifact(parseReference(`${r.host}/${repo}:v1`), dir);
    expect(pulled.digest).toBe(a.artifact.digest);
    expect(pulled.manifestBytes.equals(a.artifact.manifestBytes)).toBe(true);
    const files = await readPulled(dir);
    expect(files.cache.equals(a.cacheBytes)).toBe(true);
    expect(files.manifest.equals(a.manifestJson)).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['cache.jsonl.gz', 'manifest.json']);
    const down = progress.filter((p) => p.operation === 'download' && p.digest === cacheDigest);
    expect(down.at(-1)?.bytes).toBe(a.cacheBytes.length);

    const again = await c.pushArtifact(repo, a.artifact, ['v1']);
    expect(again.uploadedBytes).toBe(0);
    expect(again.skippedBlobs).toHaveLength(3);
    expect(again.uploadedBlobs).toHaveLength(0);
    c.close();
  });

  it('pulls by digest with a fresh client (pull-only token)', async () => {
    const r = registry();
    const a = await artifact();
    const pusher = client(r);
    await pusher.pushArtifact('lei-org/by-digest', a.artifact, []);
    expect(await r.listTags('lei-org/by-digest')).toEqual([]);
    const m = await r.getManifest('lei-org/by-digest', a.artifact.digest);
    expect(m.status).toBe(200);

    const before = r.tokenServer!.log.length;
    const puller = client(r);
    const dir = await pullDir();
    const pulled = await puller.pullArtifact(
      parseReference(`oci://${r.host}/lei-org/by-digest@${a.artifact.digest}`),
      dir,
    );
    expect(pulled.digest).toBe(a.artifact.digest);
    expect((await readPulled(dir)).cache.equals(a.cacheBytes)).toBe(true);
    const scopes = r.tokenServer!.log.slice(before).flatMap((l) => l.scopes);
    expect(scopes).toEqual(['repository:lei-org/by-digest:pull']);
  });

  it('fails with an auth error after one token request when the password is wrong', async () => {
    const r = registry();
    const a = await artifact();
    const before = r.tokenServer!.requests;
    const c = new RegistryClient(r.host, {
      credentials: { username: 'x', password: 'bad-secret-4711' },
      retryBaseDelayMs: 10,
    });
    const err = await c
      .pushArtifact('lei-org/wrong-pass', a.artifact, ['v1'])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialsRejectedError);
    expect((err as AuthError).name).toBe('CredentialsRejectedError');
    expect((err as AuthError).message).toMatch(
      /push blob sha256:[0-9a-f]{12}… to 127\.0\.0\.1:\d+\/lei-org\/wrong-pass/,
    );
    expect((err as AuthError).message).not.toContain('bad-secret-4711');
    expect(r.tokenServer!.requests - before).toBe(1);
    expect(await r.listTags('lei-org/wrong-pass')).toEqual([]);
  });

  it('fails with the registry DENIED code outside the namespace and moves no tag', async () => {
    const r = registry();
    const a = await artifact();
    const c = client(r);
    const err = await c
      .pushArtifact('other-org/cache', a.artifact, ['v1'])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    // authenticated, but not allowed: not a rejection of the credentials
    expect(err).not.toBeInstanceOf(CredentialsRejectedError);
    const e = err as AuthError;
    expect(e.status).toBe(401);
    expect(e.code).toBe('UNAUTHORIZED');
    expect(e.message).toMatch(
      /^push blob sha256:[0-9a-f]{12}… to 127\.0\.0\.1:\d+\/other-org\/cache: 401 UNAUTHORIZED: /,
    );
    expect(await r.listTags('other-org/cache')).toEqual([]);
  });

  it('reports a missing tag with the registry code', async () => {
    const r = registry();
    const c = client(r);
    const dir = await pullDir();
    const err = await c
      .pullArtifact(parseReference(`${r.host}/lei-org/cache:nope`), dir)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).message).toMatch(
      /pull manifest 127\.0\.0\.1:\d+\/lei-org\/cache:nope: 404 MANIFEST_UNKNOWN/,
    );
    expect(await readdir(dir)).toEqual([]);
  });
});

describeWithRegistry("RegistryClient with a token server that refuses like ghcr.io's", () => {
  const registry = useRegistry({ auth: 'token', wrongPassword: 'ghcr' });

  it('a wrong token is a CredentialsRejectedError: 403 DENIED: denied from the token endpoint', async () => {
    const r = registry();
    const c = new RegistryClient(r.host, {
      credentials: { username: 'octocat', password: 'ghs_expired' },
      retryBaseDelayMs: 10,
    });
    const before = r.tokenServer!.requests;
    const err = await c
      .pullArtifact(parseReference(`${r.host}/lei-org/cache:latest`), await pullDir())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialsRejectedError);
    const e = err as CredentialsRejectedError;
    expect([e.status, e.code, e.detail]).toEqual([403, 'DENIED', 'denied']);
    expect(e.message).toBe(
      `pull manifest ${r.host}/lei-org/cache:latest (token request to ${r.tokenServer!.url}): 403 DENIED: denied`,
    );
    expect(r.tokenServer!.requests - before).toBe(1);
  });
});

describeWithRegistry('RegistryClient with htpasswd (Basic) auth', () => {
  const registry = useRegistry({ auth: 'htpasswd' });

  it('pushes and pulls with Basic credentials', async () => {
    const r = registry();
    const a = await artifact();
    const c = client(r);
    const pushed = await c.pushArtifact('team/cache', a.artifact, ['b1']);
    expect((await r.getManifest('team/cache', 'b1')).digest).toBe(pushed.digest);
    const dir = await pullDir();
    await c.pullArtifact(parseReference(`${r.host}/team/cache:b1`), dir);
    expect((await readPulled(dir)).cache.equals(a.cacheBytes)).toBe(true);
  });

  it('fails with an auth error on a wrong password', async () => {
    const r = registry();
    const a = await artifact();
    const c = new RegistryClient(r.host, {
      credentials: { username: r.username, password: 'nope' },
      retryBaseDelayMs: 10,
    });
    const err = await c.pushArtifact('team/cache', a.artifact, ['b2']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialsRejectedError);
    expect((err as AuthError).status).toBe(401);
  });

  it('says credentials are needed when none are given', async () => {
    const r = registry();
    const a = await artifact();
    const c = new RegistryClient(r.host, { retryBaseDelayMs: 10 });
    const err = await c.pushArtifact('team/cache', a.artifact, ['b3']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).message).toMatch(/username and password/);
  });
});

describeWithRegistry('RegistryClient without auth', () => {
  const registry = useRegistry({ auth: 'none' });

  it('pushes and pulls anonymously', async () => {
    const r = registry();
    const a = await artifact();
    const c = new RegistryClient(r.host, { retryBaseDelayMs: 10 });
    const pushed = await c.pushArtifact('open/cache', a.artifact, ['n1']);
    expect((await r.getManifest('open/cache', 'n1')).digest).toBe(pushed.digest);
    const dir = await pullDir();
    const pulled = await c.pullArtifact(parseReference(`${r.host}/open/cache:n1`), dir);
    expect(pulled.digest).toBe(a.artifact.digest);
    expect((await readPulled(dir)).cache.equals(a.cacheBytes)).toBe(true);
  });
});
