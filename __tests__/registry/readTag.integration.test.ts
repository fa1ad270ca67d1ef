/**
 * RegistryClient.readTag against the real distribution registry (token auth): what a tag points
 * at, with an LEI snapshot's manifest.json bytes as pushed (verified against their digest), for
 * the push's comparison with `latest`.
 */
import { afterAll, expect, it } from 'vitest';
import { RegistryClient, VerificationError } from '../../src/registry/index.js';
import { startFaultProxy } from '../../test-support/faultProxy.js';
import { describeWithRegistry, useRegistry } from '../../test-support/registry.js';
import { makeArtifact, type TestArtifact } from './fixtures.js';

const made: TestArtifact[] = [];
afterAll(async () => {
  await Promise.all(made.map((a) => a.cleanup()));
});

describeWithRegistry('RegistryClient.readTag', () => {
  const registry = useRegistry({ auth: 'token', namespace: 'lei-org' });

  function client(host = registry().host): RegistryClient {
    const r = registry();
    return new RegistryClient(host, {
      credentials: { username: r.username, password: r.password },
      retryBaseDelayMs: 10,
    });
  }

  it('reads absent, then an LEI snapshot with its manifest.json bytes, then something else', async () => {
    const r = registry();
    const repository = 'lei-org/read-tag';
    const a = await makeArtifact(1024, 'read-tag');
    made.push(a);
    const c = client();
    try {
      // a repository that does not exist yet, with the scope a push asks for
      expect(await c.readTag(repository, 'latest', 'pull,push')).toEqual({ kind: 'absent' });
      await c.pushArtifact(repository, a.artifact, ['latest']);
      const read = await c.readTag(repository, 'latest');
      expect(read).toEqual({
        kind: 'snapshot',
        digest: a.artifact.digest,
        date: '2026-11-22',
        created: '2026-11-22T03:14:07Z',
        manifestJson: a.manifestJson,
      });
      const index = await r.putManifest(
        repository,
        'latest',
        'application/vnd.oci.image.index.v1+json',
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.index.v1+json',
          manifests: [],
        }),
      );
      expect(await c.readTag(repository, 'latest')).toEqual({
        kind: 'other',
        digest: index,
        what: 'an OCI image index',
      });
    } finally {
      c.close();
    }
  });

  it('refuses a manifest.json layer whose bytes do not match its digest', async () => {
    const repository = 'lei-org/read-tag-corrupt';
    const a = await makeArtifact(1024, 'corrupt');
    made.push(a);
    const direct = client();
    const proxy = await startFaultProxy(registry());
    const viaProxy = client(proxy.host);
    try {
      await direct.pushArtifact(repository, a.artifact, ['latest']);
      const layer = a.artifact.layers.find(
        (l) => l.descriptor.mediaType === 'application/vnd.lei.cache.manifest+json',
      );
      proxy.addRule({
        method: 'GET',
        path: new RegExp(`^/v2/${repository}/blobs/${layer?.descriptor.digest ?? 'none'}`),
        corruptResponseBody: true,
        times: Infinity,
      });
      const failure = viaProxy.readTag(repository, 'latest');
      await expect(failure).rejects.toBeInstanceOf(VerificationError);
      await expect(failure).rejects.toThrow(
        /the bytes hash to sha256:[0-9a-f]{64}, the descriptor says/,
      );
    } finally {
      direct.close();
      viaProxy.close();
      await proxy.stop();
    }
  });

  it('refuses an invalid tag before any request', async () => {
    const c = client();
    try {
      await expect(c.readTag('lei-org/read-tag', '-bad')).rejects.toThrow(/cannot read .*:-bad/);
    } finally {
      c.close();
    }
  });
});
