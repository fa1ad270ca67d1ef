// scripts/bench/report.ts: what `npm run bench` writes into BENCHMARKS.md. A run rewrites only the
// section of its own dataset, size and Node major (between `bench:` markers); a new key gets
// markers of its own; the hand-written text (the summary at the top, Method, Findings) is left
// byte for byte. The verdicts follow issue 17's targets, and the three pushes of a round rotate.
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  pushOrder,
  renderResults,
  resultLabel,
  writeSection,
  type BenchResult,
  type RoundResult,
} from '../../scripts/bench/report.js';
import type { Machine } from '../../scripts/bench/stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GiB = 2 ** 30;

const machine = (node: string): Machine => ({
  cpu: 'Test CPU',
  cores: 2,
  memoryGiB: 24,
  shaExtensions: true,
  kernel: 'Linux test',
  node,
  skopeo: 'skopeo version 1.9.3',
  registry: 'docker-registry 2.8.2',
  openssl: 'OpenSSL 3.0.19',
  commit: 'abc1234',
});

const sample = (wallS: number, rssBytes = 80e6): { wallS: number; rssBytes: number } => ({
  wallS,
  rssBytes,
});

function round(index: number, push: { on: number; off: number; skopeo: number }): RoundResult {
  return {
    round: index,
    pushOrder: pushOrder(index),
    first: index % 2 === 1 ? 'action' : 'skopeo',
    pushAction: sample(push.on),
    pushActionOff: sample(push.off),
    pushSkopeo: sample(push.skopeo, 22e6),
    pullAction: sample(3.0, 70e6),
    pullSkopeo: sample(3.2, 22e6),
    repush: sample(1.5),
    repushReported: 'Uploaded 0 blob(s), 0 B; 3 already present',
    repushUploadedBytes: 0,
    repushUploadRequests: 0,
    packaging: sample(1.4),
    packagingOff: sample(0.8),
    checkS: 0.8,
  };
}

function result(overrides: Partial<BenchResult> = {}): BenchResult {
  return {
    dataset: 'incompressible',
    nominalSize: GiB,
    size: GiB,
    rawSize: GiB - 81_960,
    entries: 976_054,
    rounds: [
      round(1, { on: 3.6, off: 3.5, skopeo: 3.4 }),
      round(2, { on: 3.7, off: 3.5, skopeo: 3.4 }),
      round(3, { on: 3.5, off: 3.4, skopeo: 3.3 }),
    ],
    warmupRounds: 1,
    startupS: 0.1,
    startupRssBytes: 59e6,
    opensslBytesPerSecond: 2.05e9,
    opensslCommand: 'openssl speed -evp sha256 -bytes 1048576 -seconds 3',
    sha256sumS: 2.1,
    machine: machine('v20.20.2'),
    busyBefore: 0.01,
    loadMin: 1.6,
    loadMax: 2.2,
    startedAt: '2026-12-05T10:00:00Z',
    durationS: 120,
    command: 'npm run bench -- --size 1GiB --rounds 3 --warmup 1',
    ...overrides,
  };
}

/** The row of the headline table whose first cell starts with `measure`. */
function row(markdown: string, measure: string): string {
  const line = markdown.split('\n').find((l) => l.startsWith(`| ${measure}`));
  if (line === undefined) throw new Error(`no row "${measure}" in:\n${markdown}`);
  return line;
}

describe('the three pushes of a round', () => {
  it('rotate, so that over three rounds each push goes first, second and third once', () => {
    const rounds = [1, 2, 3].map(pushOrder);
    expect(rounds).toEqual([
      ['on', 'off', 'skopeo'],
      ['off', 'skopeo', 'on'],
      ['skopeo', 'on', 'off'],
    ]);
    expect(pushOrder(4)).toEqual(pushOrder(1));
    expect([...pushOrder(0)].sort()).toEqual(['off', 'on', 'skopeo']);
    expect([...pushOrder(-1)].sort()).toEqual(['off', 'on', 'skopeo']);
  });
});

