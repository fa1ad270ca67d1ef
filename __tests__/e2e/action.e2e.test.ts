/**
 * End to end: the bundled actions (dist/main, dist/pull) run as a runner runs them, against the
 * real distribution registry with Docker token auth (the harness), under every Node binary we
 * have: the test's own Node 20, and Node 24 (GitHub's hosted runners run node20 actions on it).
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useProxyAndScratch } from '../../test-support/proxiedScratch.js';
import { describeWithRegistry, skopeoBinary, useRegistry } from '../../test-support/registry.js';
import {
  ACTION_NODES,
  CURRENT_NODE,
  EXAMPLE_EXPORT,
  nightlyContext,
  nightlyPushInputs,
  NODE24,
  NODE24_PATH,
  runAction,
} from '../../test-support/runAction.js';

const exec = promisify(execFile);
const sha256 = (bytes: Buffer): string =>
  `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

const NODES = ACTION_NODES;

describe('Node binaries for the end-to-end runs', () => {
  it('has Node 24 (the node24 dev dependency) when CI requires every tool', (ctx) => {
    if (NODE24 === undefined) {
      const message = `Node 24 not found at ${NODE24_PATH}: run 'npm ci' (the node24 dev dependency) or set LEI_NODE24_BIN`;
      if (process.env['LEI_REQUIRE_TOOLS'] === '1')
        throw new Error(`${message} (LEI_REQUIRE_TOOLS=1 makes it a failure)`);
      // A visible skip, not a pass without an assertion.
      ctx.skip(`end-to-end tests run under ${CURRENT_NODE.label} only: ${message}`);
      return;
    }
    expect(NODE24.major).toBe(24);
  });
});

describeWithRegistry('bundled actions against a token-auth registry', () => {
  const registry = useRegistry({ auth: 'token', namespace: 'lei-org' });
  const { proxy, scratch } = useProxyAndScratch(registry, 'lei-e2e-');

  const context = (): Record<string, string> => nightlyContext(scratch());
  const pushInputs = (extra: Record<string, string>): Record<string, string> =>
    nightlyPushInputs(registry(), extra);

  let big: string | undefined;
  /** An export whose cache.jsonl.gz is a little over 64 MiB (stored, so it is 64 MiB plus gzip framing). */
  async function bigExport(): Promise<string> {
    if (big !== undefined) return big;
    const dir = path.join(scratch(), 'big-export');
    await mkdir(dir);
    // stored (level 0) gzip of 64 MiB of JSONL lines with random payloads: valid gzip that
    // nothing compresses, described by its manifest.json as LEI's exporter would
    const lines: string[] = [];
    for (let raw = 0; raw < 64 * 1024 * 1024; raw += 4096)
      lines.push(JSON.stringify({ p: randomBytes(3066).toString('base64').slice(0, 4087) }));
    const jsonl = Buffer.from(lines.map((l) => `${l}\n`).join(''));
    const cache = gzipSync(jsonl, { level: 0 });
    await writeFile(path.join(dir, 'cache.jsonl.gz'), cache);
    await writeFile(
      path.join(dir, 'manifest.json'),
      JSON.stringify({
        format_version: '1.0',
        lei_version: '0.9.1',
        created: '2026-11-23T01:00:00Z',
        date: '2026-11-23',
        entry_count: lines.length,
        repos: [],
        raw_size: jsonl.length,
        compressed_size: cache.length,
        content_hash: createHash('sha256').update(lines.join('')).digest('hex'),
      }),
    );
    big = dir;
    return dir;
  }

  describe.each(NODES)('under $label', (node) => {
    it('pushes with the default tags to the lowercased default repository, then pulls identical bytes', async () => {
      const r = registry();
      const push = await runAction(
        node,
        'main',
        pushInputs({ annotations: 'org.example.team=supply-chain\nnightly=yes' }),
        context(),
      );
      expect(push.stderr).toBe('');
      expect(push.status, push.stdout).toBe(0);
      const digest = push.outputs['digest'] ?? '';
      expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(push.outputs['reference']).toBe(`${r.host}/lei-org/lei-cache@${digest}`);
      expect(push.outputs['tags']).toBe('2026-11-22,latest,weekly');

      // what the registry holds, read with admin credentials past the action
      expect((await r.listTags('lei-org/lei-cache')).sort()).toEqual([
        '2026-11-22',
        'latest',
        'weekly',
      ]);
      for (const tag of ['2026-11-22', 'latest', 'weekly']) {
        const stored = await r.getManifest('lei-org/lei-cache', tag);
        expect(stored.status).toBe(200);
        expect(sha256(stored.bytes)).toBe(digest);
      }
      const stored = await r.getManifest('lei-org/lei-cache', digest);
      expect(stored.bytes.toString('utf8')).toBe(push.outputs['manifest']);
      const manifest = JSON.parse(stored.bytes.toString('utf8')) as {
        annotations: Record<string, string>;
        config: { size: number };
        layers: { size: number }[];
      };
      expect(manifest.annotations).toMatchObject({
        'org.opencontainers.image.source': 'https://github.com/Lei-Org/lei-nightly',
        'org.opencontainers.image.revision': '0123456789abcdef0123456789abcdef01234567',
        'org.example.team': 'supply-chain',
        nightly: 'yes',
        'org.opencontainers.image.created': '2026-11-22T03:14:07Z',
      });
      const size =
        manifest.config.size + manifest.layers.reduce((sum, layer) => sum + layer.size, 0);
      expect(push.outputs['size']).toBe(String(size));

      // the input token and the exchanged registry token were masked
      expect(push.masked).toContain(r.password);
      expect(push.masked.length).toBeGreaterThanOrEqual(2);
      expect(push.stdout).toContain('::group::');

      // job summary: the table and how to get it back
      expect(push.summary).toContain(`${r.host}/lei-org/lei-cache@${digest}`);
      expect(push.summary).toContain('/pull@v1');
      expect(push.summary).toContain(`skopeo copy docker://${r.host}/lei-org/lei-cache@${digest}`);
      expect(push.summary).toContain(`oras pull ${r.host}/lei-org/lei-cache@${digest}`);
      expect(push.summary).toContain(`  - ${r.host}/lei-org/lei-cache:2026-11-22@${digest}`);
      expect(push.summary).toMatch(/Entries<\/th><td>12</);

      // pull it back by tag (oci:// prefix) into a directory that does not exist yet
      const outDir = path.join(scratch(), `restored-${node.major}`);
      const pull = await runAction(
        node,
        'pull',
        {
          reference: `oci://${r.host}/lei-org/lei-cache:weekly`,
          'output-dir': outDir,
          username: 'octocat',
          token: r.password,
        },
        context(),
      );
      expect(pull.status, pull.stdout).toBe(0);
      expect(pull.outputs).toEqual({ digest, date: '2026-11-22', 'entry-count': '12' });
      expect((await readdir(outDir)).sort()).toEqual(['cache.jsonl.gz', 'manifest.json']);
      for (const file of ['manifest.json', 'cache.jsonl.gz']) {
        expect(
          (await readFile(path.join(outDir, file))).equals(
            await readFile(path.join(EXAMPLE_EXPORT, file)),
          ),
        ).toBe(true);
      }
      expect(pull.masked).toContain(r.password);

      // and by digest, relative output-dir resolved against GITHUB_WORKSPACE
      const byDigest = await runAction(
        node,
        'pull',
        {
          reference: `${r.host}/lei-org/lei-cache@${digest}`,
          'output-dir': `by-digest-${node.major}`,
          username: 'octocat',
          token: r.password,
        },
        context(),
      );
      expect(byDigest.status, byDigest.stdout).toBe(0);
      expect(byDigest.outputs['digest']).toBe(digest);
      expect(
        (await readFile(path.join(scratch(), `by-digest-${node.major}`, 'cache.jsonl.gz'))).equals(
          await readFile(path.join(EXAMPLE_EXPORT, 'cache.jsonl.gz')),
        ),
      ).toBe(true);
    });

    it('logs progress for a 64 MiB cache on push and pull (bytes, percent, MB/s), none for small blobs', async () => {
      const r = registry();
      const exportDir = await bigExport();
      const repository = `lei-org/big-node${node.major}`;
      const push = await runAction(
        node,
        'main',
        pushInputs({ 'export-dir': exportDir, repository, tags: 'big', summary: 'false' }),
        context(),
      );
      expect(push.status, push.stdout).toBe(0);
      const size = (await readFile(path.join(exportDir, 'cache.jsonl.gz'))).length;
      const uploads = push.stdout.split('\n').filter((l) => / uploaded /.test(l));
      // one blob is big: the cache layer; the small ones (config, manifest.json) log nothing
      expect(uploads.length).toBeGreaterThanOrEqual(1);
      expect(new Set(uploads.map((l) => l.slice(0, 19))).size).toBe(1);
      expect(uploads.at(-1)).toMatch(
        /^sha256:[0-9a-f]{12}: uploaded 64\.0 MiB of 64\.0 MiB \(100%, [\d.]+ MB\/s\)$/,
      );
      expect(size).toBeGreaterThanOrEqual(64 * 1024 * 1024);

      const outDir = path.join(scratch(), `big-restored-${node.major}`);
      const pull = await runAction(
        node,
        'pull',
        { reference: `${r.host}/${repository}:big`, 'output-dir': outDir, token: r.password },
        context(),
      );
      expect(pull.status, pull.stdout).toBe(0);
      const downloads = pull.stdout.split('\n').filter((l) => / downloaded /.test(l));
      expect(downloads.at(-1)).toMatch(
        /: downloaded 64\.0 MiB of 64\.0 MiB \(100%, [\d.]+ MB\/s\)$/,
      );
      expect(
        (await readFile(path.join(outDir, 'cache.jsonl.gz'))).equals(
          await readFile(path.join(exportDir, 'cache.jsonl.gz')),
        ),
      ).toBe(true);
    });

    it("pushes explicit tags (comma- and newline-separated) to an explicit repository, with the snapshot's date tag first, and nothing else", async () => {
      const r = registry();
      const repository = `lei-org/explicit-node${node.major}`;
      const run = await runAction(
        node,
        'main',
        pushInputs({ repository, tags: 'v1,nightly\n2026-w47', summary: 'false' }),
        context(),
      );
      expect(run.status, run.stdout).toBe(0);
      // the date tag is always pushed (prune works from date tags)
      expect(run.outputs['tags']).toBe('2026-11-22,v1,nightly,2026-w47');
      expect((await r.listTags(repository)).sort()).toEqual([
        '2026-11-22',
        '2026-w47',
        'nightly',
        'v1',
      ]);
      expect(run.summary).toBe('');
    });

    it('push: false writes an OCI layout with no network; skopeo copies it to the same digest', async () => {
      const r = registry();
      const layout = path.join(scratch(), `layout-node${node.major}`);
      const requestsBefore = proxy().requests.length;
      const run = await runAction(
        node,
        'main',
        pushInputs({
          push: 'false',
          token: '',
          'oci-layout': layout,
          registry: proxy().host,
          repository: 'lei-org/offline',
        }),
        context(),
      );
      expect(run.status, run.stdout).toBe(0);
      expect(proxy().requests.length).toBe(requestsBefore);
      const digest = run.outputs['digest'] ?? '';
      expect(run.outputs['reference']).toBe(`${proxy().host}/lei-org/offline@${digest}`);
      const index = JSON.parse(await readFile(path.join(layout, 'index.json'), 'utf8')) as {
        manifests: { digest: string; annotations: Record<string, string> }[];
      };
      expect(
        index.manifests.map((m) => [m.annotations['org.opencontainers.image.ref.name'], m.digest]),
      ).toEqual([
        ['2026-11-22', digest],
        ['latest', digest],
        ['weekly', digest],
      ]);

      const skopeo = skopeoBinary();
      if (skopeo === undefined) {
        if (process.env['LEI_REQUIRE_TOOLS'] === '1')
          throw new Error('skopeo not installed: apt-get install -y skopeo');
        console.warn('skipping the skopeo copy: skopeo not installed (apt-get install -y skopeo)');
        return;
      }
      const target = `lei-org/from-layout-node${node.major}`;
      await exec(skopeo, [
        'copy',
        '--insecure-policy',
        '--dest-tls-verify=false',
        '--dest-creds',
        `skopeo:${r.password}`,
        `oci:${layout}:2026-11-22`,
        `docker://${r.host}/${target}:2026-11-22`,
      ]);
      const stored = await r.getManifest(target, '2026-11-22');
      expect(stored.status).toBe(200);
      expect(sha256(stored.bytes)).toBe(digest);
    });

    it('a repository the token may not push to fails with the permissions advice and moves no tag', async () => {
      const r = registry();
      const run = await runAction(
        node,
        'main',
        pushInputs({ repository: 'other-org/lei-cache' }),
        context(),
      );
      expect(run.status).toBe(1);
      expect(run.errors).toHaveLength(1);
      const error = run.errors[0] ?? '';
      expect(error).toContain('packages: write');
      expect(error).toContain('Manage Actions access');
      expect(error).not.toContain(r.password);
      expect(await r.listTags('other-org/lei-cache')).toEqual([]);
      expect(run.outputs).toEqual({});
    });

    it.each([
      [{ tags: 'latest,-bad' }, 'tags'],
      [{ annotations: 'no-equals-sign' }, 'annotations'],
      [{ annotations: 'a=1\na=2' }, 'annotations'],
      [{ push: 'yes' }, 'push'],
      [{ summary: 'maybe' }, 'summary'],
      [{ repository: 'Lei-Org/Mixed' }, 'repository'],
      [{ registry: 'https://ghcr.io' }, 'registry'],
      [{ 'export-dir': '' }, 'export-dir'],
      [{ token: '' }, 'token'],
    ])('rejects %j before any request', async (bad, input) => {
      const r = registry();
      const tokenRequests = r.tokenServer?.requests ?? 0;
      const proxied = proxy().requests.length;
      const run = await runAction(
        node,
        'main',
        pushInputs({ registry: proxy().host, ...bad }),
        context(),
      );
      expect(run.status).toBe(1);
      expect(run.errors).toHaveLength(1);
      expect(run.errors[0]).toMatch(new RegExp(`^Input '${input}': `));
      expect(proxy().requests.length).toBe(proxied);
      expect(r.tokenServer?.requests ?? 0).toBe(tokenRequests);
      expect(run.outputs).toEqual({});
    });

    it('rejects a missing export directory and an oci-layout that is a file before any request', async () => {
      const proxied = proxy().requests.length;
      const missing = path.join(scratch(), 'nope');
      const run = await runAction(
        node,
        'main',
        pushInputs({ registry: proxy().host, 'export-dir': missing }),
        context(),
      );
      expect(run.status).toBe(1);
      expect(run.errors).toHaveLength(1);
      expect(run.errors[0]).toMatch(/^Input 'export-dir': /);
      expect(run.errors[0]).toContain(missing);

      const file = path.join(scratch(), `layout-file-${node.major}`);
      await writeFile(file, 'not a directory');
      const layoutRun = await runAction(
        node,
        'main',
        pushInputs({ registry: proxy().host, 'oci-layout': file }),
        context(),
      );
      expect(layoutRun.status).toBe(1);
      expect(layoutRun.errors[0]).toMatch(/^Input 'oci-layout': .*not a directory/);
      expect(await readFile(file, 'utf8')).toBe('not a directory');
      expect(proxy().requests.length).toBe(proxied);
    });

    it('the pull action refuses an output-dir that is a file, and bad references, before any request', async () => {
      const r = registry();
      const file = path.join(scratch(), `a-file-${node.major}`);
      await writeFile(file, 'keep me');
      const proxied = proxy().requests.length;
      const fileRun = await runAction(
        node,
        'pull',
        {
          reference: `${proxy().host}/lei-org/lei-cache:latest`,
          'output-dir': file,
          token: r.password,
        },
        context(),
      );
      expect(fileRun.status).toBe(1);
      expect(fileRun.errors[0]).toMatch(/^Input 'output-dir': .*is not a directory/);
      expect(await readFile(file, 'utf8')).toBe('keep me');

      const badRef = await runAction(
        node,
        'pull',
        {
          reference: `${proxy().host}/Lei-Org/lei-cache`,
          'output-dir': path.join(scratch(), 'x'),
          token: r.password,
        },
        context(),
      );
      expect(badRef.status).toBe(1);
      expect(badRef.errors[0]).toMatch(/^Input 'reference': .*capital/);
      expect(proxy().requests.length).toBe(proxied);
    });

    it('an anonymous pull of a private repository fails and leaves no file behind', async () => {
      const r = registry();
      const outDir = path.join(scratch(), `anonymous-${node.major}`);
      const run = await runAction(
        node,
        'pull',
        { reference: `${r.host}/lei-org/lei-cache:latest`, 'output-dir': outDir, token: '' },
        context(),
      );
      expect(run.status).toBe(1);
      expect(run.errors[0]).toMatch(/Pulling .* failed/);
      expect(await readdir(outDir)).toEqual([]);
    });
  });
});
