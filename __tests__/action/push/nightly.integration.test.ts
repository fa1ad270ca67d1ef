/**
 * The push's look back at `latest` and the shrink guard (issue 19), in process through runPush
 * with the real artifact and registry rooms against the real token-auth registry: what changed
 * since the snapshot latest points at (log line and summary section), and a snapshot that lost
 * more than max-shrink percent of latest's entries pushed under its date tag only.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PushInputs } from '../../../src/action/push/inputs.js';
import { runPush } from '../../../src/action/push/run.js';
import { defaultServices } from '../../../src/action/services.js';
import { describeWithRegistry, useRegistry } from '../../../test-support/registry.js';
import { buildLeiExport, leiReports, writeLeiExport } from '../../artifact/leiExport.js';
import { recordingIO } from '../../../test-support/recordingIO.js';

const created = (date: string): string => `${date}T03:14:07Z`;

describeWithRegistry('the push compares with latest and guards against a collapse', () => {
  const registry = useRegistry({ auth: 'token', namespace: 'lei-org' });
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'lei-nightly-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  let exports = 0;
  /** An LEI export of `count` reports (repos org-<seed>/repo-<i>) for `date`. */
  async function exportOf(
    count: number,
    date: string,
    seed = 0,
    fields: Record<string, unknown> = {},
  ): Promise<string> {
    const exp = buildLeiExport(leiReports(count, seed), {
      date,
      created: created(date),
      ...fields,
    });
    return writeLeiExport(path.join(scratch, `export-${++exports}`), exp);
  }

  function inputs(
    repository: string,
    exportDir: string,
    extra: Partial<PushInputs> = {},
  ): PushInputs {
    const r = registry();
    return {
      exportDir,
      registry: r.host,
      repository,
      tags: [],
      annotations: {},
      push: true,
      allowOlder: false,
      summary: true,
      verifyContent: true,
      maxShrink: 50,
      credentials: { username: r.username, password: r.password },
      ...extra,
    };
  }

  async function push(
    repository: string,
    exportDir: string,
    extra: Partial<PushInputs> = {},
  ): Promise<ReturnType<typeof recordingIO> & { digest: string }> {
    const io = recordingIO();
    const out = await runPush(inputs(repository, exportDir, extra), {
      io,
      services: defaultServices(),
      env: {},
    });
    return Object.assign(io, { digest: out.digest });
  }

  async function digestOf(repository: string, tag: string): Promise<string | undefined> {
    const stored = await registry().getManifest(repository, tag);
    return stored.status === 200 ? stored.digest : undefined;
  }

  it('the first push has nothing to compare with; the next one logs and summarizes what changed', async () => {
    const repository = 'lei-org/nightly-diff';
    const first = await push(repository, await exportOf(60, '2026-11-21'));
    expect(first.lines.filter((l) => /^(Since|Against) /.test(l))).toEqual([]);
    expect(first.debugs).toContain(
      `${registry().host}/${repository}:latest does not exist yet: nothing to compare this snapshot with.`,
    );
    expect(first.summaries[0]).not.toContain('#### Since');

    // 47 of the first night's repos stay (13 to 59), 20 are new (seed 1); 13 dropped
    const next = path.join(scratch, 'next');
    const reports = [...leiReports(60, 0).slice(13), ...leiReports(20, 1)];
    await writeLeiExport(
      next,
      buildLeiExport(reports, { date: '2026-11-22', created: created('2026-11-22') }),
    );
    const second = await push(repository, next);
    expect(second.lines).toContain(
      'Since 2026-11-21 (latest): 60 -> 67 entries (+7); 20 repos added, 13 dropped',
    );
    const summary = second.summaries[0] ?? '';
    expect(summary).toContain('#### Since 2026-11-21 (latest)');
    expect(summary).toContain('<tr><th align="left">Entries</th><td>60 → 67 (+7)</td></tr>');
    // the first ten in sorted order are named, the rest counted
    const added = [0, 1, 10, 11, 12, 13, 14, 15, 16, 17].map(
      (i) => `<code>https://github.com/org-1/repo-${i}</code>`,
    );
    expect(summary).toContain(
      `<tr><th align="left">Repos added</th><td>20: ${added.join(', ')} and 10 more</td></tr>`,
    );
    const dropped = [0, 1, 10, 11, 12, 2, 3, 4, 5, 6].map(
      (i) => `<code>https://github.com/org-0/repo-${i}</code>`,
    );
    expect(summary).toContain(
      `<tr><th align="left">Repos dropped</th><td>13: ${dropped.join(', ')} and 3 more</td></tr>`,
    );
    expect(await digestOf(repository, 'latest')).toBe(second.digest);
  });

  it('a snapshot with 40% of latest entries: date tag pushed, latest and weekly stay, one error', async () => {
    const r = registry();
    const repository = 'lei-org/nightly-shrink';
    const good = await push(repository, await exportOf(100, '2026-11-22'));
    expect(await digestOf(repository, 'weekly')).toBe(good.digest);

    const io = recordingIO();
    const small = await exportOf(40, '2026-11-29');
    const failure = runPush(inputs(repository, small), {
      io,
      services: defaultServices(),
      env: {},
    });
    await expect(failure).rejects.toThrow(
      `The snapshot 2026-11-29 has 40 entries, 60% fewer than the 100 of latest (2026-11-22), ` +
        `more than max-shrink (50%) allows: it was pushed as ${r.host}/${repository}:2026-11-29; ` +
        'latest, weekly stay where they were. If the shrink is intended, run again with max-shrink: 100; ' +
        'otherwise fix the export and run again.',
    );
    expect(await digestOf(repository, 'latest')).toBe(good.digest);
    expect(await digestOf(repository, 'weekly')).toBe(good.digest);
    const pushedDigest = io.outputs['digest'] ?? '';
    expect(await digestOf(repository, '2026-11-29')).toBe(pushedDigest);
    expect(io.outputs['tags']).toBe('2026-11-29');
    expect(io.outputs['reference']).toBe(`${r.host}/${repository}@${pushedDigest}`);
    expect(io.lines).toContain(
      'Since 2026-11-22 (latest): 100 -> 40 entries (-60); 0 repos added, 60 dropped',
    );
    expect(io.lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^${r.host}/${repository}:latest stays on snapshot 2026-11-22 \\(created 2026-11-22T03:14:07Z, sha256:[0-9a-f]{12}…\\): held back by the shrink guard \\(max-shrink\\)$`,
        ),
      ),
    );
    expect(io.lines.filter((l) => l.startsWith('warning: '))).toEqual([]);
    const summary = io.summaries[0] ?? '';
    expect(summary).toMatch(
      /^### LEI cache snapshot 2026-11-29 pushed; moving tags held back \(shrink guard\)\n/,
    );
    expect(summary).toContain(
      '<p><strong>Shrink guard:</strong> this snapshot has 60% fewer entries than <code>latest</code> (2026-11-22: 100 → 40)',
    );
    expect(summary).toContain('<code>latest</code>, <code>weekly</code> stayed where they were');
    expect(summary).toContain(
      '<tr><td><code>latest</code></td><td><strong>held back</strong> by the shrink guard: stays on snapshot 2026-11-22',
    );
    expect(summary).not.toContain('moving tags only move forward');

    // the same export with max-shrink: 100 moves them
    const again = await push(repository, small, { maxShrink: 100 });
    expect(again.digest).toBe(pushedDigest);
    expect(await digestOf(repository, 'latest')).toBe(pushedDigest);
    expect(await digestOf(repository, 'weekly')).toBe(pushedDigest);
    expect(again.outputs['tags']).toBe('2026-11-29,latest,weekly');
    expect(again.lines).toContain(
      'Since 2026-11-22 (latest): 100 -> 40 entries (-60); 0 repos added, 60 dropped',
    );
  });

  it('exactly max-shrink percent lost still moves the tags; max-shrink: 0 holds any loss', async () => {
    const repository = 'lei-org/nightly-edge';
    await push(repository, await exportOf(10, '2026-11-20'));
    const half = await push(repository, await exportOf(5, '2026-11-21'));
    expect(await digestOf(repository, 'latest')).toBe(half.digest);
    const failure = push(repository, await exportOf(4, '2026-11-23'), { maxShrink: 0 });
    await expect(failure).rejects.toThrow(
      /has 4 entries, 20% fewer than the 5 of latest \(2026-11-21\), more than max-shrink \(0%\)/,
    );
    expect(await digestOf(repository, 'latest')).toBe(half.digest);
  });

  it('compares with latest when tags has no latest, and holds the moving tags given', async () => {
    const r = registry();
    const repository = 'lei-org/nightly-own-tags';
    const good = await push(repository, await exportOf(30, '2026-11-20'), { tags: ['nightly'] });
    await r.putManifest(
      repository,
      'latest',
      'application/vnd.oci.image.manifest.v1+json',
      (await r.getManifest(repository, good.digest)).bytes,
    );
    const io = recordingIO();
    const failure = runPush(
      inputs(repository, await exportOf(3, '2026-11-21'), { tags: ['nightly'] }),
      { io, services: defaultServices(), env: {} },
    );
    await expect(failure).rejects.toThrow(
      `it was pushed as ${r.host}/${repository}:2026-11-21; nightly stays where it was.`,
    );
    expect(io.lines).toContain(
      "Tags: 2026-11-21, nightly (2026-11-21 added: the snapshot's date tag is always pushed)",
    );
    expect(await digestOf(repository, 'nightly')).toBe(good.digest);
    expect(await digestOf(repository, '2026-11-21')).toBe(io.outputs['digest']);
  });

  it('latest that is not an LEI snapshot, or has 0 entries, never blocks', async () => {
    const r = registry();
    const repository = 'lei-org/nightly-never';
    await r.putManifest(
      repository,
      'latest',
      'application/vnd.oci.image.index.v1+json',
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [],
      }),
    );
    const empty = await push(repository, await exportOf(0, '2026-11-20'));
    expect(empty.debugs).toContain(
      `${r.host}/${repository}:latest is an OCI image index, not an LEI snapshot: nothing to compare with.`,
    );
    expect(await digestOf(repository, 'latest')).toBe(empty.digest);
    const after = await push(repository, await exportOf(5, '2026-11-21'));
    expect(after.lines).toContain(
      'Since 2026-11-20 (latest): 0 -> 5 entries (+5); 5 repos added, 0 dropped',
    );
    const none = await push(repository, await exportOf(0, '2026-11-22'), { maxShrink: 100 });
    expect(await digestOf(repository, 'latest')).toBe(none.digest);
    // 0 entries at latest: a guard of 0% has nothing to lose
    const zero = await push(repository, await exportOf(0, '2026-11-23'), { maxShrink: 0 });
    expect(await digestOf(repository, 'latest')).toBe(zero.digest);
  });

  it("latest's manifest.json that cannot be read as an export manifest: a debug line, no comparison", async () => {
    const repository = 'lei-org/nightly-unreadable';
    const r = registry();
    const manifestJson = Buffer.from('{"date":"2026-11-20","entry_count":"many"}');
    const layer = await r.putBlob(repository, manifestJson);
    const config = await r.putBlob(repository, Buffer.from('{}'));
    await r.putManifest(
      repository,
      'latest',
      'application/vnd.oci.image.manifest.v1+json',
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.lei.cache.config.v1+json', digest: config, size: 2 },
        layers: [
          {
            mediaType: 'application/vnd.lei.cache.manifest+json',
            digest: layer,
            size: manifestJson.length,
          },
        ],
      }),
    );
    const next = await push(repository, await exportOf(1, '2026-11-21'));
    expect(next.debugs).toContainEqual(
      expect.stringMatching(
        /^Not compared with .*:latest: the manifest\.json of .*:latest: "entry_count" must be a non-negative integer, got "many"/,
      ),
    );
    expect(next.lines.filter((l) => /^(Since|Against) /.test(l))).toEqual([]);
    expect(await digestOf(repository, 'latest')).toBe(next.digest);
  });

  it('a newer latest stays by the forward rule without a shrink error; allow-older meets the guard', async () => {
    const repository = 'lei-org/nightly-older';
    const newer = await push(repository, await exportOf(100, '2026-11-25'));
    const old = await exportOf(10, '2026-11-20');
    const rerun = await push(repository, old);
    expect(rerun.lines).toContain(
      'Against latest (2026-11-25, newer than this snapshot): 100 -> 10 entries (-90); 0 repos added, 90 dropped',
    );
    expect(
      rerun.lines.some((l) => l.startsWith('warning: ') && l.includes('stays on the newer')),
    ).toBe(true);
    expect(await digestOf(repository, 'latest')).toBe(newer.digest);
    await expect(push(repository, old, { allowOlder: true })).rejects.toThrow(
      /has 10 entries, 90% fewer than the 100 of latest \(2026-11-25\)/,
    );
    expect(await digestOf(repository, 'latest')).toBe(newer.digest);
    const back = await push(repository, old, { allowOlder: true, maxShrink: 100 });
    expect(await digestOf(repository, 'latest')).toBe(back.digest);
  });

  it('repo names with markup stay text in the summary and one line in the log', async () => {
    const repository = 'lei-org/nightly-markup';
    await push(repository, await exportOf(5, '2026-11-20'));
    const hostile = ['<img src=x onerror=alert(1)>', '**bold**', '::error::x', 'a\n::warning::y'];
    const io = await push(
      repository,
      await exportOf(5, '2026-11-21', 0, {
        repos: [...leiReports(5).map((_, i) => `https://github.com/org-0/repo-${i}`), ...hostile],
      }),
    );
    const summary = io.summaries[0] ?? '';
    expect(summary).toContain('<code>&#60;img src&#61;x onerror&#61;alert&#40;1&#41;&#62;</code>');
    expect(summary).toContain('<code>&#42;&#42;bold&#42;&#42;</code>');
    expect(summary).toContain('<code>::error::x</code>');
    expect(summary).toContain('<code>a&#92;n::warning::y</code>');
    expect(summary).not.toMatch(/<img|\*\*bold/);
    expect(io.lines).toContain(
      'Since 2026-11-20 (latest): 5 -> 5 entries (±0); 4 repos added, 0 dropped',
    );
  });

  it('an export whose entries nobody counted (no entry_count, verify-content false) is not judged', async () => {
    const repository = 'lei-org/nightly-uncounted';
    await push(repository, await exportOf(100, '2026-11-20'));
    const io = await push(
      repository,
      await exportOf(100, '2026-11-21', 0, { entry_count: undefined }),
      { verifyContent: false },
    );
    expect(io.lines).toContain(
      `warning: Not compared with ${registry().host}/${repository}:latest, and the shrink guard did not judge this snapshot: manifest.json has no "entry_count" and verify-content is false, so nobody counted its entries.`,
    );
    expect(io.lines.filter((l) => /^(Since|Against) /.test(l))).toEqual([]);
    expect(await digestOf(repository, 'latest')).toBe(io.digest);
  });
});
