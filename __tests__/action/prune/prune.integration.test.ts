/**
 * The OCI prune backend against the real distribution registry with deletion enabled
 * (storage.delete.enabled: true): a year of small daily snapshots pushed through the push
 * action, with date tags relative to the run's "now" (taken once, so a midnight during the test
 * changes nothing), plus latest, weekly, a non-date tag, a snapshot with two date tags and
 * referrers indexes. The remaining tags must be exactly what the policy says.
 */
import { expect, it } from 'vitest';
import { getOctokit } from '@actions/github';
import { GitHubPackagesBackend } from '../../../src/action/prune/githubPackages.js';
import { runPrune } from '../../../src/action/prune/run.js';
import type { PruneInputs } from '../../../src/action/prune/inputs.js';
import { pruneBackendFactory } from '../../../src/action/prune/services.js';
import { DeletionUnsupportedError, RegistryClient } from '../../../src/registry/index.js';
import { startGitHubApiStandIn } from '../../../test-support/githubApi.js';
import {
  describeWithRegistry,
  useRegistry,
  type TestRegistry,
} from '../../../test-support/registry.js';
import {
  daysBefore,
  isSunday,
  pushReferrers,
  pushSnapshots,
} from '../../../test-support/snapshots.js';
import { recordingIO } from '../../../test-support/recordingIO.js';

const NOW = Date.now();
const REPO = 'lei-org/nightly';

function inputs(r: TestRegistry, extra: Partial<PruneInputs> = {}): PruneInputs {
  return {
    registry: r.host,
    repository: REPO,
    keepDays: 30,
    keepWeeks: 12,
    dryRun: false,
    maxDeletions: 1000,
    credentials: { username: r.username, password: r.password },
    ...extra,
  };
}

const prune = (r: TestRegistry, extra: Partial<PruneInputs> = {}) => {
  const io = recordingIO();
  return runPrune(inputs(r, extra), {
    io,
    env: {},
    createBackend: pruneBackendFactory({}),
    now: () => NOW,
  }).then((result) => ({ result, io }));
};

