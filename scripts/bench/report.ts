/** The benchmark's table, and its section of BENCHMARKS.md (one per size, between markers). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as prettier from 'prettier';
import type { ExportShape } from './export.js';
import { median, nodeLabel, sizeLabel, type Machine } from './stats.js';

export interface RoundResult {
  round: number;
  /** which tool went first in this round */
  first: 'action' | 'skopeo';
  pushAction: Sample;
  pushSkopeo: Sample;
  pullAction: Sample;
  pullSkopeo: Sample;
  /** the push action again, same export, same repository */
  repush: Sample;
  /** what the re-push's own log says it uploaded */
  repushReported: string;
  /** blob bytes the re-push sent (the action's count; see `repushUploadRequests`) */
  repushUploadedBytes: number;
  /** POST/PATCH/PUT requests under /blobs/uploads/ a pass-through proxy saw during a re-push */
  repushUploadRequests: number;
  /** the push action with push: false (validation + hashing + manifest, no network) */
  packaging: Sample;
}

export interface Sample {
  wallS: number;
  rssBytes: number;
}

export interface BenchResult {
  shape: ExportShape;
  size: number;
  entries: number;
  rounds: RoundResult[];
  warmupRounds: number;
  /** the push action with push: false on the tiny example export: Node start + bundle load */
  startupS: number;
  /** peak RSS of that run: what the action costs before it moves any data */
  startupRssBytes: number;
  opensslBytesPerSecond: number;
  opensslCommand: string;
  /** `sha256sum` of cache.jsonl.gz (read from page cache), seconds */
  sha256sumS: number;
  machine: Machine;
  /** CPU busy share sampled just before the run (other work on the machine) */
  busyBefore: number;
  loadMin: number;
  loadMax: number;
  startedAt: string;
  durationS: number;
  command: string;
}

export interface Summary {
  pushAction: number;
  pushSkopeo: number;
  pushRatio: number;
  pullAction: number;
  pullSkopeo: number;
  pullRatio: number;
  repush: number;
  repushBytesMax: number;
  repushRequestsMax: number;
  packaging: number;
  repushVsPackaging: number;
  hashBytesPerSecond: number;
  hashVsOpenssl: number;
  rssPushAction: number;
  rssPushSkopeo: number;
  rssPullAction: number;
  rssPullSkopeo: number;
  rssRepush: number;
}

export function summarize(r: BenchResult): Summary {
  const wall = (pick: (x: RoundResult) => Sample): number =>
    median(r.rounds.map((x) => pick(x).wallS));
  const rss = (pick: (x: RoundResult) => Sample): number =>
    Math.max(...r.rounds.map((x) => pick(x).rssBytes));
  const pushAction = wall((x) => x.pushAction);
  const pushSkopeo = wall((x) => x.pushSkopeo);
  const pullAction = wall((x) => x.pullAction);
  const pullSkopeo = wall((x) => x.pullSkopeo);
  const repush = wall((x) => x.repush);
  const packaging = wall((x) => x.packaging);
  const hashBytesPerSecond = r.size / Math.max(packaging - r.startupS, 1e-3);
  return {
    pushAction,
    pushSkopeo,
    pushRatio: pushAction / pushSkopeo,
    pullAction,
    pullSkopeo,
    pullRatio: pullAction / pullSkopeo,
    repush,
    repushBytesMax: Math.max(...r.rounds.map((x) => x.repushUploadedBytes)),
    repushRequestsMax: Math.max(...r.rounds.map((x) => x.repushUploadRequests)),
    packaging,
    repushVsPackaging: repush / packaging,
    hashBytesPerSecond,
    hashVsOpenssl: hashBytesPerSecond / r.opensslBytesPerSecond,
    rssPushAction: rss((x) => x.pushAction),
    rssPushSkopeo: rss((x) => x.pushSkopeo),
    rssPullAction: rss((x) => x.pullAction),
    rssPullSkopeo: rss((x) => x.pullSkopeo),
    rssRepush: rss((x) => x.repush),
  };
}

