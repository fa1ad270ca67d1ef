import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../../test-support/faultProxy.js';
import {
  describeWithRegistry,
  startRegistry,
  type TestRegistry,
} from '../../test-support/registry.js';
import { bearer, fetchToken, normalizeScope, parseChallenge, pushBlob, sha256 } from './util.js';

const REPO = 'lei-org/proxied';

describeWithRegistry('fault proxy in front of the test registry', () => {
  let registry: TestRegistry;
  let proxy: FaultProxy;
  let auth: Record<string, string>;
  const blob = randomBytes(64 * 1024);

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'token' });
    proxy = await startFaultProxy(registry);
    const { token } = await fetchToken(registry, [`repository:${REPO}:pull,push`]);
    auth = bearer(token);
    const { put } = await pushBlob(registry.host, REPO, blob, auth);
    expect(put.status).toBe(201);
  });
  afterAll(async () => {
    await proxy?.stop();
    await registry?.stop();
  });
  afterEach(() => proxy.clearRules());

  it('forwards without rules, keeps headers, and points absolute Locations at the proxy', async () => {
    const small = randomBytes(3000);
    const { post, put, location } = await pushBlob(proxy.host, REPO, small, auth);
    expect(post.status).toBe(202);
    expect(location).toMatch(
      new RegExp(`^http://${proxy.host}/v2/${REPO}/blobs/uploads/[0-9a-f-]+\\?_state=`),
    );
    expect(post.headers.get('docker-upload-uuid')).toMatch(/^[0-9a-f-]+$/);
    expect(put.status).toBe(201);
    expect(put.headers.get('docker-content-digest')).toBe(sha256(small));
    const head = await fetch(`http://${proxy.host}/v2/${REPO}/blobs/${sha256(small)}`, {
      method: 'HEAD',
      headers: auth,
    });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('3000');
    const last = proxy.requests.at(-1)!;
    expect(last).toMatchObject({
      method: 'HEAD',
      status: 200,
      hadAuthorization: true,
      host: proxy.host,
    });
    // the registry's own challenge comes through untouched
    const challenge = await fetch(`http://${proxy.host}/v2/`);
    expect(challenge.status).toBe(401);
    expect(parseChallenge(challenge.headers.get('www-authenticate')).params.realm).toBe(
      registry.tokenServer!.url,
    );
  });

  it('answers 503 instead of forwarding, for the given number of times', async () => {
    proxy.addRule({ method: 'GET', path: /\/tags\/list$/, status: 503, times: 2 });
    const url = `http://${proxy.host}/v2/${REPO}/tags/list`;
    expect((await fetch(url, { headers: auth })).status).toBe(503);
    expect((await fetch(url, { headers: auth })).status).toBe(503);
    // the blob-only repo has no tags: the real registry's answer
    expect((await fetch(url, { headers: auth })).status).toBe(404);
    expect(proxy.requests.slice(-3).map((r) => r.fault)).toEqual([
      'status 503',
      'status 503',
      undefined,
    ]);
  });

  it('answers 429 with Retry-After and a body', async () => {
    proxy.addRule({
      path: /\/blobs\/uploads\/$/,
      status: 429,
      headers: { 'retry-after': '2', 'content-type': 'application/json' },
      body: '{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}',
    });
    const res = await fetch(`http://${proxy.host}/v2/${REPO}/blobs/uploads/`, {
      method: 'POST',
      headers: auth,
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(((await res.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe(
      'TOOMANYREQUESTS',
    );
  });

  it('resets the connection halfway through a large PUT, and the blob does not land', async () => {
    const big = randomBytes(8 * 1024 * 1024);
    proxy.addRule({ method: 'PUT', path: /\/blobs\/uploads\//, resetAfterBytes: 1024 * 1024 });
    await expect(pushBlob(proxy.host, REPO, big, auth)).rejects.toThrow();
    expect(proxy.requests.at(-1)).toMatchObject({
      method: 'PUT',
      status: 0,
      fault: 'resetAfterBytes',
    });
    const head = await fetch(`http://${registry.host}/v2/${REPO}/blobs/${sha256(big)}`, {
      method: 'HEAD',
      headers: auth,
    });
    expect(head.status).toBe(404);
    // a second attempt (rule used up) goes through
    const { put } = await pushBlob(proxy.host, REPO, big, auth);
    expect(put.status).toBe(201);
  });

  it('makes an absolute Location relative, keeping its query', async () => {
    proxy.addRule({ method: 'POST', relativeLocation: true });
    const small = randomBytes(500);
    const { location, put } = await pushBlob(proxy.host, REPO, small, auth);
    expect(location).toMatch(new RegExp(`^/v2/${REPO}/blobs/uploads/[0-9a-f-]+\\?_state=`));
    expect(put.status).toBe(201);
  });

  it('redirects a blob GET to another host, which serves the bytes and records Authorization', async () => {
    proxy.addRule({ method: 'GET', path: /\/blobs\/sha256:/, redirectTo: 'otherHost', times: 2 });
    const url = `http://${proxy.host}/v2/${REPO}/blobs/${sha256(blob)}`;
    const redirect = await fetch(url, { headers: auth, redirect: 'manual' });
    expect(redirect.status).toBe(307);
    const location = new URL(redirect.headers.get('location')!);
    expect(location.host).toBe(proxy.otherHost.host);
    expect(location.host).not.toBe(proxy.host);
    expect(location.hostname).not.toBe(new URL(`http://${proxy.host}`).hostname);

    // a client that drops Authorization on the cross-host hop
    const clean = await fetch(location);
    expect(Buffer.from(await clean.arrayBuffer()).equals(blob)).toBe(true);
    expect(proxy.otherHost.requests.at(-1)).toMatchObject({ hadAuthorization: false, status: 200 });

    // a (bad) client that sends it along is caught
    const leaky = await fetch(location, { headers: { ...auth, cookie: 'session=1' } });
    await leaky.arrayBuffer();
    expect(proxy.otherHost.requests.at(-1)).toMatchObject({
      hadAuthorization: true,
      hadCookie: true,
    });

    // fetch itself follows the 307 and (per the Fetch standard) drops Authorization cross-origin
    const followed = await fetch(url, { headers: auth });
    expect(Buffer.from(await followed.arrayBuffer()).equals(blob)).toBe(true);
    expect(proxy.otherHost.requests.at(-1)!.hadAuthorization).toBe(false);
  });

  it('corrupts a response body (same length, different bytes)', async () => {
    proxy.addRule({ method: 'GET', path: /\/blobs\/sha256:/, corruptResponseBody: true });
    const res = await fetch(`http://${proxy.host}/v2/${REPO}/blobs/${sha256(blob)}`, {
      headers: auth,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('docker-content-digest')).toBe(sha256(blob));
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBe(blob.length);
    expect(sha256(bytes)).not.toBe(sha256(blob));
  });

  it('rejects a valid token once with the registry real Bearer challenge', async () => {
    proxy.addRule({ method: 'POST', rejectToken: true });
    const issued = registry.tokenServer!.issued;
    const url = `http://${proxy.host}/v2/${REPO}/blobs/uploads/`;
    const rejected = await fetch(url, { method: 'POST', headers: auth });
    expect(rejected.status).toBe(401);
    const { scheme, params } = parseChallenge(rejected.headers.get('www-authenticate'));
    expect(scheme).toBe('Bearer');
    expect(params.realm).toBe(registry.tokenServer!.url);
    expect(params.service).toBe('lei-test-registry');
    expect(normalizeScope(params.scope)).toBe(`repository:${REPO}:pull,push`);
    expect(params.error).toBe('invalid_token');
    const body = (await rejected.json()) as { errors: { code: string }[] };
    expect(body.errors[0]!.code).toBe('UNAUTHORIZED');
    expect(registry.tokenServer!.issued).toBe(issued); // the proxy did not use the token server
    const accepted = await fetch(url, { method: 'POST', headers: auth });
    await accepted.arrayBuffer();
    expect(accepted.status).toBe(202);
  });

  it('overrides or removes headers of a forwarded response', async () => {
    const wrong = `sha256:${'0'.repeat(64)}`;
    proxy.addRule({
      method: 'HEAD',
      overrideResponseHeaders: { 'docker-content-digest': wrong, etag: null },
    });
    const url = `http://${proxy.host}/v2/${REPO}/blobs/${sha256(blob)}`;
    const res = await fetch(url, { method: 'HEAD', headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('docker-content-digest')).toBe(wrong);
    expect(res.headers.get('etag')).toBeNull();
    expect(res.headers.get('content-length')).toBe(String(blob.length));
    const plain = await fetch(url, { method: 'HEAD', headers: auth });
    expect(plain.headers.get('docker-content-digest')).toBe(sha256(blob));
    expect(plain.headers.get('etag')).not.toBeNull();
  });

  it('stalls a request: a client with a short timeout gives up, a patient one gets the answer', async () => {
    proxy.addRule({ method: 'GET', path: /^\/v2\/$/, stallMs: 3000 });
    await expect(
      fetch(`http://${proxy.host}/v2/`, { signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow(/abort|timeout/i);
    // the proxy never answered it
    expect(proxy.requests.at(-1)).toMatchObject({ fault: 'stall', status: 0 });

    proxy.addRule({ method: 'GET', path: /^\/v2\/$/, stallMs: 400 });
    const patientStart = Date.now();
    const res = await fetch(`http://${proxy.host}/v2/`);
    expect(res.status).toBe(401);
    expect(Date.now() - patientStart).toBeGreaterThanOrEqual(350);
  });

  it('stalls a response body after some bytes', async () => {
    proxy.addRule({
      method: 'GET',
      path: /\/blobs\/sha256:/,
      stallAfterResponseBytes: 1000,
      stallMs: 500,
    });
    const res = await fetch(`http://${proxy.host}/v2/${REPO}/blobs/${sha256(blob)}`, {
      headers: auth,
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let firstAt = 0;
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (firstAt === 0) firstAt = Date.now();
      total += value.length;
    }
    expect(total).toBe(blob.length);
    // the pause falls inside the body: between its first bytes and its end
    expect(Date.now() - firstAt).toBeGreaterThanOrEqual(450);
  });
});