describeWithRegistry('prune over the OCI distribution API (deletion enabled)', () => {
  const registry = useRegistry({ auth: 'token', namespace: 'lei-org' });

  it(
    'a year of dailies: a dry run changes nothing; the real run leaves exactly the tags the policy keeps',
    { timeout: 600_000 },
    async () => {
      const r = registry();
      // Day n (0 = today) gets its date tag. Day 0 also has latest; a Sunday 119-125 days back
      // carries a stale weekly; day 100 a release tag; day 300's unchanged export was pushed
      // again on day 45 (two date tags: its day is day 45's date, so it goes like day 45).
      const staleSunday = [119, 120, 121, 122, 123, 124, 125].find((n) =>
        isSunday(daysBefore(NOW, n)),
      ) as number;
      const snapshots: { day: string; tags: string[] }[] = [];
      for (let n = 365; n >= 0; n--) {
        if (n === 45) continue;
        const tags = [daysBefore(NOW, n)];
        if (n === 0) tags.push('latest');
        if (n === staleSunday) tags.push('weekly');
        if (n === 100) tags.push('v2026.1');
        if (n === 300) tags.push(daysBefore(NOW, 45));
        snapshots.push({ day: daysBefore(NOW, n), tags });
      }
      const digests = await pushSnapshots(r, REPO, snapshots);
      // referrers on a snapshot that goes (day 200) and on one that stays (day 10)
      const goneSubject = digests.get(daysBefore(NOW, 200)) as string;
      const keptSubject = digests.get(daysBefore(NOW, 10)) as string;
      const size = (await r.getManifest(REPO, goneSubject)).bytes.length;
      const goneRefs = await pushReferrers(r, REPO, { digest: goneSubject, size }, 'old');
      const keptRefs = await pushReferrers(
        r,
        REPO,
        { digest: keptSubject, size: (await r.getManifest(REPO, keptSubject)).bytes.length },
        'new',
      );

      const before = (await r.listTags(REPO)).sort();
      expect(before).toHaveLength(366 + 1 + 1 + 1 + 2); // dates, latest, weekly, v2026.1, two referrers tags

      // Dry run: what would go is listed, nothing changes.
      const dry = await prune(r, { dryRun: true });
      expect((await r.listTags(REPO)).sort()).toEqual(before);
      expect(dry.io.outputs['dry-run']).toBe('true');

      const { result, io } = await prune(r);
      // What the policy says, computed here from each pushed snapshot's tags: its day is its
      // newest date tag (day 300's snapshot is dated day 45); it stays when that day is within 30
      // days, a Sunday within 12 weeks, or when it carries a tag that is not a date.
      const ageOf = (day: string) =>
        Math.round(
          (Date.parse(`${daysBefore(NOW, 0)}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) /
            86_400_000,
        );
      const expectedTags = [keptSubject.replace(':', '-')];
      for (const s of snapshots) {
        const dates = s.tags.filter((t) => /^\d{4}-\d{2}-\d{2}$/.test(t)).sort();
        const day = dates[dates.length - 1] as string;
        const age = ageOf(day);
        if (age < 30 || (isSunday(day) && age < 84) || dates.length < s.tags.length)
          expectedTags.push(...s.tags);
      }
      expect(expectedTags).toContain('latest');
      expect((await r.listTags(REPO)).sort()).toEqual(expectedTags.sort());

      // the gone snapshot's referrers index and referrer are gone; the kept one's are there
      expect((await r.getManifest(REPO, goneRefs.index)).status).toBe(404);
      expect((await r.getManifest(REPO, goneRefs.referrer)).status).toBe(404);
      expect((await r.getManifest(REPO, keptRefs.index)).status).toBe(200);
      expect((await r.getManifest(REPO, keptRefs.referrer)).status).toBe(200);
      // the dry run announced exactly what the real run deleted
      expect(JSON.parse(dry.io.outputs['deleted'] ?? '')).toEqual(
        JSON.parse(io.outputs['deleted'] ?? ''),
      );
      const deleted = JSON.parse(io.outputs['deleted'] ?? '') as {
        digest: string;
        tags: string[];
      }[];
      expect(deleted.map((d) => d.digest)).toContain(goneRefs.index);
      expect(deleted.map((d) => d.digest)).toContain(goneRefs.referrer);
      expect(io.outputs['kept']).toBe(String(result.kept.length));
      expect(io.summaries[0]).toContain('#### Deleted');
      expect(io.summaries[0]).toContain('garbage collection');
      // a second run finds nothing to delete
      const again = await prune(r);
      expect(JSON.parse(again.io.outputs['deleted'] ?? '')).toEqual([]);
    },
  );
});

describeWithRegistry('tags/list pagination', () => {
  const registry = useRegistry({ auth: 'token', namespace: 'lei-org' });

  it("follows the registry's Link header page by page (n=4 over 14 tags) and resolves each tag", async () => {
    const r = registry();
    const snapshots = Array.from({ length: 14 }, (_, n) => ({
      day: daysBefore(NOW, n),
      tags: [daysBefore(NOW, n)],
    }));
    const digests = await pushSnapshots(r, 'lei-org/paged', snapshots);
    const client = new RegistryClient(r.host, {
      credentials: { username: r.username, password: r.password },
    });
    try {
      const ops = client.repository('lei-org/paged');
      const tags = await ops.listTags(4);
      expect(tags.sort()).toEqual((await r.listTags('lei-org/paged')).sort());
      expect(tags).toHaveLength(14);
      for (const s of snapshots) expect(await ops.resolve(s.day)).toBe(digests.get(s.day));
      expect(await ops.resolve('no-such-tag')).toBeUndefined();
    } finally {
      client.close();
    }
  });

  it('deleteManifest: deleted, then gone; every tag on the digest goes with it', async () => {
    const r = registry();
    const day = daysBefore(NOW, 3);
    const digests = await pushSnapshots(r, 'lei-org/deletes', [{ day, tags: [day, 'extra'] }]);
    const digest = digests.get(day) as string;
    const client = new RegistryClient(r.host, {
      credentials: { username: r.username, password: r.password },
    });
    try {
      const repo = client.repository('lei-org/deletes', 'pull,delete');
      expect(await repo.deleteManifest(digest)).toBe('deleted');
      expect(await r.listTags('lei-org/deletes')).toEqual([]);
      expect(await repo.deleteManifest(digest)).toBe('gone');
      // the token server granted delete because the scope asked for it
      expect(
        r.tokenServer?.log.some((t) => t.scopes.includes('repository:lei-org/deletes:pull,delete')),
      ).toBe(true);
    } finally {
      client.close();
    }
  });
});

describeWithRegistry('prune over the OCI distribution API (deletion disabled)', () => {
  const registry = useRegistry({ auth: 'token', namespace: 'lei-org', deleteEnabled: false });

  it('fails with an error that says the registry does not allow deletion and that blobs need GC', async () => {
    const r = registry();
    await pushSnapshots(r, REPO, [
      { day: daysBefore(NOW, 400), tags: [daysBefore(NOW, 400)] },
      { day: daysBefore(NOW, 0), tags: [daysBefore(NOW, 0), 'latest'] },
    ]);
    const before = (await r.listTags(REPO)).sort();
    await expect(prune(r)).rejects.toThrow(
      new RegExp(
        `${r.host.replace(/\./g, '\\.')}/lei-org/nightly does not allow deleting manifests \\(it answered 405 / UNSUPPORTED.*storage\\.delete\\.enabled: true.*garbage collection`,
        's',
      ),
    );
    expect((await r.listTags(REPO)).sort()).toEqual(before);
  });

  it('deleteManifest throws DeletionUnsupportedError (405 UNSUPPORTED) and deletes nothing', async () => {
    const r = registry();
    const day = daysBefore(NOW, 9);
    const digests = await pushSnapshots(r, 'lei-org/kept', [{ day, tags: [day] }]);
    const client = new RegistryClient(r.host, {
      credentials: { username: r.username, password: r.password },
    });
    try {
      const error = await client
        .repository('lei-org/kept', 'pull,delete')
        .deleteManifest(digests.get(day) as string)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeletionUnsupportedError);
      expect((error as DeletionUnsupportedError).status).toBe(405);
      expect((error as DeletionUnsupportedError).code).toBe('UNSUPPORTED');
      expect(await r.listTags('lei-org/kept')).toEqual([day]);
    } finally {
      client.close();
    }
  });
});

describeWithRegistry('ghcr.io backend: referrers indexes read over the registry API', () => {
  const registry = useRegistry({ auth: 'token', namespace: 'lei-org' });

  it("deletes a snapshot's index and attestation versions, read from the real registry's index", async () => {
    const r = registry();
    const repository = 'lei-org/lei-cache';
    const digests = await pushSnapshots(
      r,
      repository,
      [300, 200, 0].map((n) => ({ day: daysBefore(NOW, n), tags: [daysBefore(NOW, n)] })),
    );
    const old = digests.get(daysBefore(NOW, 300)) as string;
    const refs = await pushReferrers(
      r,
      repository,
      { digest: old, size: (await r.getManifest(repository, old)).bytes.length },
      'old',
    );
    const api = await startGitHubApiStandIn({
      token: 'ghs_standin_token',
      packages: [
        {
          owner: 'lei-org',
          ownerType: 'Organization',
          name: 'lei-cache',
          versions: [
            { id: 1, name: old, tags: [daysBefore(NOW, 300)] },
            { id: 2, name: refs.referrer, tags: [] },
            { id: 3, name: refs.index, tags: [old.replace(':', '-')] },
            {
              id: 4,
              name: digests.get(daysBefore(NOW, 200)) as string,
              tags: [daysBefore(NOW, 200)],
            },
            { id: 5, name: digests.get(daysBefore(NOW, 0)) as string, tags: [daysBefore(NOW, 0)] },
          ],
        },
      ],
    });
    try {
      const io = recordingIO();
      await runPrune(
        {
          ...inputs(r),
          registry: 'ghcr.io',
          repository,
          credentials: { username: 'octocat', password: api.token },
        },
        {
          io,
          env: {},
          now: () => NOW,
          createBackend: (pi) =>
            new GitHubPackagesBackend({
              octokit: getOctokit(api.token, { baseUrl: api.url }),
              apiUrl: api.url,
              repository: pi.repository,
              // ghcr.io's registry API, played by the test registry with its own credentials
              openRegistry: () =>
                new RegistryClient(r.host, {
                  credentials: { username: r.username, password: r.password },
                }),
              debug: () => undefined,
            }),
        },
      );
      expect(api.deletedIds).toEqual([1, 3, 2, 4]);
      expect(api.packages[0]?.versions.map((v) => v.id)).toEqual([5]);
    } finally {
      await api.stop();
    }
  });
});
