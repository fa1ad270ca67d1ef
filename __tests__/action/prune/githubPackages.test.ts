/**
 * The ghcr.io backend (GitHub's Packages REST API through @actions/github's Octokit) against the
 * local stand-in for GitHub's API (test-support/githubApi.ts), driven through runPrune.
 * Referrers indexes are read over the registry API on ghcr.io; here a map stands in for it
 * (test-support's referrersIndexes).
 */
import { createHash, randomBytes } from 'node:crypto';
import { getOctokit } from '@actions/github';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionIO } from '../../../src/action/deps.js';
import { GitHubPackagesBackend } from '../../../src/action/prune/githubPackages.js';
import { runPrune } from '../../../src/action/prune/run.js';
import type { PruneInputs } from '../../../src/action/prune/inputs.js';
import {
  referrersIndexes,
  startGitHubApiStandIn,
  type GitHubApiStandIn,
  type StandInVersion,
} from '../../../test-support/githubApi.js';
import { recordingIO } from '../../../test-support/recordingIO.js';

const DAY = 86_400_000;
/** A fixed "now" for the run, mid-day UTC (the tests do not depend on the real clock). */
const NOW = Date.UTC(2027, 0, 1, 12, 0, 0); // Friday 2027-01-01
const dayBefore = (n: number): string => new Date(NOW - n * DAY).toISOString().slice(0, 10);
const digestOf = (label: string): string =>
  `sha256:${createHash('sha256').update(label).digest('hex')}`;

let api: GitHubApiStandIn | undefined;
afterEach(async () => {
  await api?.stop();
  api = undefined;
});

/** A year of daily snapshots (oldest first, ids ascending), latest on the newest, weekly on the newest Sunday. */
function yearOfVersions(): StandInVersion[] {
  const versions: StandInVersion[] = [];
  let id = 1000;
  let weekly = false;
  for (let n = 365; n >= 0; n--)
    versions.push({ id: id++, name: digestOf(`snapshot ${n}`), tags: [dayBefore(n)] });
  (versions[versions.length - 1] as StandInVersion).tags.push('latest');
  for (let i = versions.length - 1; i >= 0 && !weekly; i--) {
    const v = versions[i] as StandInVersion;
    if (new Date(`${v.tags[0]}T00:00:00Z`).getUTCDay() === 0) {
      v.tags.push('weekly');
      weekly = true;
    }
  }
  return versions;
}

function inputs(extra: Partial<PruneInputs> = {}): PruneInputs {
  return {
    registry: 'ghcr.io',
    repository: 'lei-org/lei-cache',
    keepDays: 30,
    keepWeeks: 12,
    dryRun: false,
    maxDeletions: 1000,
    credentials: { username: 'octocat', password: api?.token ?? '' },
    ...extra,
  };
}

function backendFor(members: Record<string, string[]> = {}) {
  return (pi: PruneInputs, io: ActionIO) =>
    new GitHubPackagesBackend({
      octokit: getOctokit(pi.credentials?.password ?? '', {
        baseUrl: api?.url,
        log: { debug() {}, info() {}, warn() {}, error() {} },
      }),
      apiUrl: api?.url ?? '',
      repository: pi.repository,
      openRegistry: () => referrersIndexes(members),
      debug: (m) => io.debug(m),
      retryBaseDelayMs: 1,
      retryMaxDelayMs: 5,
    });
}

async function start(
  versions: StandInVersion[],
  extra: Partial<Parameters<typeof startGitHubApiStandIn>[0]['packages'][0]> = {},
) {
  api = await startGitHubApiStandIn({
    token: `ghs_${randomBytes(12).toString('hex')}`,
    packages: [
      { owner: 'lei-org', ownerType: 'Organization', name: 'lei-cache', versions, ...extra },
    ],
  });
  return api;
}

