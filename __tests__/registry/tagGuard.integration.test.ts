/**
 * pushArtifact with a tag guard against the real distribution registry (token auth): the
 * manifest goes by digest first, then each tag; a guarded tag is read just before it moves and
 * the guard sees what it points at (nothing, an LEI snapshot with its date and created, or
 * something else, named); the guard's "no" leaves the tag where it is.
 */
import { afterAll, expect, it } from 'vitest';
import { RegistryClient, type TagGuard, type TagTarget } from '../../src/registry/index.js';
import { decideTag, movesTag } from '../../src/action/push/forward.js';
import { startFaultProxy } from '../../test-support/faultProxy.js';
import { describeWithRegistry, useRegistry } from '../../test-support/registry.js';
import { makeArtifact, type TestArtifact } from './fixtures.js';

const made: TestArtifact[] = [];
afterAll(async () => {
  await Promise.all(made.map((a) => a.cleanup()));
});

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

describeWithRegistry('pushArtifact with a tag guard', () => {
  const registry = useRegistry({ auth: 'token', namespace: 'lei-org' });

  function client(): RegistryClient {
    const r = registry();
    return new RegistryClient(r.host, {
      credentials: { username: r.username, password: r.password },
      retryBaseDelayMs: 10,
    });
  }

  /** A guard that guards every non-date tag, records what it saw, and answers `answer`. */
  function recordingGuard(answer: (tag: string, current: TagTarget) => boolean): TagGuard & {
    seen: [string, TagTarget][];
    asked: string[];
  } {
    const guard = {
      seen: [] as [string, TagTarget][],
      asked: [] as string[],
      guards: (tag: string) => {
        guard.asked.push(tag);
        return !/^\d{4}-\d{2}-\d{2}$/.test(tag);
      },
      allows: (tag: string, current: TagTarget) => {
        guard.seen.push([tag, current]);
        return answer(tag, current);
      },
    };
    return guard;
  }

  it('sees nothing, then an LEI snapshot; a "no" keeps the tag; the same digest is left alone unasked', async () => {
    const r = registry();
    const repository = 'lei-org/guarded';
    const first = await makeArtifact(1024, 'first');
    const second = await makeArtifact(1024, 'second');
    made.push(first, second);
    const c = client();
    try {
      const g1 = recordingGuard(() => true);
      const one = await c.pushArtifact(repository, first.artifact, ['2026-11-22', 'latest'], g1);
      expect(g1.asked).toEqual(['2026-11-22', 'latest']);
      expect(g1.seen).toEqual([['latest', { kind: 'absent' }]]);
      expect(one.tags).toEqual(['2026-11-22', 'latest']);
      expect(one.tagPushes).toEqual([
        { tag: '2026-11-22', moved: true, current: true },
        { tag: 'latest', before: { kind: 'absent' }, moved: true, current: true },
      ]);

      const g2 = recordingGuard(() => false);
      const two = await c.pushArtifact(repository, second.artifact, ['latest', 'nightly'], g2);
      expect(g2.seen).toEqual([
        [
          'latest',
          {
            kind: 'snapshot',
            digest: first.artifact.digest,
            date: '2026-11-22',
            created: '2026-11-22T03:14:07Z',
          },
        ],
        ['nightly', { kind: 'absent' }],
      ]);
      expect(two.tags).toEqual([]);
      expect(two.tagPushes.map((t) => [t.tag, t.moved, t.current])).toEqual([
        ['latest', false, false],
        ['nightly', false, false],
      ]);
      expect((await r.getManifest(repository, 'latest')).digest).toBe(first.artifact.digest);
      expect((await r.listTags(repository)).sort()).toEqual(['2026-11-22', 'latest']);
      // the manifest itself went up by digest even though no tag moved
      expect((await r.getManifest(repository, second.artifact.digest)).status).toBe(200);

      const g3 = recordingGuard(() => true);
      const three = await c.pushArtifact(repository, first.artifact, ['latest'], g3);
      expect(g3.seen).toEqual([]);
      expect(three.tagPushes).toEqual([
        {
          tag: 'latest',
          before: expect.objectContaining({ kind: 'snapshot', digest: first.artifact.digest }),
          moved: false,
          current: true,
        },
      ]);
      expect(three.tags).toEqual(['latest']);
    } finally {
      c.close();
    }
  });

  it('names what is not an LEI snapshot: an index, a Docker image, another config, an LEI artifact without dates', async () => {
    const r = registry();
    const repository = 'lei-org/foreign';
    const empty = await r.putBlob(repository, Buffer.from('{}'));
    const exportManifest = Buffer.from('{"lei_version":"0.9.1"}');
    const exportManifestDigest = await r.putBlob(repository, exportManifest);
    const digests: Record<string, string> = {};
    digests['index'] = await r.putManifest(
      repository,
      'index',
      'application/vnd.oci.image.index.v1+json',
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [],
      }),
    );
    digests['docker'] = await r.putManifest(
      repository,
      'docker',
      'application/vnd.docker.distribution.manifest.v2+json',
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
        config: {
          mediaType: 'application/vnd.docker.container.image.v1+json',
          digest: empty,
          size: 2,
        },
        layers: [],
      }),
    );
    digests['other'] = await r.putManifest(
      repository,
      'other',
      OCI_MANIFEST,
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: empty, size: 2 },
        layers: [],
      }),
    );
    digests['undated'] = await r.putManifest(
      repository,
      'undated',
      OCI_MANIFEST,
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        config: { mediaType: 'application/vnd.lei.cache.config.v1+json', digest: empty, size: 2 },
        layers: [
          {
            mediaType: 'application/vnd.lei.cache.manifest+json',
            digest: exportManifestDigest,
            size: exportManifest.length,
          },
        ],
      }),
    );
    const a = await makeArtifact(1024, 'over-foreign');
    made.push(a);
    const c = client();
    try {
      const guard = recordingGuard(() => true);
      const result = await c.pushArtifact(
        repository,
        a.artifact,
        ['index', 'docker', 'other', 'undated'],
        guard,
      );
      expect(guard.seen).toEqual([
        ['index', { kind: 'other', digest: digests['index'], what: 'an OCI image index' }],
        ['docker', { kind: 'other', digest: digests['docker'], what: 'a Docker image manifest' }],
        [
          'other',
          {
            kind: 'other',
            digest: digests['other'],
            what: 'an OCI image manifest with config type application/vnd.oci.empty.v1+json',
          },
        ],
        [
          'undated',
          {
            kind: 'other',
            digest: digests['undated'],
            what: 'an LEI cache artifact whose manifest.json has neither a date nor a created time',
          },
        ],
      ]);
      expect(result.tags).toEqual(['index', 'docker', 'other', 'undated']);
      for (const tag of result.tags)
        expect((await r.getManifest(repository, tag)).digest).toBe(a.artifact.digest);
    } finally {
      c.close();
    }
  });

  it('checks each moved tag again at the end: an older push that landed after ours is undone once, a newer one is left', async () => {
    const r = registry();
    const repository = 'lei-org/raced';
    const older = await makeArtifact(1024, 'older', {
      date: '2026-11-15',
      created: '2026-11-15T03:00:00Z',
    });
    const newer = await makeArtifact(1024, 'newer', {
      date: '2026-11-29',
      created: '2026-11-29T03:00:00Z',
    });
    const ours = await makeArtifact(1024, 'ours');
    made.push(older, newer, ours);
    const direct = client();
    const proxy = await startFaultProxy(r);
    const viaProxy = new RegistryClient(proxy.host, {
      credentials: { username: r.username, password: r.password },
      retryBaseDelayMs: 10,
    });
    try {
      // the other pushes' manifests and blobs are in the repository already, untagged
      await direct.pushArtifact(repository, older.artifact, []);
      await direct.pushArtifact(repository, newer.artifact, []);
      // The race, staged without timing: when our push reads `nightly` (latest and weekly are
      // written by then), another push writes the older snapshot to latest and the newer one to
      // weekly, straight to the registry.
      proxy.addRule({
        method: 'GET',
        path: new RegExp(`^/v2/${repository}/manifests/nightly$`),
        beforeForward: async () => {
          await r.putManifest(repository, 'latest', OCI_MANIFEST, older.artifact.manifestBytes);
          await r.putManifest(repository, 'weekly', OCI_MANIFEST, newer.artifact.manifestBytes);
        },
      });
      const stamp = {
        digest: ours.artifact.digest,
        date: '2026-11-22',
        created: '2026-11-22T03:14:07Z',
      };
      const guard = recordingGuard((_tag, current) => movesTag(decideTag(current, stamp, false)));
      const result = await viaProxy.pushArtifact(
        repository,
        ours.artifact,
        ['latest', 'weekly', 'nightly'],
        guard,
      );
      expect(
        result.tagPushes.map((t) => [
          t.tag,
          t.moved,
          t.current,
          t.overtaken?.kind === 'snapshot' ? t.overtaken.digest : t.overtaken?.kind,
        ]),
      ).toEqual([
        ['latest', true, true, older.artifact.digest],
        ['weekly', true, false, newer.artifact.digest],
        ['nightly', true, true, undefined],
      ]);
      expect(result.tags).toEqual(['latest', 'nightly']);
      expect((await r.getManifest(repository, 'latest')).digest).toBe(ours.artifact.digest);
      expect((await r.getManifest(repository, 'weekly')).digest).toBe(newer.artifact.digest);
      expect((await r.getManifest(repository, 'nightly')).digest).toBe(ours.artifact.digest);
    } finally {
      direct.close();
      viaProxy.close();
      await proxy.stop();
    }
  });
});
