/**
 * A user's first hour (issue 18), end to end: the bundled actions run as a runner runs them, under
 * Node 20 and Node 24, against the real registry with token auth. Inputs users get wrong are
 * caught before any request in one line naming the input and the fix; failures retrying cannot
 * fix fail at once; a rejected token is called that; every failure is one ::error:: line with no
 * empty group before it.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startGitHubApiStandIn, type GitHubApiStandIn } from '../../test-support/githubApi.js';
import { useProxyAndScratch } from '../../test-support/proxiedScratch.js';
import { describeWithRegistry, freePort, useRegistry } from '../../test-support/registry.js';
import {
  ACTION_NODES,
  type ActionRun,
  CURRENT_NODE,
  EXAMPLE_EXPORT,
  nightlyContext,
  nightlyPushInputs,
  runAction,
} from '../../test-support/runAction.js';

const NODES = ACTION_NODES;

/** The workflow commands of a run other than debug lines and masks, as `name` or `name::text`. */
function commands(run: ActionRun): string[] {
  return run.stdout
    .split('\n')
    .filter((l) => l.startsWith('::') && !/^::(debug|add-mask)::/.test(l))
    .map((l) => l.replace(/^::([a-z-]+)::$/, '$1'));
}

const retryLines = (run: ActionRun): string[] =>
  run.stdout.split('\n').filter((l) => l.startsWith('Retrying in '));

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

/** A runAction that also says how long the run took. */
async function timed(run: Promise<ActionRun>): Promise<ActionRun & { ms: number }> {
  const started = Date.now();
  const result = await run;
  return { ...result, ms: Date.now() - started };
}