describe('prune on ghcr.io through the Packages API (stand-in)', () => {
  it('deletes what the policy says over four pages of an organization package, oldest first, and only that', async () => {
    const versions = yearOfVersions();
    const server = await start(versions.map((v) => ({ ...v, tags: [...v.tags] })));
    const io = recordingIO();
    const result = await runPrune(inputs(), {
      io,
      env: {},
      createBackend: backendFor(),
      now: () => NOW,
    });

    const remainingTags = server.packages[0]?.versions.map((v) => v.tags.join('+'));
    const expected = versions
      .filter((v) => {
        const age = Math.round((NOW - Date.parse(`${v.tags[0]}T12:00:00Z`)) / DAY);
        const sunday = new Date(`${v.tags[0]}T00:00:00Z`).getUTCDay() === 0;
        return age < 30 || (sunday && age < 84) || v.tags.length > 1;
      })
      .map((v) => v.tags.join('+'));
    expect(remainingTags).toEqual(expected);
    expect(expected).toHaveLength(38);
    // four GET pages (100, 100, 100, 66), per_page=100 on every one, one lookup of the owner
    const gets = server.requests.filter((r) => r.method === 'GET');
    expect(gets.map((r) => new URL(r.url, server.url).searchParams.get('page') ?? '1')).toEqual([
      '1',
      '1',
      '2',
      '3',
      '4',
    ]);
    expect(gets[0]?.url).toBe('/users/lei-org');
    expect(gets.slice(1).every((r) => r.url.includes('per_page=100'))).toBe(true);
    expect(server.requests.every((r) => r.authorized)).toBe(true);
    // deleted oldest first, one DELETE each
    const deletedDays = versions
      .filter((v) => server.deletedIds.includes(v.id))
      .map((v) => v.tags[0]);
    expect(server.deletedIds).toEqual([...server.deletedIds].sort((a, b) => a - b));
    expect(deletedDays).toHaveLength(366 - 38);
    expect(result.kept).toHaveLength(38);
    expect(io.outputs['kept']).toBe('38');
    expect(io.outputs['dry-run']).toBe('false');
    const deleted = JSON.parse(io.outputs['deleted'] ?? '[]') as {
      digest: string;
      tags: string[];
    }[];
    expect(deleted.map((d) => d.tags[0])).toEqual(deletedDays);
    expect(deleted[0]).toEqual({ digest: versions[0]?.name, tags: [dayBefore(365)] });
    const summary = io.summaries[0] ?? '';
    expect(summary).toContain('#### Deleted');
    expect(summary).toContain(
      `gh api --method POST /orgs/lei-org/packages/container/lei-cache/versions/${versions[0]?.id}/restore`,
    );
    expect(summary).toContain('GitHub keeps deleted package versions for 30 days');
  });

  it('dry-run lists the same deletions and deletes nothing', async () => {
    const server = await start(yearOfVersions());
    const io = recordingIO();
    await runPrune(inputs({ dryRun: true }), {
      io,
      env: {},
      createBackend: backendFor(),
      now: () => NOW,
    });
    expect(server.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
    expect(server.packages[0]?.versions).toHaveLength(366);
    expect(JSON.parse(io.outputs['deleted'] ?? '[]')).toHaveLength(366 - 38);
    expect(io.outputs['dry-run']).toBe('true');
    expect(io.summaries[0]).toContain('dry run: nothing deleted');
    expect(io.lines.filter((l) => l.startsWith('Would delete snapshot'))).toHaveLength(366 - 38);
  });

  it('stops at max-deletions, oldest first, and says the rest goes next time', async () => {
    const versions = yearOfVersions();
    const server = await start(versions);
    const io = recordingIO();
    const result = await runPrune(inputs({ maxDeletions: 10 }), {
      io,
      env: {},
      createBackend: backendFor(),
      now: () => NOW,
    });
    expect(server.deletedIds).toEqual(versions.slice(0, 10).map((v) => v.id));
    expect(result.later).toHaveLength(366 - 38 - 10);
    expect(io.lines).toContain(
      `${366 - 48} more snapshot(s) (${366 - 48} manifest(s) with their referrers, oldest ${dayBefore(355)}) are left for the next run: max-deletions is 10.`,
    );
  });

  it('warns when a snapshot with its referrers needs more than max-deletions (they are never split)', async () => {
    const old = digestOf('old');
    const index = digestOf('index');
    const server = await start([
      { id: 1, name: old, tags: [dayBefore(200)] },
      { id: 2, name: digestOf('att'), tags: [] },
      { id: 3, name: index, tags: [old.replace(':', '-')] },
      { id: 4, name: digestOf('new'), tags: [dayBefore(0)] },
    ]);
    const io = recordingIO();
    await runPrune(inputs({ maxDeletions: 2 }), {
      io,
      env: {},
      createBackend: backendFor({ [index]: [digestOf('att')] }),
      now: () => NOW,
    });
    expect(server.deletedIds).toEqual([]);
    expect(io.lines).toContain(
      `warning: Snapshot ${dayBefore(200)} ${old} goes with its referrers, 3 manifest(s) together, more than max-deletions (2); raise max-deletions to at least 3 or neither it nor any newer snapshot goes.`,
    );
  });

  it('finds a user-owned package through GET /users/{owner} and the users/ endpoints', async () => {
    const server = await start(
      [
        { id: 1, name: digestOf('old'), tags: [dayBefore(400)] },
        { id: 2, name: digestOf('new'), tags: [dayBefore(0), 'latest'] },
      ],
      { owner: 'octo-user', ownerType: 'User' },
    );
    const io = recordingIO();
    await runPrune(inputs({ repository: 'octo-user/lei-cache' }), {
      io,
      env: {},
      createBackend: backendFor(),
      now: () => NOW,
    });
    expect(server.deletedIds).toEqual([1]);
    expect(server.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual([
      'GET /users/octo-user',
      'GET /users/octo-user/packages/container/lei-cache/versions',
      'DELETE /users/octo-user/packages/container/lei-cache/versions/1',
    ]);
  });

  it("deletes a snapshot's referrers index and the attestations it lists with it; leaves other untagged versions", async () => {
    const old = digestOf('old');
    const index = digestOf('index');
    const att = digestOf('attestation');
    const stray = digestOf('stray');
    const server = await start([
      { id: 1, name: old, tags: [dayBefore(200)] },
      { id: 2, name: att, tags: [] },
      { id: 3, name: index, tags: [old.replace(':', '-')] },
      { id: 4, name: stray, tags: [] },
      { id: 5, name: digestOf('new'), tags: [dayBefore(0), 'latest'] },
    ]);
    const io = recordingIO();
    await runPrune(inputs(), {
      io,
      env: {},
      createBackend: backendFor({ [index]: [att] }),
      now: () => NOW,
    });
    expect(server.deletedIds).toEqual([1, 3, 2]);
    expect(server.packages[0]?.versions.map((v) => v.id)).toEqual([4, 5]);
    expect(JSON.parse(io.outputs['deleted'] ?? '')).toEqual([
      { digest: old, tags: [dayBefore(200)] },
      { digest: index, tags: [old.replace(':', '-')] },
      { digest: att, tags: [] },
    ]);
  });

  it('keeps a snapshot whose referrers index cannot be read, with a warning (no orphaned attestations)', async () => {
    const old = digestOf('old');
    const server = await start([
      { id: 1, name: old, tags: [dayBefore(200)] },
      { id: 2, name: digestOf('index'), tags: [old.replace(':', '-')] },
      { id: 3, name: digestOf('older-without-referrers'), tags: [dayBefore(201)] },
      { id: 4, name: digestOf('new'), tags: [dayBefore(0)] },
    ]);
    const io = recordingIO();
    // backendFor({}) knows no index: reading it fails
    const result = await runPrune(inputs(), {
      io,
      env: {},
      createBackend: backendFor({}),
      now: () => NOW,
    });
    expect(server.deletedIds).toEqual([3]);
    expect(result.refused.map((r) => [r.digest, r.day])).toEqual([[old, dayBefore(200)]]);
    const warning = io.lines.find((l) => l.startsWith('warning:')) ?? '';
    expect(warning).toContain(
      `snapshot ${dayBefore(200)} ${old}: its referrers index ${digestOf('index')} could not be read`,
    );
    expect(warning).toContain('so its referrers are not orphaned');
  });

  it("GitHub's refusals are warnings naming the version and the fix; the snapshot's referrers stay", async () => {
    const popular = digestOf('popular');
    const index = digestOf('index');
    const server = await start([
      { id: 1, name: popular, tags: [dayBefore(300)], popular: true },
      { id: 2, name: index, tags: [popular.replace(':', '-')] },
      { id: 3, name: digestOf('fine'), tags: [dayBefore(299)] },
      { id: 4, name: digestOf('new'), tags: [dayBefore(0)] },
    ]);
    const io = recordingIO();
    const result = await runPrune(inputs(), {
      io,
      env: {},
      createBackend: backendFor({ [index]: [] }),
      now: () => NOW,
    });
    expect(server.deletedIds).toEqual([3]);
    expect(result.refused.map((r) => r.digest)).toEqual([popular]);
    const warning = io.lines.find((l) => l.startsWith('warning:')) ?? '';
    expect(warning).toContain(`snapshot ${dayBefore(300)} ${popular}`);
    expect(warning).toContain('more than 5000 downloads');
    expect(warning).toContain('GitHub Support');
    expect(io.summaries[0]).toContain('Refused (kept)');
  });

  it('the last tagged version refusal (the newer one went meanwhile) is a warning too', async () => {
    const server = await start([
      { id: 1, name: digestOf('untagged'), tags: [] },
      { id: 2, name: digestOf('old'), tags: [dayBefore(300)] },
      { id: 3, name: digestOf('newer'), tags: [dayBefore(1)] },
    ]);
    const io = recordingIO();
    const backend = backendFor();
    await runPrune(inputs(), {
      io,
      env: {},
      now: () => NOW,
      createBackend: (pi, pio) => {
        const b = backend(pi, pio);
        const del = b.delete.bind(b);
        b.delete = (d) => {
          // another job deleted the newer version after this one listed the package
          const pkg = server.packages[0];
          if (pkg) pkg.versions = pkg.versions.filter((v) => v.id !== 3);
          return del(d);
        };
        return b;
      },
    });
    expect(server.deletedIds).toEqual([]);
    const warning = io.lines.find((l) => l.startsWith('warning:')) ?? '';
    expect(warning).toContain(`snapshot ${dayBefore(300)} ${digestOf('old')}`);
    expect(warning).toContain('last tagged version');
    expect(warning).toContain('delete the whole package');
  });

  it.each([403, 404] as const)(
    'without the Admin role (%i) each deletion is a warning with the Manage Actions access advice',
    async (status) => {
      const server = await start(
        [
          { id: 1, name: digestOf('old'), tags: [dayBefore(300)] },
          { id: 2, name: digestOf('new'), tags: [dayBefore(0)] },
        ],
        { admin: false, denyStatus: status },
      );
      const io = recordingIO();
      const result = await runPrune(inputs(), {
        io,
        env: {},
        createBackend: backendFor(),
        now: () => NOW,
      });
      expect(server.deletedIds).toEqual([]);
      expect(result.refused).toHaveLength(1);
      const warning = io.lines.find((l) => l.startsWith('warning:')) ?? '';
      expect(warning).toContain(`snapshot ${dayBefore(300)} ${digestOf('old')}`);
      expect(warning).toContain('Manage Actions access');
      expect(warning).toContain('Admin role');
    },
  );

  it('fails only when it cannot list the package, with the permission advice', async () => {
    await start([]);
    const io = recordingIO();
    await expect(
      runPrune(inputs({ repository: 'lei-org/no-such-package' }), {
        io,
        env: {},
        createBackend: backendFor(),
        now: () => NOW,
      }),
    ).rejects.toThrow(
      /Could not list the versions of the container package lei-org\/no-such-package: GitHub answered 404 \(Package not found\.\).*Manage Actions access/s,
    );
  });

  it('retries a 502 and a secondary rate limit, then succeeds', async () => {
    const server = await start([
      { id: 1, name: digestOf('old'), tags: [dayBefore(300)] },
      { id: 2, name: digestOf('new'), tags: [dayBefore(0)] },
    ]);
    server.faults.fail5xx = 1;
    server.faults.secondaryRateLimit = 1;
    const io = recordingIO();
    await runPrune(inputs(), { io, env: {}, createBackend: backendFor(), now: () => NOW });
    expect(server.deletedIds).toEqual([1]);
    expect(server.requests.map((r) => r.status)).toEqual([502, 403, 200, 200, 204]);
  });

  it('refuses to follow a next-page link to another host (the token stays with GITHUB_API_URL)', async () => {
    const server = await start(yearOfVersions());
    server.faults.crossOriginLink = true;
    const io = recordingIO();
    await expect(
      runPrune(inputs(), { io, env: {}, createBackend: backendFor(), now: () => NOW }),
    ).rejects.toThrow(
      /next-page link to another host \(http:\/\/attacker\.invalid\); refusing to send the token there/,
    );
    expect(server.requests.filter((r) => r.method === 'DELETE')).toEqual([]);
  });

  it('a wrong token fails the listing (401) and is called a rejected token', async () => {
    await start([]);
    const io = recordingIO();
    await expect(
      runPrune(inputs({ credentials: { username: 'x', password: 'ghs_wrong' } }), {
        io,
        env: {},
        createBackend: backendFor(),
        now: () => NOW,
      }),
    ).rejects.toThrow(
      /^Could not look up the package owner 'lei-org' at http:\/\/127\.0\.0\.1:\d+: GitHub answered 401 \(Bad credentials\)\. GitHub rejected the token in 'token' \(it is expired, wrong or revoked\): with GITHUB_TOKEN, leave 'token' at its default \(\$\{\{ github\.token \}\}\); with a personal access token, use a current one with read:packages and delete:packages\.$/,
    );
  });
});

describe('a package with a slash in its name', () => {
  it('addresses lei-cache/nightly as one encoded path segment', async () => {
    const server = await startGitHubApiStandIn({
      token: 'ghs_nested',
      packages: [
        {
          owner: 'lei-org',
          ownerType: 'Organization',
          name: 'lei-cache/nightly',
          versions: [
            { id: 7, name: digestOf('old'), tags: [dayBefore(100)] },
            { id: 8, name: digestOf('new'), tags: [dayBefore(0)] },
          ],
        },
      ],
    });
    api = server;
    const io = recordingIO();
    await runPrune(inputs({ repository: 'lei-org/lei-cache/nightly' }), {
      io,
      env: {},
      createBackend: backendFor(),
      now: () => NOW,
    });
    expect(server.deletedIds).toEqual([7]);
    expect(server.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toContain(
      'DELETE /orgs/lei-org/packages/container/lei-cache%2Fnightly/versions/7',
    );
  });
});
