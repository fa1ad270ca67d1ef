/** Numbers for the benchmark's report: medians, ratios and the machine it ran on. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { firstLine } from './proc.js';

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** `1GiB`, `64MiB`, `512M`, `1073741824` → bytes (binary units). */
export function parseSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(k|m|g|t)?(i?b)?\s*$/i.exec(text);
  if (!m) throw new Error(`size '${text}' is not a size such as 1GiB, 256MiB or 1073741824`);
  const units: Record<string, number> = { k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };
  const bytes = Math.round(Number(m[1]) * (m[2] ? (units[m[2].toLowerCase()] ?? 1) : 1));
  if (!Number.isSafeInteger(bytes) || bytes < 4096)
    throw new Error(`size '${text}' must be at least 4 KiB`);
  return bytes;
}

export function sizeLabel(bytes: number): string {
  for (const [unit, factor] of [
    ['TiB', 2 ** 40],
    ['GiB', 2 ** 30],
    ['MiB', 2 ** 20],
    ['KiB', 2 ** 10],
  ] as const) {
    if (bytes >= factor && bytes % factor === 0) return `${bytes / factor} ${unit}`;
  }
  return `${bytes} B`;
}

/** `openssl speed -evp sha256` on 1 MiB blocks (one core): bytes per second. */
export function opensslSha256(): { bytesPerSecond: number; command: string } {
  const args = ['speed', '-evp', 'sha256', '-bytes', '1048576', '-seconds', '3'];
  const result = spawnSync('openssl', args, { encoding: 'utf8', timeout: 120_000 });
  const line = result.stdout.split('\n').find((l) => /^sha256\s+[\d.]+k/.test(l));
  const k = line ? Number(/([\d.]+)k/.exec(line)?.[1]) : Number.NaN;
  if (!Number.isFinite(k))
    throw new Error(`openssl speed gave no sha256 figure:\n${result.stdout}${result.stderr}`);
  return { bytesPerSecond: k * 1000, command: `openssl ${args.join(' ')}` };
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  shaExtensions: boolean;
  kernel: string;
  node: string;
  skopeo: string;
  registry: string;
  openssl: string;
  commit: string;
}

/** `Node 24` for `v24.21.0`. */
export function nodeLabel(version: string): string {
  return `Node ${/^v?(\d+)/.exec(version)?.[1] ?? version}`;
}

export function machine(
  registryBinary: string,
  skopeoBinary: string,
  node: string = process.execPath,
): Machine {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const git = (args: string[]): string =>
    spawnSync('git', args, { encoding: 'utf8' }).stdout?.trim() ?? '';
  const dirty = git(['status', '--porcelain', '--', 'dist']) !== '' ? ' (dist/ modified)' : '';
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    shaExtensions: /\bsha_ni\b/.test(cpuinfo),
    kernel: `Linux ${release()}`,
    node: node === process.execPath ? process.version : firstLine(node, ['--version']),
    skopeo: firstLine(skopeoBinary, ['--version']),
    registry: firstLine(registryBinary, ['--version']),
    openssl: firstLine('openssl', ['version']),
    commit: `${git(['rev-parse', '--short', 'HEAD'])}${dirty}`,
  };
}

/** Busy share of all CPUs over `ms` (from /proc/stat), 0..1: how loaded the machine is now. */
export async function cpuBusy(ms = 1000): Promise<number> {
  const sample = (): { idle: number; total: number } => {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    return { idle: (fields[3] ?? 0) + (fields[4] ?? 0), total };
  };
  const a = sample();
  await new Promise((r) => setTimeout(r, ms));
  const b = sample();
  const total = b.total - a.total;
  return total > 0 ? 1 - (b.idle - a.idle) / total : 0;
}

export function loadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}
