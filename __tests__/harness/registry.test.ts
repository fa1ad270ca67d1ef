import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import {
  describeWithRegistry,
  libtrustKeyId,
  startRegistry,
  useRegistry,
} from '../../test-support/registry.js';
import {
  basic,
  bearer,
  fetchToken,
  leiManifest,
  normalizeScope,
  parseChallenge,
  pushBlob,
  sha256,
} from './util.js';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

it('computes libtrust key IDs in the 12 groups of 4 base32 characters distribution expects', () => {
  const id = libtrustKeyId(Buffer.from('any spki bytes'));
  expect(id).toMatch(/^([A-Z2-7]{4}:){11}[A-Z2-7]{4}$/);
  expect(libtrustKeyId(Buffer.from('other bytes'))).not.toBe(id);
});

describeWithRegistry('test registry with token auth (ghcr-like)', () => {
  const registry = useRegistry({ auth: 'token', namespace: 'lei-org' });

  it('challenges, issues a token for the password with any username, and accepts it on /v2/', async () => {
    const r = registry();
    expect(r.host).toMatch(/^127\.0\.0\.1:\d+$/);
    const anonymous = await fetch(`http://${r.host}/v2/`);
    expect(anonymous.status).toBe(401);
    const { scheme, params } = parseChallenge(anonymous.headers.get('www-authenticate'));
    expect(scheme).toBe('Bearer');
    expect(params.realm).toBe(r.tokenServer!.url);
    expect(params.service).toBe('lei-test-registry');

    const issuedBefore = r.tokenServer!.issued;
    const result = await fetchToken(r, ['repository:lei-org/cache:pull,push'], {
      username: 'whatever-user',
      password: r.password,
    });
    expect(result.status).toBe(200);
    expect(result.body.access_token).toBe(result.token);
    expect(result.body.expires_in).toBe(300);
    expect(typeof result.body.issued_at).toBe('string');
    expect(r.tokenServer!.issued).toBe(issuedBefore + 1);
    expect(r.tokenServer!.log.at(-1)).toMatchObject({
      username: 'whatever-user',
      status: 200,
      granted: [{ name: 'lei-org/cache', actions: ['pull', 'push'] }],
    });

    const authed = await fetch(`http://${r.host}/v2/`, { headers: bearer(result.token) });
    expect(authed.status).toBe(200);
  });

  it('takes a real monolithic blob push and a manifest push, then serves them by tag', async () => {
    const r = registry();
    const repo = 'lei-org/harness-push';
    const { token } = await fetchToken(r, [`repository:${repo}:pull,push`]);
    const auth = bearer(token);
    const config = Buffer.from(JSON.stringify({ lei_version: '0.9.1', format_version: '1.0' }));
    const layer = Buffer.from('{"entry_count": 1}\n');

    const head = await fetch(`http://${r.host}/v2/${repo}/blobs/${sha256(layer)}`, {
      method: 'HEAD',
      headers: auth,
    });
    expect(head.status).toBe(404);

    for (const blob of [config, layer]) {
      const { post, put, location } = await pushBlob(r.host, repo, blob, auth);
      expect(post.status).toBe(202);
      // distribution 2.8 sends an absolute Location that already carries a _state query
      expect(location).toMatch(
        new RegExp(`^http://${r.host}/v2/${repo}/blobs/uploads/[0-9a-f-]+\\?_state=`),
      );
      expect(put.status).toBe(201);
      expect(put.headers.get('docker-content-digest')).toBe(sha256(blob));
    }

    const manifest = leiManifest(config, layer);
    const put = await fetch(`http://${r.host}/v2/${repo}/manifests/2026-11-27`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': OCI_MANIFEST },
      body: manifest,
    });
    expect(put.status).toBe(201);
    expect(put.headers.get('docker-content-digest')).toBe(sha256(manifest));

    const get = await fetch(`http://${r.host}/v2/${repo}/manifests/2026-11-27`, {
      headers: { ...auth, accept: OCI_MANIFEST },
    });
    expect(get.status).toBe(200);
    expect(Buffer.from(await get.arrayBuffer()).equals(manifest)).toBe(true);

    const viaHelper = await r.getManifest(repo, '2026-11-27');
    expect(viaHelper.status).toBe(200);
    expect(viaHelper.digest).toBe(sha256(manifest));
    expect(viaHelper.contentType).toBe(OCI_MANIFEST);
    expect(viaHelper.bytes.equals(manifest)).toBe(true);
    expect(await r.listTags(repo)).toEqual(['2026-11-27']);
    expect((await r.getBlob(repo, sha256(layer))).equals(layer)).toBe(true);
    expect(await r.listTags('lei-org/never-pushed')).toEqual([]);
    const seeded = randomBytes(2048);
    expect(await r.putBlob('elsewhere/seeded', seeded)).toBe(sha256(seeded));
    expect((await r.getBlob('elsewhere/seeded', sha256(seeded))).equals(seeded)).toBe(true);
    expect((await r.getManifest(repo, 'no-such-tag')).status).toBe(404);
  });

  it('issues a token without access outside the namespace, and the registry refuses it', async () => {
    const r = registry();
    const result = await fetchToken(r, ['repository:other-org/cache:pull,push']);
    expect(result.status).toBe(200);
    expect(r.tokenServer!.log.at(-1)!.granted).toEqual([{ name: 'other-org/cache', actions: [] }]);

    const post = await fetch(`http://${r.host}/v2/other-org/cache/blobs/uploads/`, {
      method: 'POST',
      headers: bearer(result.token),
    });
    expect([401, 403]).toContain(post.status);
    const challenge = parseChallenge(post.headers.get('www-authenticate'));
    expect(challenge.params.error).toBe('insufficient_scope');
    expect(normalizeScope(challenge.params.scope)).toBe('repository:other-org/cache:pull,push');
    const body = (await post.json()) as { errors: { code: string; message: string }[] };
    expect(body.errors[0]!.code).toMatch(/UNAUTHORIZED|DENIED/);
  });

  it('gives anonymous requests a token that cannot pull (private packages)', async () => {
    const r = registry();
    const result = await fetchToken(r, ['repository:lei-org/cache:pull'], null);
    expect(result.status).toBe(200);
    expect(r.tokenServer!.log.at(-1)).toMatchObject({
      status: 200,
      granted: [{ name: 'lei-org/cache', actions: [] }],
    });
    expect(r.tokenServer!.log.at(-1)!.username).toBeUndefined();
    const get = await fetch(`http://${r.host}/v2/lei-org/cache/tags/list`, {
      headers: bearer(result.token),
    });
    expect(get.status).toBe(401);
  });

  it('answers a wrong password (and a raw token sent as Bearer) with 401 JSON at the token server', async () => {
    const r = registry();
    const deniedBefore = r.tokenServer!.denied;
    const wrong = await fetchToken(r, ['repository:lei-org/cache:pull'], {
      username: r.username,
      password: `${r.password}x`,
    });
    expect(wrong.status).toBe(401);
    expect(wrong.token).toBeUndefined();
    expect((wrong.body.errors as { code: string }[])[0]!.code).toBe('UNAUTHORIZED');

    const url = new URL(r.tokenServer!.url);
    url.searchParams.set('service', 'lei-test-registry');
    url.searchParams.set('scope', 'repository:lei-org/cache:pull');
    const rawBearer = await fetch(url, { headers: { authorization: `Bearer ${r.password}` } });
    expect(rawBearer.status).toBe(401);
    await rawBearer.arrayBuffer();
    expect(r.tokenServer!.denied).toBe(deniedBefore + 2);
  });

  it('accepts several scopes in one token request', async () => {
    const r = registry();
    const result = await fetchToken(r, [
      'repository:lei-org/a:pull,push',
      'repository:lei-org/b:pull',
    ]);
    expect(result.status).toBe(200);
    expect(r.tokenServer!.log.at(-1)!.granted).toEqual([
      { name: 'lei-org/a', actions: ['pull', 'push'] },
      { name: 'lei-org/b', actions: ['pull'] },
    ]);
    const list = await fetch(`http://${r.host}/v2/lei-org/b/tags/list`, {
      headers: bearer(result.token),
    });
    expect(list.status).toBe(404); // allowed, just empty (NAME_UNKNOWN)
  });
});