describeWithRegistry("a user's first hour with the bundled actions", () => {
  const registry = useRegistry({ auth: 'token', namespace: 'lei-org' });
  const ghcrLike = useRegistry({ auth: 'token', namespace: 'lei-org', wrongPassword: 'ghcr' });
  const { proxy, scratch } = useProxyAndScratch(registry, 'lei-e2e-first-hour-');
  const context = (): Record<string, string> => nightlyContext(scratch());

  describe.each(NODES)('under $label', (node) => {
    it('a repository with the registry host in front is used without it, with a warning; a tag like a default one is warned about', async () => {
      const r = registry();
      const repository = `lei-org/first-hour-${node.major}`;
      const run = await runAction(
        node,
        'main',
        nightlyPushInputs(r, { repository: `${r.host}/${repository}`, tags: 'Latest' }),
        context(),
      );
      expect(run.stderr).toBe('');
      expect(run.status, run.stdout).toBe(0);
      expect(commands(run).filter((c) => c.startsWith('::warning::'))).toEqual([
        `::warning::Input 'repository': '${r.host}/${repository}' starts with the registry host; using '${repository}'.`,
        "::warning::Input 'tags': 'Latest' differs only in case from the default tag 'latest'; registries keep tags case-sensitive, so it is a tag of its own and whatever follows 'latest' will not see it. Write 'latest' if that tag is meant.",
      ]);
      expect(run.outputs['name']).toBe(`${r.host}/${repository}`);
      expect(await r.listTags(repository)).toContain('Latest');
    });

    it('a repository with another host in front is refused before any request, naming both inputs', async () => {
      const push = await runAction(
        node,
        'main',
        nightlyPushInputs(registry(), { registry: 'ghcr.io', repository: 'docker.io/x/y' }),
        context(),
      );
      expect(push.status).toBe(1);
      expect(commands(push)).toEqual([
        "::error::Input 'repository': 'docker.io/x/y' starts with the host docker.io, but 'registry' is ghcr.io; give the host in 'registry' and only the path here (registry: docker.io, repository: x/y).",
      ]);
      expect(push.outputs).toEqual({});
    });

    it('a pull reference without a registry host is refused at once, suggesting ghcr.io', async () => {
      const proxied = proxy().requests.length;
      const run = await timed(
        runAction(
          node,
          'pull',
          { reference: 'lei-org/lei-cache:latest', 'output-dir': scratch(), token: 'x' },
          context(),
        ),
      );
      expect(run.status).toBe(1);
      expect(commands(run)).toEqual([
        `::error::Input 'reference': 'lei-org/lei-cache:latest' is not a valid reference: no registry host (a host has a "." or a ":", or is localhost). ` +
          'Write [oci://]host/repository:tag or host/repository@sha256:<64 hex>, e.g. ghcr.io/lei-org/lei-cache:latest.',
      ]);
      expect(retryLines(run)).toEqual([]);
      expect(proxy().requests.length).toBe(proxied);
    });

    it('a registry host DNS does not know fails at once, without retrying, naming registry (push) and reference (pull)', async () => {
      const push = await timed(
        runAction(
          node,
          'main',
          nightlyPushInputs(registry(), { registry: 'lei-cache-registry.invalid' }),
          context(),
        ),
      );
      expect(push.status).toBe(1);
      expect(retryLines(push)).toEqual([]);
      expect(push.errors).toEqual([
        "Input 'registry': the host lei-cache-registry.invalid is unknown to DNS (ENOTFOUND); check the host name, e.g. ghcr.io.",
      ]);
      const pull = await timed(
        runAction(
          node,
          'pull',
          {
            reference: 'lei-cache-registry.invalid/lei-org/lei-cache:latest',
            'output-dir': scratch(),
            token: 'x',
          },
          context(),
        ),
      );
      expect(pull.status).toBe(1);
      expect(retryLines(pull)).toEqual([]);
      // the pull logged nothing before it failed: no group at all
      expect(commands(pull)).toEqual([
        "::error::Input 'reference': the host lei-cache-registry.invalid is unknown to DNS (ENOTFOUND); check the host name at the start of the reference, e.g. ghcr.io/my-org/lei-cache:latest.",
      ]);
      // a retry would wait at least 0.5 s, four retries 7.5 s: these took no wait at all
      expect(push.ms).toBeLessThan(5000);
      expect(pull.ms).toBeLessThan(5000);
    });

    it('a missing tag: one ::error:: line with the advice after the message, and no empty group', async () => {
      const r = registry();
      const reference = `${r.host}/lei-org/never-pushed-${node.major}:nope`;
      const run = await runAction(
        node,
        'pull',
        {
          reference,
          'output-dir': path.join(scratch(), `missing-${node.major}`),
          token: r.password,
        },
        context(),
      );
      expect(run.status).toBe(1);
      expect(commands(run)).toEqual([
        `::error::Pulling ${reference} failed: pull manifest ${reference}: 404 MANIFEST_UNKNOWN: manifest unknown. The registry has no such repository, tag or digest; check the reference.`,
      ]);
    });

    it('invalid JSON in manifest.json names line and column, in the same words under every Node', async () => {
      const dir = await mkdtemp(path.join(scratch(), 'bad-json-'));
      await cp(EXAMPLE_EXPORT, dir, { recursive: true });
      const manifest = await readFile(path.join(dir, 'manifest.json'), 'utf8');
      const lines = manifest.split('\n');
      const line = lines.findIndex((l) => l.includes('"entry_count"'));
      lines[line] = lines[line]!.replace(/: \d+/, ': twelve');
      await writeFile(path.join(dir, 'manifest.json'), lines.join('\n'));
      const column = lines[line]!.indexOf('twelve') + 1;
      const run = await runAction(
        node,
        'main',
        nightlyPushInputs(registry(), { 'export-dir': dir, push: 'false', summary: 'false' }),
        context(),
      );
      expect(run.status).toBe(1);
      expect(commands(run)).toEqual([
        `::error::Input 'export-dir': ${dir}/manifest.json is not valid JSON at line ${line + 1}, column ${column} (unexpected 't', expected a value); run the export again or repair the file`,
      ]);
    });

    it('a token the token endpoint rejects (ghcr.io: 403 DENIED: denied) is called a rejected token, for push and pull', async () => {
      const g = ghcrLike();
      const push = await runAction(
        node,
        'main',
        nightlyPushInputs(g, { token: 'ghs_expired' }),
        context(),
      );
      expect(push.status).toBe(1);
      expect(push.errors).toHaveLength(1);
      // the push reads latest first (the nightly comparison): that is the first token request
      expect(push.errors).toEqual([
        `Pushing to ${g.host}/lei-org/lei-cache failed: pull manifest ${g.host}/lei-org/lei-cache:latest ` +
          `(token request to ${g.tokenServer!.url}): 403 DENIED: denied. ` +
          `The registry ${g.host} rejected the credentials in 'username' and 'token' (the token is expired or wrong, or is for another owner): ` +
          "with GITHUB_TOKEN, leave 'token' at its default (${{ github.token }}); with a personal access token, use a current one with the write:packages scope.",
      ]);
      const reference = `${g.host}/lei-org/lei-cache:latest`;
      const pull = await runAction(
        node,
        'pull',
        { reference, 'output-dir': path.join(scratch(), 'denied'), token: 'ghs_expired' },
        context(),
      );
      expect(pull.status).toBe(1);
      expect(commands(pull)).toEqual([
        `::error::Pulling ${reference} failed: pull manifest ${reference} (token request to ${g.tokenServer!.url}): 403 DENIED: denied. ` +
          `The registry ${g.host} rejected the credentials in 'username' and 'token' (the token is expired or wrong, or is for another owner): ` +
          "with GITHUB_TOKEN, leave 'token' at its default (${{ github.token }}); with a personal access token, use a current one with the read:packages scope.",
      ]);
    });

    it('a token rejected with 401 and a JSON body gets the same words; a token allowed too little keeps the permission advice', async () => {
      const r = registry();
      const reference = `${r.host}/lei-org/lei-cache:latest`;
      const pull = await runAction(
        node,
        'pull',
        { reference, 'output-dir': path.join(scratch(), 'wrong'), token: 'ghs_wrong' },
        context(),
      );
      expect(pull.status).toBe(1);
      expect(pull.errors).toEqual([
        `Pulling ${reference} failed: pull manifest ${reference} (token request to ${r.tokenServer!.url}): 401 UNAUTHORIZED: authentication required: bad credentials. ` +
          `The registry ${r.host} rejected the credentials in 'username' and 'token' (the token is expired or wrong, or is for another owner): ` +
          "with GITHUB_TOKEN, leave 'token' at its default (${{ github.token }}); with a personal access token, use a current one with the read:packages scope.",
      ]);
      const push = await runAction(
        node,
        'main',
        nightlyPushInputs(r, { repository: 'other-org/lei-cache' }),
        context(),
      );
      expect(push.status).toBe(1);
      expect(push.errors).toHaveLength(1);
      expect(push.errors[0]).not.toContain('\n');
      expect(push.errors[0]).toContain(
        `: 401 UNAUTHORIZED: authentication required. The registry ${r.host} refused to let this job push to 'other-org/lei-cache'. Give the job write access to packages: add \`permissions: packages: write\``,
      );
      expect(push.errors[0]).not.toContain('rejected the credentials');
    });
  });

  it.each(NODES)(
    'under $label: prune on a registry with a wrong token says the credentials were rejected',
    async (node) => {
      const r = registry();
      const run = await runAction(
        node,
        'prune',
        { ...pruneDefaults('ghs_wrong'), registry: r.host, repository: 'lei-org/lei-cache' },
        context(),
      );
      expect(run.status).toBe(1);
      expect(commands(run)).toEqual([
        `::error::Listing ${r.host}/lei-org/lei-cache failed: list tags of ${r.host}/lei-org/lei-cache (token request to ${r.tokenServer!.url}): ` +
          '401 UNAUTHORIZED: authentication required: bad credentials. ' +
          `The registry ${r.host} rejected the credentials in 'username' and 'token' (the token is expired or wrong, or is for another owner): ` +
          "with GITHUB_TOKEN, leave 'token' at its default (${{ github.token }}); with a personal access token, use a current one with pull and delete rights on the repository.",
      ]);
    },
  );

  it(`under ${CURRENT_NODE.label}: a refused connection is retried with an info line for each retry, then names registry and the fix`, async () => {
    // the real backoff (about 12 s in all), so under one Node only
    const host = `127.0.0.1:${await freePort()}`;
    const run = await runAction(
      CURRENT_NODE,
      'main',
      nightlyPushInputs(registry(), { registry: host, summary: 'false' }),
      context(),
    );
    expect(run.status).toBe(1);
    const retries = retryLines(run);
    // the first request (reading latest) is retried 4 times, each retry said with its wait
    expect(retries).toHaveLength(4);
    retries.forEach((line, i) => {
      expect(line).toMatch(
        new RegExp(
          `^Retrying in \\d+(\\.\\d)? s \\(attempt ${i + 2} of 5\\): read tag ${host.replace(/\./g, '\\.')}/lei-org/lei-cache:latest: connection refused$`,
        ),
      );
    });
    // the retries are in the push's group, which opened on the first of them
    const log = run.stdout.split('\n').filter((l) => l !== '' && !/^::(debug|add-mask)::/.test(l));
    const group = log.indexOf(`::group::Push to ${host}/lei-org/lei-cache`);
    expect(group).toBeGreaterThan(0);
    expect(log[group + 1]).toBe(retries[0]);
    expect(log.slice(-2)).toEqual([
      '::endgroup::',
      `::error::Input 'registry': ${host} refused the connection (after 5 attempts); check the host and port.`,
    ]);
  });
});

