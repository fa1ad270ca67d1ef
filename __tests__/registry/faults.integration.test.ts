/**
 * RegistryClient against the real registry behind the harness's fault-injecting proxy: server
 * errors, rate limits, resets, relative Locations, redirects to a storage host, corrupted bytes,
 * rejected tokens, stalls.
 */
import { readdir, rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import {
  RegistryClient,
  RegistryError,
  parseReference,
  type RegistryClientOptions,
  type RetryEvent,
} from '../../src/registry/index.js';
import { startFaultProxy, type FaultProxy } from '../../test-support/faultProxy.js';
import {
  describeWithRegistry,
  useRegistry,
  type TestRegistry,
} from '../../test-support/registry.js';
import { makeArtifact, readPulled, tempDir, type TestArtifact } from './fixtures.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(cleanups.map((c) => c()));
});

async function artifact(size?: number): Promise<TestArtifact> {
  const a = await makeArtifact(size);
  cleanups.push(a.cleanup);
  return a;
}

async function pullDir(): Promise<string> {
  const d = await tempDir();
  cleanups.push(() => rm(d, { recursive: true, force: true }));
  return d;
}

describeWithRegistry('RegistryClient through a fault-injecting proxy (token auth)', () => {
  const registry = useRegistry({ auth: 'token', namespace: 'lei-org' });
  let proxy: FaultProxy;
  let r: TestRegistry;
  let debug: string[] = [];

  beforeAll(async () => {
    r = registry();
    proxy = await startFaultProxy(r);
  });
  afterAll(async () => {
    await proxy.stop();
  });
  afterEach(() => {
    proxy.clearRules();
    proxy.requests.length = 0;
    proxy.otherHost.requests.length = 0;
    debug = [];
  });

  const client = (extra: RegistryClientOptions = {}): RegistryClient =>
    new RegistryClient(proxy.host, {
      credentials: { username: r.username, password: r.password },
      retryBaseDelayMs: 10,
      onDebug: (m) => debug.push(m),
      ...extra,
    });

  it('retries 503s and then succeeds', async () => {
    const a = await artifact();
    proxy.addRule({
      method: 'POST',
      path: /\/blobs\/uploads\/$/,
      status: 503,
      times: 2,
      body: 'busy',
    });
    const pushed = await client().pushArtifact('lei-org/retry-503', a.artifact, ['v1']);
    expect((await r.getManifest('lei-org/retry-503', 'v1')).digest).toBe(pushed.digest);
    expect(proxy.requests.filter((q) => q.fault === 'status 503')).toHaveLength(2);
    expect(debug.some((m) => /attempt 1 of 5 failed \(503/.test(m))).toBe(true);
  });

  it('gives up after maxAttempts with the status in the message', async () => {
    const a = await artifact();
    proxy.addRule({ method: 'POST', path: /\/blobs\/uploads\/$/, status: 502, times: Infinity });
    const err = await client({ maxAttempts: 3, concurrency: 1 })
      .pushArtifact('lei-org/retry-502', a.artifact, ['v1'])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).status).toBe(502);
    expect((err as RegistryError).message).toMatch(
      /push blob sha256:[0-9a-f]{12}… to 127\.0\.0\.1:\d+\/lei-org\/retry-502: 502 .*gave up after 3 attempts/,
    );
    expect(proxy.requests.filter((q) => q.method === 'POST')).toHaveLength(3);
    expect(proxy.requests.some((q) => q.path.includes('/manifests/'))).toBe(false);
  });

  it('honours Retry-After on 429', async () => {
    const a = await artifact();
    proxy.addRule({
      method: 'PUT',
      path: /\/manifests\//,
      status: 429,
      headers: { 'retry-after': '1' },
    });
    const started = Date.now();
    await client().pushArtifact('lei-org/retry-429', a.artifact, ['v1']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(debug.some((m) => /429.*retrying in 1000 ms/.test(m))).toBe(true);
    expect((await r.getManifest('lei-org/retry-429', 'v1')).digest).toBe(a.artifact.digest);
  });

  it("retries ghcr.io's 403 secondary rate limit", async () => {
    const a = await artifact();
    proxy.addRule({
      method: 'POST',
      path: /\/blobs\/uploads\/$/,
      status: 403,
      body: '{"errors":[{"code":"DENIED","message":"You have exceeded a secondary rate limit"}]}',
    });
    await client().pushArtifact('lei-org/secondary', a.artifact, ['v1']);
    expect((await r.getManifest('lei-org/secondary', 'v1')).digest).toBe(a.artifact.digest);
  });

  it('starts a new upload session after a reset halfway through a large PUT', async () => {
    const a = await artifact(8 * 1024 * 1024);
    const cacheParam = `digest=${encodeURIComponent(a.artifact.layers[1]!.descriptor.digest)}`;
    proxy.addRule({
      method: 'PUT',
      path: new RegExp(cacheParam),
      resetAfterBytes: 4 * 1024 * 1024,
    });
    const pushed = await client({ concurrency: 1 }).pushArtifact('lei-org/reset', a.artifact, [
      'v1',
    ]);
    expect(pushed.uploadedBytes).toBe(a.artifact.blobs.reduce((n, b) => n + b.descriptor.size, 0));
    const puts = proxy.requests.filter(
      (q) => q.method === 'PUT' && q.path.includes('/blobs/uploads/'),
    );
    const reset = puts.find((q) => q.fault === 'resetAfterBytes')!;
    const retried = puts.find((q) => q !== reset && q.path.includes(cacheParam))!;
    expect(reset).toBeDefined();
    expect(retried.status).toBe(201);
    expect(retried.path.split('?')[0]).not.toBe(reset.path.split('?')[0]); // a new session
    expect(proxy.requests.filter((q) => q.method === 'POST')).toHaveLength(4);
    expect(debug.some((m) => /new upload session \(attempt 2\)/.test(m))).toBe(true);
    const cache = await r.getBlob('lei-org/reset', a.artifact.layers[1]!.descriptor.digest);
    expect(cache.equals(a.cacheBytes)).toBe(true);
  });

  it('resolves relative Location headers', async () => {
    const a = await artifact();
    proxy.addRule({
      method: 'POST',
      path: /\/blobs\/uploads\/$/,
      relativeLocation: true,
      times: Infinity,
    });
    await client().pushArtifact('lei-org/relative', a.artifact, ['v1']);
    const puts = proxy.requests.filter(
      (q) => q.method === 'PUT' && q.path.includes('/blobs/uploads/'),
    );
    expect(puts).toHaveLength(3);
    for (const p of puts) {
      expect(p.status).toBe(201);
      expect(p.path).toMatch(/[?&]_state=[^&]+&digest=sha256%3A[0-9a-f]{64}$/);
    }
    expect((await r.getManifest('lei-org/relative', 'v1')).digest).toBe(a.artifact.digest);
  });

  it('follows a blob redirect to another host without sending Authorization there', async () => {
    const a = await artifact();
    await client().pushArtifact('lei-org/redirect', a.artifact, ['v1']);
    proxy.addRule({
      method: 'GET',
      path: /\/blobs\/sha256:/,
      redirectTo: 'otherHost',
      times: Infinity,
    });
    const dir = await pullDir();
    await client().pullArtifact(parseReference(`${proxy.host}/lei-org/redirect:v1`), dir);
    expect((await readPulled(dir)).cache.equals(a.cacheBytes)).toBe(true);
    const redirected = proxy.requests.filter((q) => q.fault === 'redirectTo');
    expect(redirected).toHaveLength(2);
    expect(redirected.every((q) => q.hadAuthorization)).toBe(true);
    expect(proxy.otherHost.requests).toHaveLength(2);
    for (const q of proxy.otherHost.requests) {
      expect(q.hadAuthorization).toBe(false);
      expect(q.hadCookie).toBe(false);
      expect(q.status).toBe(200);
    }
  });

  it('fails a pull with a corrupted blob, naming the layer and leaving no file', async () => {
    const a = await artifact();
    await client().pushArtifact('lei-org/corrupt', a.artifact, ['v1']);
    const cacheDigest = a.artifact.layers[1]!.descriptor.digest;
    proxy.addRule({
      method: 'GET',
      path: new RegExp(`/blobs/${cacheDigest}`),
      corruptResponseBody: true,
      times: Infinity,
    });
    const dir = await pullDir();
    const err = await client()
      .pullArtifact(parseReference(`${proxy.host}/lei-org/corrupt:v1`), dir)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain('cache.jsonl.gz');
    expect((err as Error).message).toMatch(/digest/i);
    expect(await readdir(dir)).toEqual([]);
    // a digest mismatch is not retried
    expect(proxy.requests.filter((q) => q.fault === 'corruptResponseBody')).toHaveLength(1);
  });

  it('fetches a new token once when the registry rejects it mid-push', async () => {
    const a = await artifact();
    const c = client();
    await c.pushArtifact('lei-org/token-old', a.artifact, ['v0']); // warm the token cache
    const before = r.tokenServer!.requests;
    proxy.addRule({ method: 'PUT', path: /\/manifests\//, rejectToken: true });
    const b = await artifact();
    await c.pushArtifact('lei-org/token-old', b.artifact, ['v1']);
    expect(r.tokenServer!.requests - before).toBe(1);
    expect(proxy.requests.filter((q) => q.fault === 'rejectToken')).toHaveLength(1);
    expect((await r.getManifest('lei-org/token-old', 'v1')).digest).toBe(b.artifact.digest);
  });

  it('retries a stalled request', async () => {
    const a = await artifact();
    proxy.addRule({ method: 'POST', path: /\/blobs\/uploads\/$/, stallMs: 5000 });
    const started = Date.now();
    await client({ stallTimeoutMs: 400 }).pushArtifact('lei-org/stall', a.artifact, ['v1']);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(debug.some((m) => /stalled/.test(m))).toBe(true);
    expect((await r.getManifest('lei-org/stall', 'v1')).digest).toBe(a.artifact.digest);
  });

  it('retries a download that stalls mid-body', async () => {
    const a = await artifact(2 * 1024 * 1024);
    await client().pushArtifact('lei-org/stall-get', a.artifact, ['v1']);
    const cacheDigest = a.artifact.layers[1]!.descriptor.digest;
    proxy.addRule({
      method: 'GET',
      path: new RegExp(`/blobs/${cacheDigest}`),
      stallAfterResponseBytes: 100_000,
      stallMs: 5000,
    });
    const dir = await pullDir();
    const started = Date.now();
    await client({ stallTimeoutMs: 400 }).pullArtifact(
      parseReference(`${proxy.host}/lei-org/stall-get:v1`),
      dir,
    );
    expect(Date.now() - started).toBeLessThan(4000);
    expect((await readPulled(dir)).cache.equals(a.cacheBytes)).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['cache.jsonl.gz', 'manifest.json']);
  });

  it('moves no tag when a blob fails', async () => {
    const old = await artifact();
    await client().pushArtifact('lei-org/no-move', old.artifact, ['stable']);
    const next = await artifact();
    proxy.requests.length = 0;
    proxy.addRule({
      method: 'PUT',
      path: new RegExp(`digest=${encodeURIComponent(next.artifact.layers[1]!.descriptor.digest)}`),
      status: 400,
      headers: { 'content-type': 'application/json' },
      body: '{"errors":[{"code":"BLOB_UPLOAD_INVALID","message":"blob upload invalid"}]}',
    });
    const err = await client()
      .pushArtifact('lei-org/no-move', next.artifact, ['stable'])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).message).toMatch(
      /: 400 BLOB_UPLOAD_INVALID: blob upload invalid$/,
    );
    expect(proxy.requests.some((q) => q.path.includes('/manifests/'))).toBe(false);
    expect((await r.getManifest('lei-org/no-move', 'stable')).digest).toBe(old.artifact.digest);
  });

  it('onRetry hears each retry instead of the debug line; the last failure says it gave up', async () => {
    const a = await artifact();
    await client().pushArtifact('lei-org/hooked', a.artifact, ['v1']);
    proxy.addRule({
      method: 'GET',
      path: /\/tags\/list/,
      status: 503,
      times: Infinity,
      body: 'busy',
    });
    const retries: RetryEvent[] = [];
    const err = await client({ maxAttempts: 3, onRetry: (retry) => retries.push(retry) })
      .repository('lei-org/hooked')
      .listTags()
      .catch((e: unknown) => e);
    const operation = `list tags of ${proxy.host}/lei-org/hooked`;
    expect(retries.map((e) => [e.operation, e.attempt, e.maxAttempts])).toEqual([
      [operation, 1, 3],
      [operation, 2, 3],
    ]);
    expect(retries.every((e) => e.reason.startsWith('503') && e.delayMs >= 0)).toBe(true);
    expect(retries.every((e) => e.error instanceof RegistryError)).toBe(true);
    expect(debug.some((m) => /attempt \d of 3 failed/.test(m))).toBe(false);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).message).toBe(
      `${operation}: 503 Service Unavailable: busy (expected 200 OK) (gave up after 3 attempts)`,
    );
    expect((err as RegistryError).attempts).toBe(3);
  });

  // A tag deleted between the tags list and its resolve is a race the real registry cannot be
  // made to lose on demand: the proxy answers that tag's HEAD with 404, as the registry then would.
  it('taggedManifests leaves out a tag that went since the listing', async () => {
    const a = await artifact();
    await client().pushArtifact('lei-org/racing', a.artifact, ['2026-11-22', 'gone']);
    proxy.addRule({ method: 'HEAD', path: /\/manifests\/gone$/, status: 404 });
    const listed = await client().repository('lei-org/racing').taggedManifests();
    expect(listed).toEqual([{ digest: a.artifact.digest, tags: ['2026-11-22'] }]);
    expect(proxy.requests.filter((q) => q.fault === 'status 404')).toHaveLength(1);
  });
});
