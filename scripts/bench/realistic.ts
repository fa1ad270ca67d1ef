/**
 * The benchmark's realistic export: report lines shaped like examples/export (header, git,
 * project types, risk results, top contributors, config) with varied values from a seeded PRNG,
 * compressed as LEI's exporter does (one gzip member, level 6), and a manifest.json exactly as
 * `Lei.Cache.Exporter` writes it (entry_count, raw_size, compressed_size, content_hash in LEI's
 * form). `rawSize` is the uncompressed JSONL size to reach (the last line stops at or past it).
 * Generated once per size under .bench/ and reused while its record matches.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';

export interface RealisticExport {
  dir: string;
  /** bytes of the uncompressed JSONL */
  rawSize: number;
  /** bytes of cache.jsonl.gz */
  size: number;
  entries: number;
  generated: boolean;
}

/** mulberry32: a small deterministic PRNG, so the dataset is the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ORGS = ['apache', 'google', 'facebook', 'microsoft', 'pallets', 'rails', 'elixir-lang'];
const WORDS = ['core', 'http', 'json', 'parser', 'utils', 'cli', 'client', 'server', 'db', 'auth'];
const FIRST = ['Ana', 'Ben', 'Chen', 'Dana', 'Eli', 'Fatima', 'Goran', 'Hana', 'Ivan', 'Jun'];
const LAST = ['Silva', 'Okafor', 'Li', 'Novak', 'Haddad', 'Kim', 'Rossi', 'Sato', 'Berg', 'Diaz'];
const TYPES: Record<string, string[]>[] = [
  { mix: ['mix.exs'] },
  { npm: ['package.json'] },
  { pip: ['setup.py', 'requirements.txt'] },
  { gem: ['Gemfile'] },
  { go: ['go.mod'] },
  { cargo: ['Cargo.toml'] },
];
const RISK = ['low', 'medium', 'high', 'critical'];
const CONFIG = {
  critical_contributor_level: 2,
  high_contributor_level: 3,
  medium_contributor_level: 5,
  critical_currency_level: 104,
  high_currency_level: 52,
  medium_currency_level: 26,
  critical_large_commit_level: 0.3,
  high_large_commit_level: 0.15,
  medium_large_commit_level: 0.05,
  critical_functional_contributors_level: 2,
  high_functional_contributors_level: 3,
  medium_functional_contributors_level: 5,
};

/** One report of the realistic shape (its JSON, without the newline). */
export function reportLine(i: number, rnd: () => number): string {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;
  const hex = (n: number): string => {
    let s = '';
    while (s.length < n)
      s += Math.floor(rnd() * 0x100000000)
        .toString(16)
        .padStart(8, '0');
    return s.slice(0, n);
  };
  const url = `https://github.com/${pick(ORGS)}-${i % 997}/${pick(WORDS)}-${pick(WORDS)}-${i}`;
  const t0 = Date.UTC(2026, 10, 21) + Math.floor(rnd() * 86_400_000);
  const duration = 5 + Math.floor(rnd() * 300);
  const contributors = 1 + Math.floor(rnd() * rnd() * 3000);
  const top = Array.from({ length: Math.min(10, contributors) }, (_, k) => {
    const name = `${pick(FIRST)} ${pick(LAST)}`;
    return {
      name,
      email: `${name.toLowerCase().replace(' ', '.')}${k}@users.noreply.github.com`,
      contributions: Math.max(1, Math.floor((rnd() * 5000) / (k + 1))),
      merges: Math.floor((rnd() * 80) / (k + 1)),
    };
  });
  const functional = Math.min(contributors, 1 + Math.floor(rnd() * 12));
  const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  return JSON.stringify({
    header: {
      repo: url,
      uuid: `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
      start_time: iso(t0),
      end_time: iso(t0 + duration * 1000),
      duration,
      library_version: '0.9.1',
      source_client: 'lei_cache_export',
    },
    data: {
      repo: url,
      git: { hash: hex(40), default_branch: rnd() < 0.7 ? 'main' : 'master' },
      project_types: pick(TYPES),
      risk: pick(RISK),
      results: {
        contributor_count: contributors,
        contributor_risk: pick(RISK),
        commit_currency_weeks: Math.floor(rnd() * rnd() * 400),
        commit_currency_risk: pick(RISK),
        functional_contributors: functional,
        functional_contributor_names: top.slice(0, functional).map((c) => c.name),
        functional_contributors_risk: pick(RISK),
        large_recent_commit_risk: pick(RISK),
        recent_commit_size_in_percent_of_codebase: Math.round(rnd() * rnd() * 4000) / 100,
        top10_contributors: top,
        has_sbom: rnd() < 0.3,
        sbom_risk: pick(RISK),
      },
      config: CONFIG,
    },
  });
}

interface Record_ {
  rawSize: number;
  size: number;
  entries: number;
  manifestSha256: string;
}

async function generate(dir: string, rawTarget: number): Promise<Omit<RealisticExport, 'dir'>> {
  const rnd = prng(0x1e1);
  const content = createHash('sha256');
  let raw = 0;
  let entries = 0;
  async function* lines(): AsyncGenerator<Buffer> {
    while (raw < rawTarget) {
      let batch = '';
      while (batch.length < 1024 * 1024 && raw + batch.length < rawTarget) {
        const line = reportLine(entries, rnd);
        content.update(line);
        batch += `${line}\n`;
        entries += 1;
      }
      const buf = Buffer.from(batch, 'utf8');
      raw += buf.length;
      yield buf;
    }
  }
  const partial = path.join(dir, 'cache.jsonl.gz.partial');
  // LEI: :zlib.gzip/1, one member at the default level (6).
  await pipeline(Readable.from(lines()), createGzip({ level: 6 }), createWriteStream(partial));
  const size = (await stat(partial)).size;
  await rename(partial, path.join(dir, 'cache.jsonl.gz'));
  const manifest = {
    format_version: '1.0',
    lei_version: '0.9.1',
    created: '2026-11-22T03:14:07Z',
    date: '2026-11-22',
    entry_count: entries,
    repos: [`https://github.com/${ORGS[0]}-0/bench`],
    raw_size: raw,
    compressed_size: size,
    content_hash: content.digest('hex'),
  };
  await writeFile(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { rawSize: raw, size, entries, generated: true };
}

/** The realistic export of about `rawSize` uncompressed bytes under `benchDir`. */
export async function ensureRealisticExport(
  benchDir: string,
  rawSize: number,
): Promise<RealisticExport> {
  const dir = path.join(benchDir, `realistic-${rawSize}`);
  const recordFile = path.join(benchDir, `realistic-${rawSize}.json`);
  if (existsSync(recordFile)) {
    try {
      const record = JSON.parse(readFileSync(recordFile, 'utf8')) as Record_;
      const manifest = await readFile(path.join(dir, 'manifest.json'));
      const cache = await stat(path.join(dir, 'cache.jsonl.gz'));
      if (
        cache.size === record.size &&
        createHash('sha256').update(manifest).digest('hex') === record.manifestSha256
      ) {
        return { dir, ...record, generated: false };
      }
    } catch {
      // regenerate below
    }
  }
  await rm(recordFile, { force: true });
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const made = await generate(dir, rawSize);
  const record: Record_ = {
    rawSize: made.rawSize,
    size: made.size,
    entries: made.entries,
    manifestSha256: createHash('sha256')
      .update(await readFile(path.join(dir, 'manifest.json')))
      .digest('hex'),
  };
  await writeFile(recordFile, `${JSON.stringify(record, null, 2)}\n`);
  return { dir, ...made };
}