const s = (seconds: number): string => `${seconds.toFixed(2)} s`;
const x = (ratio: number): string => `${ratio.toFixed(2)}x`;
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(0)} MB`;
const mbps = (bps: number): string => `${(bps / 1e6).toFixed(0)} MB/s`;
const verdict = (ok: boolean): string => (ok ? 'met' : '**missed**');

/** The results' heading and BENCHMARKS.md key: size, shape (unless incompressible), Node. */
export function resultLabel(r: BenchResult): string {
  const shape = r.shape === 'incompressible' ? '' : ` ${r.shape.replace('-', ' ')}`;
  return `${sizeLabel(r.size)}${shape}, ${nodeLabel(r.machine.node)}`;
}

/** The results as Markdown: the headline table, then every round. */
export function renderResults(r: BenchResult): string {
  const m = summarize(r);
  const n = r.rounds.length;
  const label = resultLabel(r);
  const rssTarget = 100e6;
  const lines: string[] = [];
  lines.push(
    `### ${label} (cache.jsonl.gz ${r.size} bytes, ${r.entries} entries), ${n} round${n === 1 ? '' : 's'}` +
      `${r.warmupRounds > 0 ? ` after ${r.warmupRounds} warm-up round${r.warmupRounds === 1 ? '' : 's'}` : ''}`,
    '',
    `Run ${r.startedAt} with \`${r.command}\` (${Math.round(r.durationS)} s in all). ` +
      `Times are ${n > 1 ? 'medians' : 'single runs'} of wall time per process; peak RSS is the ` +
      `highest of the rounds (ru_maxrss via GNU time); MB = 10^6 bytes.`,
    '',
    '| measure | lei-cache-action | skopeo | ratio | target | |',
    '|---|---:|---:|---:|---|---|',
    `| push (fresh repository) | ${s(m.pushAction)} | ${s(m.pushSkopeo)} | **${x(m.pushRatio)}** | ≤ 1.15x | ${verdict(m.pushRatio <= 1.15)} |`,
    `| pull (into an empty directory) | ${s(m.pullAction)} | ${s(m.pullSkopeo)} | **${x(m.pullRatio)}** | ≤ 1.0x | ${verdict(m.pullRatio <= 1.0)} |`,
    `| peak RSS, push | ${mb(m.rssPushAction)} | ${mb(m.rssPushSkopeo)} | | ≤ 100 MB | ${verdict(m.rssPushAction <= rssTarget)} |`,
    `| peak RSS, pull | ${mb(m.rssPullAction)} | ${mb(m.rssPullSkopeo)} | | ≤ 100 MB | ${verdict(m.rssPullAction <= rssTarget)} |`,
    `| re-push, unchanged export | ${s(m.repush)}, ${m.repushBytesMax} blob bytes uploaded, ${m.repushRequestsMax} upload requests | | ${x(m.repushVsPackaging)} of the packaging pass | 0 bytes; ≤ 1.25x packaging | ${verdict(m.repushBytesMax === 0 && m.repushRequestsMax === 0 && m.repushVsPackaging <= 1.25)} |`,
    `| packaging pass (push: false, content verified) | ${s(m.packaging)}: ${mbps(m.hashBytesPerSecond)} hashed (after ${s(r.startupS)} start-up) | openssl: ${mbps(r.opensslBytesPerSecond)} | ${x(m.hashVsOpenssl)} of openssl | | |`,
    '',
    `Peak RSS of the re-push: ${mb(m.rssRepush)}; of the push action on the 12-entry example ` +
      `export (push: false), i.e. Node plus the bundle before any data moves: ${mb(r.startupRssBytes)}. For reference, coreutils \`sha256sum cache.jsonl.gz\` ` +
      `(page cache) took ${s(r.sha256sumS)} (${mbps(r.size / r.sha256sumS)}); \`${r.opensslCommand}\` ` +
      `gave ${mbps(r.opensslBytesPerSecond)} on one core.`,
    '',
    `Machine: ${r.machine.cpu}, ${r.machine.cores} cores${r.machine.shaExtensions ? ' (SHA extensions)' : ''}, ` +
      `${r.machine.memoryGiB} GiB, ${r.machine.kernel}. Versions: Node ${r.machine.node}, ` +
      `${r.machine.skopeo}, ${r.machine.registry}, ${r.machine.openssl}, lei-cache-action ${r.machine.commit}. ` +
      `Load: CPUs ${(r.busyBefore * 100).toFixed(0)}% busy just before the run; 1-minute load average ` +
      `${r.loadMin.toFixed(2)}–${r.loadMax.toFixed(2)} during it.`,
    '',
    '<details><summary>Every round</summary>',
    '',
    '| round | first | push action | push skopeo | pull action | pull skopeo | re-push | re-push uploaded | packaging | RSS push a/s | RSS pull a/s |',
    '|---:|---|---:|---:|---:|---:|---:|---|---:|---:|---:|',
  );
  for (const rd of r.rounds) {
    lines.push(
      `| ${rd.round} | ${rd.first} | ${s(rd.pushAction.wallS)} | ${s(rd.pushSkopeo.wallS)} | ` +
        `${s(rd.pullAction.wallS)} | ${s(rd.pullSkopeo.wallS)} | ${s(rd.repush.wallS)} | ` +
        `${rd.repushReported}; ${rd.repushUploadRequests} upload requests | ${s(rd.packaging.wallS)} | ` +
        `${mb(rd.pushAction.rssBytes)} / ${mb(rd.pushSkopeo.rssBytes)} | ` +
        `${mb(rd.pullAction.rssBytes)} / ${mb(rd.pullSkopeo.rssBytes)} |`,
    );
  }
  lines.push('', '</details>');
  return lines.join('\n');
}

const SKELETON = `# Benchmarks

Generated by \`npm run bench\` (scripts/bench/main.ts); the sections between the \`bench:\` markers
are rewritten by each run of that size, the rest of this file is written by hand.

## Results

## Findings
`;

/**
 * Replaces (or adds) the section for `key` in `file`, keeping everything else, and formats the
 * file with the project's prettier settings (so `npm run format:check` stays clean).
 */
export async function writeSection(file: string, key: string, body: string): Promise<void> {
  const start = `<!-- bench:${key} start -->`;
  const end = `<!-- bench:${key} end -->`;
  const section = `${start}\n${body}\n${end}`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : SKELETON;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  let next: string;
  if (from >= 0 && to > from) {
    next = text.slice(0, from) + section + text.slice(to + end.length);
  } else {
    const findings = text.indexOf('\n## Findings');
    next =
      findings >= 0
        ? `${text.slice(0, findings)}\n${section}\n${text.slice(findings)}`
        : `${text.trimEnd()}\n\n${section}\n`;
  }
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(next, { ...options, filepath: file }));
}