describeWithRegistry('test registry with anonymous pull', () => {
  const registry = useRegistry({ auth: 'token', anonymousPull: true });

  it('grants anonymous pull in the namespace but never push', async () => {
    const r = registry();
    const result = await fetchToken(r, ['repository:lei-org/public:pull,push'], null);
    expect(r.tokenServer!.log.at(-1)!.granted).toEqual([
      { name: 'lei-org/public', actions: ['pull'] },
    ]);
    const post = await fetch(`http://${r.host}/v2/lei-org/public/blobs/uploads/`, {
      method: 'POST',
      headers: bearer(result.token),
    });
    expect(post.status).toBe(401);
  });
});

describeWithRegistry('test registry with htpasswd auth', () => {
  const registry = useRegistry({ auth: 'htpasswd' });

  it('accepts Basic credentials from the htpasswd file and pushes a blob with them', async () => {
    const r = registry();
    const ok = await fetch(`http://${r.host}/v2/`, {
      headers: { authorization: basic(r.username, r.password) },
    });
    expect(ok.status).toBe(200);
    const blob = randomBytes(1024);
    const { put } = await pushBlob(r.host, 'lei-org/basic', blob, {
      authorization: basic(r.username, r.password),
    });
    expect(put.status).toBe(201);
    expect((await r.getBlob('lei-org/basic', sha256(blob))).equals(blob)).toBe(true);
  });

  it('refuses a wrong password and no credentials with a Basic challenge', async () => {
    const r = registry();
    const wrong = await fetch(`http://${r.host}/v2/`, {
      headers: { authorization: basic(r.username, 'nope') },
    });
    expect(wrong.status).toBe(401);
    const none = await fetch(`http://${r.host}/v2/`);
    expect(none.status).toBe(401);
    expect(parseChallenge(none.headers.get('www-authenticate')).scheme).toBe('Basic');
  });
});

