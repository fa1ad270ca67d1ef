/**
 * End to end: the bundled prune action (dist/prune) run as a runner runs it, under Node 20 and
 * Node 24, against the local stand-in for GitHub's Packages API (registry ghcr.io, API at
 * GITHUB_API_URL) and against the real distribution registry (OCI backend).
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startGitHubApiStandIn, type GitHubApiStandIn } from '../../test-support/githubApi.js';
import { describeWithRegistry, useRegistry } from '../../test-support/registry.js';
import { daysBefore, pushSnapshots } from '../../test-support/snapshots.js';
import { ACTION_NODES, runAction } from '../../test-support/runAction.js';

const NODES = ACTION_NODES;
const digestOf = (label: string): string =>
  `sha256:${createHash('sha256').update(label).digest('hex')}`;

/** The prune action.yml defaults, as the runner fills them in. */
function pruneDefaults(token: string): Record<string, string> {
  return {
    registry: 'ghcr.io',
    repository: 'Lei-Org/lei-cache',
    'keep-days': '30',
    'keep-weeks': '12',
    'dry-run': 'false',
    'max-deletions': '100',
    username: 'octocat',
    token,
  };
}

const context = {
  GITHUB_REPOSITORY_OWNER: 'Lei-Org',
  GITHUB_REPOSITORY: 'Lei-Org/lei-nightly',
  GITHUB_ACTOR: 'octocat',
};

/** No line of the log is a workflow command the action did not mean to write. */
function expectNoInjectedCommands(stdout: string): void {
  for (const line of stdout.split('\n')) {
    expect(line).not.toMatch(
      /^::(error|warning|notice|add-mask|set-output|stop-commands)::injected/,
    );
  }
  expect(stdout).not.toContain('\n::error title=injected');
}

describe.each(NODES)('bundled prune on ghcr.io (Packages API stand-in) under $label', (node) => {
  let api: GitHubApiStandIn | undefined;
  afterEach(async () => {
    await api?.stop();
    api = undefined;
  });

  it('deletes the old snapshot, keeps the rest, masks the token, escapes hostile tags', async () => {
    const now = Date.now();
    api = await startGitHubApiStandIn({
      token: `ghs_${randomBytes(16).toString('hex')}`,
      packages: [
        {
          owner: 'Lei-Org',
          ownerType: 'Organization',
          name: 'lei-cache',
          versions: [
            { id: 11, name: digestOf('old'), tags: [daysBefore(now, 400)] },
            {
              id: 12,
              name: digestOf('hostile'),
              tags: [daysBefore(now, 399), '::error::injected', '<img src=x onerror=alert(1)>'],
            },
            { id: 13, name: digestOf('new'), tags: [daysBefore(now, 0), 'latest'] },
          ],
        },
      ],
    });
    const run = await runAction(node, 'prune', pruneDefaults(api.token), {
      ...context,
      GITHUB_API_URL: api.url,
    });
    expect(run.stderr).toBe('');
    expect(run.status, run.stdout).toBe(0);
    expect(JSON.parse(run.outputs['deleted'] ?? '')).toEqual([
      { digest: digestOf('old'), tags: [daysBefore(now, 400)] },
    ]);
    expect(run.outputs['kept']).toBe('2');
    expect(run.outputs['dry-run']).toBe('false');
    expect(api.deletedIds).toEqual([11]);
    expect(api.packages[0]?.versions.map((v) => v.id)).toEqual([12, 13]);
    // the token went only to the stand-in, with every request, and is masked in the log
    expect(api.requests.every((r) => r.authorized)).toBe(true);
    expect(run.masked).toContain(api.token);
    expect(
      run.stdout
        .split('\n')
        .filter((l) => l.includes(api?.token ?? '-'))
        .every((l) => l.startsWith('::add-mask::')),
    ).toBe(true);
    // hostile tags are text: no workflow command in the log, no markup in the summary
    expectNoInjectedCommands(run.stdout);
    expect(run.summary).not.toContain('<img');
    expect(run.summary).toContain('&#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62;');
    expect(run.summary).toContain('/orgs/lei-org/packages/container/lei-cache/versions/11/restore');
  });

  it('fails with the permission advice when the package cannot be listed', async () => {
    api = await startGitHubApiStandIn({
      token: 'ghs_standin',
      packages: [{ owner: 'lei-org', ownerType: 'Organization', name: 'other', versions: [] }],
    });
    const run = await runAction(node, 'prune', pruneDefaults(api.token), {
      ...context,
      GITHUB_API_URL: api.url,
    });
    expect(run.status).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatch(
      /^Could not list the versions of the container package lei-org\/lei-cache: GitHub answered 404 \(Package not found\.\)/,
    );
    expect(run.errors[0]).toContain('Manage Actions access');
    expect(run.errors[0]).toContain('packages: write');
  });

  it('refuses bad inputs before any request', async () => {
    api = await startGitHubApiStandIn({ token: 'ghs_standin', packages: [] });
    const run = await runAction(
      node,
      'prune',
      { ...pruneDefaults(api.token), 'keep-days': 'thirty' },
      { ...context, GITHUB_API_URL: api.url },
    );
    expect(run.status).toBe(1);
    expect(run.errors).toEqual([
      "Input 'keep-days': 'thirty' is not a whole number from 0 to 36500 (e.g. 30).",
    ]);
    expect(api.requests).toEqual([]);
  });
});

