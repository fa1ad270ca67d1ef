/**
 * The repository-bound client (RegistryClient.repository) against the real distribution
 * registry with token auth: each blob and manifest operation on its own, as later operations
 * (tags list, delete, resolve) will use them.
 */
import { rm } from 'node:fs/promises';
import { afterAll, expect, it } from 'vitest';
import {
  InvalidReferenceError,
  RegistryClient,
  UsageError,
  parseReference,
  type FetchedManifest,
  type ManifestContent,
  type Repository,
} from '../../src/registry/index.js';
import { describeWithRegistry, useRegistry } from '../../test-support/registry.js';
import { makeArtifact, type TestArtifact } from './fixtures.js';

const made: TestArtifact[] = [];
afterAll(async () => {
  await Promise.all(made.map((a) => a.cleanup()));
  await Promise.all(made.map((a) => rm(a.dir, { recursive: true, force: true })));
});

describeWithRegistry('Repository with token auth', () => {
  const registry = useRegistry({ auth: 'token', namespace: 'lei-org' });

  it('pushes blobs, the manifest by digest and then a tag; fetches them back verified', async () => {
    const r = registry();
    const a = await makeArtifact(64 * 1024 + 3);
    made.push(a);
    const client = new RegistryClient(r.host, {
      credentials: { username: r.username, password: r.password },
      retryBaseDelayMs: 10,
    });
    try {
      const repo: Repository = client.repository('lei-org/repo-api', 'pull,push');
      expect(repo.name).toBe('lei-org/repo-api');
      for (const blob of a.artifact.blobs) {
        expect(await repo.blobExists(blob.descriptor)).toBe(false);
        expect((await repo.pushBlob(blob)).uploaded).toBe(true);
        expect(await repo.blobExists(blob.descriptor)).toBe(true);
        expect((await repo.pushBlob(blob)).uploaded).toBe(false);
      }

      const content: ManifestContent = {
        bytes: a.artifact.manifestBytes,
        mediaType: a.artifact.manifest.mediaType,
        digest: a.artifact.digest,
      };
      await repo.pushManifest(content); // by digest: no tag yet
      expect(await r.listTags('lei-org/repo-api')).toEqual([]);
      await repo.pushManifest(content, 'v1');
      expect(await r.listTags('lei-org/repo-api')).toEqual(['v1']);

      for (const reference of ['v1', a.artifact.digest]) {
        const fetched: FetchedManifest = await repo.fetchManifest(reference);
        expect(fetched.digest).toBe(a.artifact.digest);
        expect(fetched.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
        expect(fetched.bytes.equals(a.artifact.manifestBytes)).toBe(true);
      }

      const cache = a.artifact.layers[1]!;
      const stream = await repo.fetchBlob(cache.descriptor);
      const bytes = Buffer.concat((await stream.toArray()) as Buffer[]);
      expect(bytes.equals(a.cacheBytes)).toBe(true);
    } finally {
      client.close();
    }
  });

  it('refuses a repository name the spec does not allow before any request', () => {
    const r = registry();
    const before = r.tokenServer!.requests;
    const client = new RegistryClient(r.host);
    expect(() => client.repository('Lei-Org/Cache')).toThrow(UsageError);
    expect(() => client.repository('lei-org//cache')).toThrow(/empty path component/);
    expect(() => parseReference(`${r.host}/Lei-Org/cache:v1`)).toThrow(InvalidReferenceError);
    expect(() => parseReference(`${r.host}/Lei-Org/cache:v1`)).toThrow(UsageError);
    expect(r.tokenServer!.requests).toBe(before);
    client.close();
  });

  it('taggedManifests: each tagged manifest once with all its tags; an untagged one is not listed', async () => {
    const r = registry();
    const [daily, older, untagged] = await Promise.all(
      ['daily', 'older', 'untagged'].map((label) => makeArtifact(4096, label)),
    );
    made.push(daily!, older!, untagged!);
    const client = new RegistryClient(r.host, {
      credentials: { username: r.username, password: r.password },
      retryBaseDelayMs: 10,
    });
    const name = 'lei-org/tagged';
    // more tags on one manifest than are resolved at once
    const dailyTags = ['2026-11-22', '2026-11-23', '2026-11-24', 'latest', 'weekly', 'v1'];
    try {
      await client.pushArtifact(name, daily!.artifact, dailyTags);
      await client.pushArtifact(name, older!.artifact, ['2026-10-01']);
      await client.pushArtifact(name, untagged!.artifact, []);
      const listed = await client.repository(name).taggedManifests();
      const byDigest = new Map(listed.map((m) => [m.digest, [...m.tags].sort()]));
      expect(listed).toHaveLength(2);
      expect(byDigest.get(daily!.artifact.digest)).toEqual([...dailyTags].sort());
      expect(byDigest.get(older!.artifact.digest)).toEqual(['2026-10-01']);
      // the untagged manifest is there, by digest, but the tags list cannot show it
      expect((await r.getManifest(name, untagged!.artifact.digest)).status).toBe(200);
      expect(byDigest.has(untagged!.artifact.digest)).toBe(false);
    } finally {
      client.close();
    }
  });
});
