/** The benchmark's table, and its section of BENCHMARKS.md (one per dataset, size and Node, between markers). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as prettier from 'prettier';
import type { Dataset } from './export.js';
import { median, nodeLabel, sizeLabel, type Machine } from './stats.js';

/** The three pushes of a round: the action with verify-content true, with false, and skopeo. */
export type PushKind = 'on' | 'off' | 'skopeo';

/** Round 1 pushes in this order; each later round starts one further along. */
const PUSH_ORDER: readonly PushKind[] = ['on', 'off', 'skopeo'];

/**
 * The three pushes of round `index` (1, 2, ...; warm-ups 0, -1, ...) in the order they run: over
 * any three consecutive rounds each push goes first, second and third once.
 */
export function pushOrder(index: number): PushKind[] {
  const n = PUSH_ORDER.length;
  const shift = (((index - 1) % n) + n) % n;
  return [...PUSH_ORDER.slice(shift), ...PUSH_ORDER.slice(0, shift)];
}

export interface RoundResult {
  round: number;
  /** the order of the three pushes in this round */
  pushOrder: PushKind[];
  /** which tool pulled first; the packaging pass with verify-content true went first with the action */
  first: 'action' | 'skopeo';
  /** the push action, verify-content true (the content check gates the upload) */
  pushAction: Sample;
  /** the push action, verify-content false */
  pushActionOff: Sample;
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
  /** the push action with push: false, verify-content true (the check runs in the read that hashes) */
  packaging: Sample;
  /** the same with verify-content false (the digest alone) */
  packagingOff: Sample;
  /** seconds of the content check alone, timed inside its process (check.ts) */
  checkS: number;
}

export interface Sample {
  wallS: number;
  rssBytes: number;
}

export interface BenchResult {
  dataset: Dataset;
  /** the --size it ran with: bytes of cache.jsonl.gz, for the realistic dataset of the JSONL */
  nominalSize: number;
  /** bytes of cache.jsonl.gz */
  size: number;
  /** bytes of the uncompressed JSONL */
  rawSize: number;
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
  pushActionOff: number;
  pushSkopeo: number;
  pushRatio: number;
  pushOffRatio: number;
  /** push with verify-content true over push with it false */
  pushOnVsOff: number;
  pullAction: number;
  pullSkopeo: number;
  pullRatio: number;
  repush: number;
  repushBytesMax: number;
  repushRequestsMax: number;
  packaging: number;
  packagingOff: number;
  repushVsPackaging: number;
  /** cache.jsonl.gz bytes per second through the packaging pass with verify-content false */
  hashBytesPerSecond: number;
  hashVsOpenssl: number;
  /** uncompressed bytes per second through the packaging pass with verify-content true */
  packagingRawBytesPerSecond: number;
  checkS: number;
  /** uncompressed bytes per second through the content check alone: verification throughput */
  verifyBytesPerSecond: number;
  rssPushAction: number;
  rssPushActionOff: number;
  rssPushSkopeo: number;
  rssPullAction: number;
  rssPullSkopeo: number;
  rssRepush: number;
  rssPackaging: number;
}

