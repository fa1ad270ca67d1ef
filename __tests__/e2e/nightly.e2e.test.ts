/**
 * End to end, a nightly that notices when its cache collapses (issue 19): the bundled push
 * action under Node 20 and 24 against the real token-auth registry. The second of two nightly
 * pushes says what changed since the first; a snapshot with 40% of latest's entries is pushed
 * under its date tag only and the step fails with one error, until max-shrink: 100; repo names
 * with markup stay text.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithRegistry, useRegistry } from '../../test-support/registry.js';
import {
  ACTION_NODES,
  type ActionRun,
  nightlyContext,
  nightlyPushInputs,
  runAction,
} from '../../test-support/runAction.js';
import { buildLeiExport, leiReports, writeLeiExport } from '../artifact/leiExport.js';

const NODES = ACTION_NODES;

/** stdout lines the runner would act on: `::` after blanks, or the legacy `##[` anywhere. */
function commands(run: ActionRun): string[] {
  return run.stdout
    .split(/\r\n|\r|\n/)
    .filter((l) => /^\s*::/.test(l) || l.includes('##['))
    .map((l) => /^\s*::([A-Za-z-]+)/.exec(l)?.[1] ?? l);
}

describeWithRegistry('a nightly that notices when its cache collapses, bundled action', () => {
  const registry = useRegistry({ auth: 'token', namespace: 'lei-org' });
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'lei-e2e-nightly-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  let exports = 0;
  /** An LEI export of `reports` for `date` (repos from the reports unless given). */
  async function exportOf(
    reports: string[],
    date: string,
    fields: Record<string, unknown> = {},
  ): Promise<string> {
    const exp = buildLeiExport(reports, { date, created: `${date}T03:14:07Z`, ...fields });
    return writeLeiExport(path.join(scratch, `export-${++exports}`), exp);
  }

  async function digestOf(repository: string, tag: string): Promise<string | undefined> {
    const stored = await registry().getManifest(repository, tag);
    return stored.status === 200 ? stored.digest : undefined;
  }

  describe.each(NODES)('under $label', (node) => {
    const n = node.major;
    const push = (exportDir: string, extra: Record<string, string>): Promise<ActionRun> =>
      runAction(
        node,
        'main',
        nightlyPushInputs(registry(), { 'export-dir': exportDir, ...extra }),
        nightlyContext(scratch),
      );

    it('two nightly pushes: the second says what changed since the first, in the log and the summary', async () => {
      const repository = `lei-org/nightly-two-${n}`;
      const first = await push(await exportOf(leiReports(40, 0), '2026-11-21'), { repository });
      expect(first.status, first.stdout).toBe(0);
      expect(first.stdout).not.toMatch(/^(Since|Against) /m);
      expect(first.summary).not.toContain('#### Since');

      const reports = [...leiReports(40, 0).slice(3), ...leiReports(12, 1)];
      const second = await push(await exportOf(reports, '2026-11-22'), { repository });
      expect(second.status, second.stdout).toBe(0);
      expect(second.stdout.split('\n')).toContain(
        'Since 2026-11-21 (latest): 40 -> 49 entries (+9); 12 repos added, 3 dropped',
      );
      expect(second.summary).toContain('#### Since 2026-11-21 (latest)');
      expect(second.summary).toContain(
        '<tr><th align="left">Entries</th><td>40 → 49 (+9)</td></tr>',
      );
      expect(second.summary).toMatch(
        /<tr><th align="left">Repos added<\/th><td>12: (<code>https:\/\/github\.com\/org-1\/repo-\d+<\/code>, ){9}<code>[^<]+<\/code> and 2 more<\/td><\/tr>/,
      );
      expect(second.summary).toContain(
        '<tr><th align="left">Repos dropped</th><td>3: <code>https://github.com/org-0/repo-0</code>, ' +
          '<code>https://github.com/org-0/repo-1</code>, <code>https://github.com/org-0/repo-2</code></td></tr>',
      );
      expect(second.summary).toContain(
        `mix lei.cache.pull ${registry().host}/${repository}:2026-11-22 -o lei-cache\nmix lei.cache.import lei-cache`,
      );
      expect(await digestOf(repository, 'latest')).toBe(second.outputs['digest']);
    });

    it('40% of latest entries: date tag pushed, latest and weekly unchanged, exit 1 with one error; max-shrink: 100 moves them', async () => {
      const r = registry();
      const repository = `lei-org/nightly-collapse-${n}`;
      const good = await push(await exportOf(leiReports(50), '2026-11-22'), { repository });
      expect(good.status, good.stdout).toBe(0);
      const goodDigest = good.outputs['digest'];
      expect(await digestOf(repository, 'weekly')).toBe(goodDigest);

      const smallDir = await exportOf(leiReports(20), '2026-11-29');
      const small = await push(smallDir, { repository });
      expect(small.status).toBe(1);
      expect(commands(small).filter((c) => c === 'error')).toHaveLength(1);
      expect(small.errors).toEqual([
        'The snapshot 2026-11-29 has 20 entries, 60% fewer than the 50 of latest (2026-11-22), ' +
          `more than max-shrink (50%) allows: it was pushed as ${r.host}/${repository}:2026-11-29; ` +
          'latest, weekly stay where they were. If the shrink is intended, run again with max-shrink: 100; ' +
          'otherwise fix the export and run again.',
      ]);
      expect(await digestOf(repository, 'latest')).toBe(goodDigest);
      expect(await digestOf(repository, 'weekly')).toBe(goodDigest);
      const smallDigest = small.outputs['digest'];
      expect(smallDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(await digestOf(repository, '2026-11-29')).toBe(smallDigest);
      expect(small.outputs['tags']).toBe('2026-11-29');
      expect(small.outputs['reference']).toBe(`${r.host}/${repository}@${smallDigest}`);
      expect(small.summary).toContain('moving tags held back (shrink guard)');
      expect(small.summary).toContain('<strong>Shrink guard:</strong>');

      const intended = await push(smallDir, { repository, 'max-shrink': '100' });
      expect(intended.status, intended.stdout).toBe(0);
      expect(intended.errors).toEqual([]);
      expect(await digestOf(repository, 'latest')).toBe(smallDigest);
      expect(await digestOf(repository, 'weekly')).toBe(smallDigest);
      expect(intended.outputs['tags']).toBe('2026-11-29,latest,weekly');
    });

    it('a bad max-shrink is one input error before any request', async () => {
      const run = await push(await exportOf(leiReports(2), '2026-11-22'), {
        repository: `lei-org/nightly-bad-input-${n}`,
        'max-shrink': '150',
      });
      expect(run.status).toBe(1);
      expect(run.errors).toHaveLength(1);
      expect(run.errors[0]).toMatch(
        /^Input 'max-shrink': must be a whole number of percent from 0 to 100, got '150'/,
      );
      expect(await registry().listTags(`lei-org/nightly-bad-input-${n}`)).toEqual([]);
    });

    it('repo names with markup stay text in the summary and never become a workflow command', async () => {
      const repository = `lei-org/nightly-markup-${n}`;
      const reports = leiReports(3);
      const first = await push(await exportOf(reports, '2026-11-21'), { repository });
      expect(first.status, first.stdout).toBe(0);
      const hostile = [
        '<img src=x onerror=alert(1)>',
        '**bold**',
        '::error::x',
        '\n::add-mask::lei-cache',
      ];
      const base = (buildLeiExport(reports).manifest['repos'] as string[]).slice(1);
      const second = await push(
        await exportOf(reports, '2026-11-22', { repos: [...base, ...hostile] }),
        { repository },
      );
      expect(second.status, second.stdout).toBe(0);
      expect([...new Set(commands(second))].sort()).toEqual([
        'add-mask',
        'debug',
        'endgroup',
        'group',
      ]);
      for (const masked of second.masked) expect(masked).not.toMatch(/lei-cache/);
      expect(second.stdout.split('\n')).toContain(
        'Since 2026-11-21 (latest): 3 -> 3 entries (±0); 4 repos added, 1 dropped',
      );
      expect(second.summary).toContain(
        '<td>4: <code>&#92;n::add-mask::lei-cache</code>, <code>&#42;&#42;bold&#42;&#42;</code>, ' +
          '<code>::error::x</code>, <code>&#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62;</code></td>',
      );
      expect(second.summary).not.toMatch(/<img|\*\*bold/);
    });
  });
});