describe.each(NODES)("bundled prune on ghcr.io (GitHub's API stand-in) under $label", (node) => {
  let api: GitHubApiStandIn | undefined;
  afterEach(async () => {
    await api?.stop();
    api = undefined;
  });
  const context = (url: string) => ({
    GITHUB_REPOSITORY_OWNER: 'Lei-Org',
    GITHUB_ACTOR: 'octocat',
    GITHUB_API_URL: url,
  });

  it('a token GitHub answers 401 "Bad credentials" is called a rejected token, not a missing role', async () => {
    api = await startGitHubApiStandIn({
      token: 'ghs_standin',
      packages: [{ owner: 'lei-org', ownerType: 'Organization', name: 'lei-cache', versions: [] }],
    });
    const run = await runAction(node, 'prune', pruneDefaults('ghs_expired'), context(api.url));
    expect(run.status).toBe(1);
    expect(commands(run)).toEqual([
      `::error::Could not look up the package owner 'lei-org' at ${api.url}: GitHub answered 401 (Bad credentials). ` +
        "GitHub rejected the token in 'token' (it is expired, wrong or revoked): with GITHUB_TOKEN, leave 'token' at its default (${{ github.token }}); " +
        'with a personal access token, use a current one with read:packages and delete:packages.',
    ]);
  });

  it('a repository with ghcr.io in front is pruned without it, with a warning', async () => {
    api = await startGitHubApiStandIn({
      token: 'ghs_standin',
      packages: [{ owner: 'lei-org', ownerType: 'Organization', name: 'lei-cache', versions: [] }],
    });
    const run = await runAction(
      node,
      'prune',
      { ...pruneDefaults(api.token), repository: 'ghcr.io/Lei-Org/lei-cache' },
      context(api.url),
    );
    expect(run.status, run.stdout).toBe(0);
    expect(commands(run)[0]).toBe(
      "::warning::Input 'repository': 'ghcr.io/Lei-Org/lei-cache' starts with the registry host; using 'lei-org/lei-cache'.",
    );
    expect(api.requests.some((r) => r.url.includes('/packages/container/lei-cache/versions'))).toBe(
      true,
    );
  });
});