export function summarize(r: BenchResult): Summary {
  const wall = (pick: (x: RoundResult) => Sample): number =>
    median(r.rounds.map((x) => pick(x).wallS));
  const rss = (pick: (x: RoundResult) => Sample): number =>
    Math.max(...r.rounds.map((x) => pick(x).rssBytes));
  const pushAction = wall((x) => x.pushAction);
  const pushActionOff = wall((x) => x.pushActionOff);
  const pushSkopeo = wall((x) => x.pushSkopeo);
  const pullAction = wall((x) => x.pullAction);
  const pullSkopeo = wall((x) => x.pullSkopeo);
  const repush = wall((x) => x.repush);
  const packaging = wall((x) => x.packaging);
  const packagingOff = wall((x) => x.packagingOff);
  const checkS = median(r.rounds.map((x) => x.checkS));
  const afterStartup = (seconds: number): number => Math.max(seconds - r.startupS, 1e-3);
  const hashBytesPerSecond = r.size / afterStartup(packagingOff);
  return {
    pushAction,
    pushActionOff,
    pushSkopeo,
    pushRatio: pushAction / pushSkopeo,
    pushOffRatio: pushActionOff / pushSkopeo,
    pushOnVsOff: pushAction / pushActionOff,
    pullAction,
    pullSkopeo,
    pullRatio: pullAction / pullSkopeo,
    repush,
    repushBytesMax: Math.max(...r.rounds.map((x) => x.repushUploadedBytes)),
    repushRequestsMax: Math.max(...r.rounds.map((x) => x.repushUploadRequests)),
    packaging,
    packagingOff,
    repushVsPackaging: repush / packaging,
    hashBytesPerSecond,
    hashVsOpenssl: hashBytesPerSecond / r.opensslBytesPerSecond,
    packagingRawBytesPerSecond: r.rawSize / afterStartup(packaging),
    checkS,
    verifyBytesPerSecond: r.rawSize / Math.max(checkS, 1e-6),
    rssPushAction: rss((x) => x.pushAction),
    rssPushActionOff: rss((x) => x.pushActionOff),
    rssPushSkopeo: rss((x) => x.pushSkopeo),
    rssPullAction: rss((x) => x.pullAction),
    rssPullSkopeo: rss((x) => x.pullSkopeo),
    rssRepush: rss((x) => x.repush),
    rssPackaging: rss((x) => x.packaging),
  };
}

/** The targets of issue 17 (on this 2-core machine; the push ratio for incompressible data). */
const TARGETS = {
  pushVsSkopeo: 1.1,
  pushOnVsOff: 1.05,
  pullVsSkopeo: 1.0,
  rssBytes: 100e6,
  verifyBytesPerSecond: 1e9,
  repushVsPackaging: 1.25,
} as const;