describeWithRegistry('bundled prune on a registry (OCI API)', () => {
  const registry = useRegistry({ auth: 'token', namespace: 'lei-org' });
  const plain = useRegistry({ auth: 'token', namespace: 'lei-org', deleteEnabled: false });

  it.each(NODES)(
    'under $label: dry run, then the real run, leaves the tags the policy keeps',
    async (node) => {
      const r = registry();
      const now = Date.now();
      const repository = `lei-org/e2e-${node.major}`;
      // keep-days 10, keep-weeks 0: days 0-2 stay, and day 23 for its release tag. No day is near
      // the boundary, so a midnight between the push and the prune changes nothing.
      const days = [0, 1, 2, 20, 21, 22, 23, 24, 25];
      const snapshots = days.map((n) => ({
        day: daysBefore(now, n),
        tags: [
          daysBefore(now, n),
          ...(n === 0 ? ['latest'] : []),
          ...(n === 23 ? ['release-1'] : []),
        ],
      }));
      const digests = await pushSnapshots(r, repository, snapshots, 3);
      const before = (await r.listTags(repository)).sort();
      const inputs = {
        ...pruneDefaults(r.password),
        registry: r.host,
        repository,
        'keep-days': '10',
        'keep-weeks': '0',
        username: r.username,
      };
      const dry = await runAction(node, 'prune', { ...inputs, 'dry-run': 'true' }, context);
      expect(dry.stderr).toBe('');
      expect(dry.status, dry.stdout).toBe(0);
      expect((await r.listTags(repository)).sort()).toEqual(before);
      expect(dry.outputs['dry-run']).toBe('true');
      expect(dry.summary).toContain('dry run: nothing deleted');

      const run = await runAction(node, 'prune', inputs, context);
      expect(run.stderr).toBe('');
      expect(run.status, run.stdout).toBe(0);
      const expected = [0, 1, 2]
        .map((n) => daysBefore(now, n))
        .concat(['latest', daysBefore(now, 23), 'release-1']);
      expect((await r.listTags(repository)).sort()).toEqual(expected.sort());
      const deleted = JSON.parse(run.outputs['deleted'] ?? '') as {
        digest: string;
        tags: string[];
      }[];
      expect(deleted.map((d) => d.tags[0])).toEqual(
        [25, 24, 22, 21, 20].map((n) => daysBefore(now, n)),
      );
      expect(deleted.map((d) => d.digest)).toEqual(
        [25, 24, 22, 21, 20].map((n) => digests.get(daysBefore(now, n))),
      );
      expect(run.outputs['deleted']).toBe(dry.outputs['deleted']);
      expect(run.outputs['kept']).toBe('4');
      expect(run.masked).toContain(r.password);
    },
  );

  it.each(NODES)(
    'under $label: a registry without deletion fails with the clear error',
    async (node) => {
      const r = plain();
      const now = Date.now();
      const repository = `lei-org/nodelete-${node.major}`;
      await pushSnapshots(r, repository, [
        { day: daysBefore(now, 50), tags: [daysBefore(now, 50)] },
        { day: daysBefore(now, 0), tags: [daysBefore(now, 0)] },
      ]);
      const run = await runAction(
        node,
        'prune',
        { ...pruneDefaults(r.password), registry: r.host, repository, username: r.username },
        context,
      );
      expect(run.status).toBe(1);
      expect(run.errors).toHaveLength(1);
      expect(run.errors[0]).toContain(
        `${r.host}/${repository} does not allow deleting manifests (it answered 405 / UNSUPPORTED`,
      );
      expect(run.errors[0]).toContain("reclaimed only by the registry's garbage collection");
      expect((await r.listTags(repository)).sort()).toEqual(
        [daysBefore(now, 0), daysBefore(now, 50)].sort(),
      );
    },
  );
});