describe('the section of a run', () => {
  it('is keyed by dataset, size and Node major (the realistic key is the existing one)', () => {
    expect(resultLabel(result())).toBe('1 GiB, Node 20');
    expect(resultLabel(result({ nominalSize: 4 * GiB, machine: machine('v24.21.0') }))).toBe(
      '4 GiB, Node 24',
    );
    expect(resultLabel(result({ dataset: 'short-lines' }))).toBe('short lines 1 GiB, Node 20');
    expect(
      resultLabel(result({ dataset: 'realistic', size: 113_304_141, rawSize: 1_073_743_051 })),
    ).toBe('realistic 1 GiB, Node 20');
  });

  it('shows push with verification on and off against skopeo, with verdicts on the targets', () => {
    const markdown = renderResults(result());
    // medians: on 3.6 s, off 3.5 s, skopeo 3.4 s
    expect(row(markdown, 'push, verify-content true (fresh')).toContain(
      '**1.06x** | ≤ 1.10x | met',
    );
    expect(row(markdown, 'push, verify-content false (fresh')).toContain(
      '| 3.50 s | 3.40 s | 1.03x',
    );
    expect(row(markdown, 'push, verify-content true / false')).toContain(
      '3.60 s / 3.50 s | | **1.03x** | ≤ 1.05x | met',
    );
    expect(row(markdown, 'pull')).toContain('**0.94x** | ≤ 1.00x | met');
    // the content check alone: raw bytes / 0.8 s
    expect(row(markdown, 'verification throughput')).toContain('**1342 MB/s** uncompressed');
    expect(row(markdown, 'verification throughput')).toMatch(/≥ 1 GB\/s \| met \|$/);
    expect(row(markdown, 'peak RSS, push')).toContain('80 MB / 80 MB | 22 MB | | ≤ 100 MB | met');
    expect(markdown).toContain('`CacheContentGate.checkFile`');
    expect(markdown).toContain('| 2 | false, skopeo, true |');
  });

  it('says missed where a target is missed, and holds the skopeo ratio to incompressible data', () => {
    const slow = result({
      dataset: 'short-lines',
      rounds: [1, 2, 3].map((i) => ({
        ...round(i, { on: 4.0, off: 3.5, skopeo: 3.4 }),
        checkS: 1.2,
        pushAction: sample(4.0, 101e6),
      })),
    });
    const markdown = renderResults(slow);
    expect(row(markdown, 'push, verify-content true (fresh')).toContain(
      '**1.18x** | (incompressible only) |  |',
    );
    expect(row(markdown, 'push, verify-content true / false')).toContain(
      '**1.14x** | ≤ 1.05x | **missed**',
    );
    expect(row(markdown, 'verification throughput')).toContain('**895 MB/s**');
    expect(row(markdown, 'verification throughput')).toContain('**missed**');
    expect(row(markdown, 'peak RSS, push')).toContain('101 MB / 80 MB');
    expect(row(markdown, 'peak RSS, push')).toContain('**missed**');
  });
});

describe('writeSection on BENCHMARKS.md', () => {
  let dir: string;
  let file: string;
  let original: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lei-bench-report-'));
    file = path.join(dir, 'BENCHMARKS.md');
    await copyFile(path.join(root, 'BENCHMARKS.md'), file);
    await copyFile(path.join(root, '.prettierrc.json'), path.join(dir, '.prettierrc.json'));
    original = await readFile(file, 'utf8');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const markers = (key: string): [string, string] => [
    `<!-- bench:${key} start -->`,
    `<!-- bench:${key} end -->`,
  ];

  it('adds a new key as its own section before the findings, leaving every other byte', async () => {
    // a Node major no run has written, so the key is new whatever BENCHMARKS.md holds today
    const r = result({ dataset: 'short-lines', machine: machine('v99.0.0') });
    const key = resultLabel(r);
    const [start, end] = markers(key);
    expect(original).not.toContain(start);
    await writeSection(file, key, renderResults(r));
    const text = await readFile(file, 'utf8');
    const from = text.indexOf(start);
    const to = text.indexOf(end) + end.length;
    expect(from).toBeGreaterThan(text.indexOf('## Results'));
    expect(to).toBeLessThan(text.indexOf('\n## Findings'));
    expect(text.slice(from, to)).toContain('### short lines 1 GiB, Node 99');
    // everything outside the new section is the file as it was
    expect(text.slice(0, from) + text.slice(to).replace(/^\n\n/, '')).toBe(original);
    const options = (await prettier.resolveConfig(file)) ?? {};
    expect(await prettier.check(text, { ...options, filepath: file })).toBe(true);
  });

  it('rewrites an existing section in place and keeps the hand-written summary', async () => {
    const before = await readFile(file, 'utf8');
    const key = '1 GiB, Node 20';
    const [start, end] = markers(key);
    const from = before.indexOf(start);
    const to = before.indexOf(end) + end.length;
    expect(from).toBeGreaterThan(0);
    await writeSection(file, key, renderResults(result()));
    const text = await readFile(file, 'utf8');
    expect(text.indexOf(start)).toBe(from);
    expect(text.slice(0, from)).toBe(before.slice(0, from));
    expect(text.slice(text.indexOf(end) + end.length)).toBe(before.slice(to));
    expect(text.slice(0, from)).toContain('## In short');
    expect(text).toContain('| push, verify-content true / false');
    // a second run of the same key changes nothing else and adds no second section
    await writeSection(file, key, renderResults(result()));
    expect(await readFile(file, 'utf8')).toBe(text);
  });
});