describeWithRegistry('test registry without auth', () => {
  const registry = useRegistry({ auth: 'none' });

  it('serves and stores without credentials', async () => {
    const r = registry();
    expect(r.tokenServer).toBeUndefined();
    expect((await fetch(`http://${r.host}/v2/`)).status).toBe(200);
    const blob = randomBytes(100);
    const { put } = await pushBlob(r.host, 'anything/goes', blob, {});
    expect(put.status).toBe(201);
    expect((await r.getBlob('anything/goes', sha256(blob))).equals(blob)).toBe(true);
  });
});

describeWithRegistry('test registry lifecycle', () => {
  it('stop() kills the registry and removes its directory', async () => {
    const r = await startRegistry({ auth: 'none' });
    expect(existsSync(r.storageDir.replace(/\/storage$/, ''))).toBe(true);
    expect((await fetch(`http://${r.host}/v2/`)).status).toBe(200);
    await r.stop();
    await expect(fetch(`http://${r.host}/v2/`)).rejects.toThrow();
    expect(existsSync(r.storageDir.replace(/\/storage$/, ''))).toBe(false);
    await r.stop(); // idempotent
  });

  it('runs two registries side by side on different ports', async () => {
    const [a, b] = await Promise.all([startRegistry(), startRegistry({ auth: 'htpasswd' })]);
    try {
      expect(a.host).not.toBe(b.host);
      expect((await fetch(`http://${a.host}/v2/`)).status).toBe(401);
      expect((await fetch(`http://${b.host}/v2/`)).status).toBe(401);
      expect(a.password).not.toBe(b.password);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});