const s = (seconds: number): string => `${seconds.toFixed(2)} s`;
const x = (ratio: number): string => `${ratio.toFixed(2)}x`;
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(0)} MB`;
const mbps = (bps: number): string => `${(bps / 1e6).toFixed(0)} MB/s`;
const verdict = (ok: boolean): string => (ok ? 'met' : '**missed**');

const DATASET_WORDS: Record<Dataset, string> = {
  incompressible: 'incompressible JSONL (random base64 payloads) in gzip stored blocks',
  'short-lines':
    'incompressible JSONL of short lines (random base64 payloads) in gzip stored blocks',
  realistic: "LEI-shaped reports, gzip level 6 as LEI's exporter writes it",
};

/**
 * The results' heading and BENCHMARKS.md key: the dataset (unless incompressible), the --size
 * (of cache.jsonl.gz; of the JSONL for the realistic dataset, whose gzip is about a tenth), and
 * the Node major the actions ran under.
 */
export function resultLabel(r: BenchResult): string {
  const dataset = r.dataset === 'incompressible' ? '' : `${r.dataset.replace('-', ' ')} `;
  return `${dataset}${sizeLabel(r.nominalSize)}, ${nodeLabel(r.machine.node)}`;
}

/** The headline table: each measure with its target. */
function headlineTable(r: BenchResult, m: Summary): string[] {
  const t = TARGETS;
  const incompressible = r.dataset === 'incompressible';
  const pushTarget = incompressible ? `≤ ${x(t.pushVsSkopeo)}` : '(incompressible only)';
  const pushVerdict = incompressible ? verdict(m.pushRatio <= t.pushVsSkopeo) : '';
  const rssOk = m.rssPushAction <= t.rssBytes && m.rssPushActionOff <= t.rssBytes;
  return [
    '| measure | lei-cache-action | skopeo | ratio | target | |',
    '|---|---:|---:|---:|---|---|',
    `| push, verify-content true (fresh repository) | ${s(m.pushAction)} | ${s(m.pushSkopeo)} | **${x(m.pushRatio)}** | ${pushTarget} | ${pushVerdict} |`,
    `| push, verify-content false (fresh repository) | ${s(m.pushActionOff)} | ${s(m.pushSkopeo)} | ${x(m.pushOffRatio)} | | |`,
    `| push, verify-content true / false | ${s(m.pushAction)} / ${s(m.pushActionOff)} | | **${x(m.pushOnVsOff)}** | ≤ ${x(t.pushOnVsOff)} | ${verdict(m.pushOnVsOff <= t.pushOnVsOff)} |`,
    `| pull, verify-content true (into an empty directory) | ${s(m.pullAction)} | ${s(m.pullSkopeo)} | **${x(m.pullRatio)}** | ≤ ${x(t.pullVsSkopeo)} | ${verdict(m.pullRatio <= t.pullVsSkopeo)} |`,
    `| verification throughput: the content check alone | ${s(m.checkS)}: **${mbps(m.verifyBytesPerSecond)}** uncompressed | | | ≥ 1 GB/s | ${verdict(m.verifyBytesPerSecond >= t.verifyBytesPerSecond)} |`,
    `| peak RSS, push (verify-content true / false) | ${mb(m.rssPushAction)} / ${mb(m.rssPushActionOff)} | ${mb(m.rssPushSkopeo)} | | ≤ 100 MB | ${verdict(rssOk)} |`,
    `| peak RSS, pull | ${mb(m.rssPullAction)} | ${mb(m.rssPullSkopeo)} | | ≤ 100 MB | ${verdict(m.rssPullAction <= t.rssBytes)} |`,
    `| re-push, unchanged export | ${s(m.repush)}, ${m.repushBytesMax} blob bytes uploaded, ${m.repushRequestsMax} upload requests | | ${x(m.repushVsPackaging)} of the packaging pass | 0 bytes; ≤ ${x(t.repushVsPackaging)} packaging | ${verdict(m.repushBytesMax === 0 && m.repushRequestsMax === 0 && m.repushVsPackaging <= t.repushVsPackaging)} |`,
    `| packaging pass (push: false), verify-content true | ${s(m.packaging)}: ${mbps(m.packagingRawBytesPerSecond)} uncompressed, digest and check in one read (after ${s(r.startupS)} start-up) | | | | |`,
    `| packaging pass (push: false), verify-content false | ${s(m.packagingOff)}: ${mbps(m.hashBytesPerSecond)} hashed | openssl: ${mbps(r.opensslBytesPerSecond)} | ${x(m.hashVsOpenssl)} of openssl | | |`,
  ];
}

/** How verification is measured, now that the push checks the content during the upload. */
function verificationNote(): string {
  return (
    'Verification: the push checks cache.jsonl.gz while it uploads (the read that feeds the ' +
    'request body feeds the check; the last bytes are held back until it passed), so its cost ' +
    'in a push is push with verify-content true against false. Verification throughput is the ' +
    "content check alone: `scripts/bench/check.ts` under the same Node runs the push's check as " +
    'it runs when the registry has the blob already (`CacheContentGate.checkFile`: one read of ' +
    "cache.jsonl.gz, inflated on zlib's thread pool; CRC-32 and ISIZE, lines, raw_size and " +
    'content_hash against manifest.json), timed inside its process (no start-up, no digest, no ' +
    'upload): uncompressed bytes / that time, median of the rounds. The packaging pass with ' +
    'push: false still checks in the read that hashes (as a push does when manifest.json has no ' +
    'entry_count); true against false there is what the check adds to a read that hashes.'
  );
}

/** The results as Markdown: the headline table, notes, then every round. */
export function renderResults(r: BenchResult): string {
  const m = summarize(r);
  const n = r.rounds.length;
  const warmup =
    r.warmupRounds > 0
      ? ` after ${r.warmupRounds} warm-up round${r.warmupRounds === 1 ? '' : 's'}`
      : '';
  const lines: string[] = [
    `### ${resultLabel(r)} (cache.jsonl.gz ${r.size} bytes: ${r.rawSize} bytes of ${DATASET_WORDS[r.dataset]}, ` +
      `${r.entries} entries of ${Math.round(r.rawSize / r.entries)} bytes on average), ${n} round${n === 1 ? '' : 's'}${warmup}`,
    '',
    `Run ${r.startedAt} with \`${r.command}\` (${Math.round(r.durationS)} s in all). ` +
      `Times are ${n > 1 ? 'medians' : 'single runs'} of wall time per process; peak RSS is the ` +
      `highest of the rounds (ru_maxrss via GNU time); MB = 10^6 bytes. Each push goes into a ` +
      `fresh registry; the order of the three pushes rotates from round to round.`,
    '',
    ...headlineTable(r, m),
    '',
    verificationNote(),
    '',
    `Peak RSS of the re-push: ${mb(m.rssRepush)}; of the packaging pass (verify-content true): ` +
      `${mb(m.rssPackaging)}; of the push action on the 12-entry example export (push: false), ` +
      `i.e. Node plus the bundle before any data moves: ${mb(r.startupRssBytes)}. For reference, ` +
      `coreutils \`sha256sum cache.jsonl.gz\` (page cache) took ${s(r.sha256sumS)} ` +
      `(${mbps(r.size / r.sha256sumS)}); \`${r.opensslCommand}\` gave ` +
      `${mbps(r.opensslBytesPerSecond)} on one core.`,
    '',
    `Machine: ${r.machine.cpu}, ${r.machine.cores} cores${r.machine.shaExtensions ? ' (SHA extensions)' : ''}, ` +
      `${r.machine.memoryGiB} GiB, ${r.machine.kernel}. Versions: Node ${r.machine.node}, ` +
      `${r.machine.skopeo}, ${r.machine.registry}, ${r.machine.openssl}, lei-cache-action ${r.machine.commit}. ` +
      `Load: CPUs ${(r.busyBefore * 100).toFixed(0)}% busy just before the run; 1-minute load average ` +
      `${r.loadMin.toFixed(2)}–${r.loadMax.toFixed(2)} during it.`,
    '',
    ...roundsTable(r),
  ];
  return lines.join('\n');
}

const PUSH_WORDS: Record<PushKind, string> = { on: 'true', off: 'false', skopeo: 'skopeo' };

function roundsTable(r: BenchResult): string[] {
  const lines = [
    '<details><summary>Every round</summary>',
    '',
    '| round | push order | push true | push false | push skopeo | pull first | pull action | pull skopeo | re-push | re-push uploaded | packaging true / false | check alone | RSS push true / false / skopeo | RSS pull a/s |',
    '|---:|---|---:|---:|---:|---|---:|---:|---:|---|---:|---:|---:|---:|',
  ];
  for (const rd of r.rounds) {
    lines.push(
      `| ${rd.round} | ${rd.pushOrder.map((k) => PUSH_WORDS[k]).join(', ')} | ${s(rd.pushAction.wallS)} | ` +
        `${s(rd.pushActionOff.wallS)} | ${s(rd.pushSkopeo.wallS)} | ${rd.first} | ` +
        `${s(rd.pullAction.wallS)} | ${s(rd.pullSkopeo.wallS)} | ${s(rd.repush.wallS)} | ` +
        `${rd.repushReported}; ${rd.repushUploadRequests} upload requests | ` +
        `${s(rd.packaging.wallS)} / ${s(rd.packagingOff.wallS)} | ${s(rd.checkS)} | ` +
        `${mb(rd.pushAction.rssBytes)} / ${mb(rd.pushActionOff.rssBytes)} / ${mb(rd.pushSkopeo.rssBytes)} | ` +
        `${mb(rd.pullAction.rssBytes)} / ${mb(rd.pullSkopeo.rssBytes)} |`,
    );
  }
  lines.push('', '</details>');
  return lines;
}

const SKELETON = `# Benchmarks

Generated by \`npm run bench\` (scripts/bench/main.ts); the sections between the \`bench:\` markers
are rewritten by each run of that dataset, size and Node, the rest of this file is written by hand.

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
