import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * An export built the way LowEndInsight's `Lei.Cache.Exporter` (LEI 0.9) builds one: the reports'
 * JSON encodings joined by `\n` plus one final `\n` (`reports_to_jsonl`: `Enum.join("\n") <> "\n"`,
 * so zero reports give the single byte `\n`), the whole JSONL gzipped as one member at level 6
 * (`:zlib.gzip/1`), and a manifest.json whose entry_count (the number of reports), raw_size,
 * compressed_size and content_hash (lowercase hex SHA-256 of the encodings concatenated, no
 * prefix) describe it. `leiManifestJson` writes manifest.json as Poison's pretty encoder does.
 */
export interface LeiExport {
  manifest: Record<string, unknown>;
  jsonl: Buffer;
  gz: Buffer;
  reports: string[];
}

export function leiReports(count: number, seed = 0): string[] {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      header: { repo: `https://github.com/org-${seed}/repo-${i}`, duration: 10 + ((i * 7) % 50) },
      data: {
        risk: ['low', 'medium', 'high', 'critical'][i % 4],
        results: { contributor_count: (i * 37) % 1000, commit_currency_weeks: i % 60 },
      },
    }),
  );
}

interface LeiReport {
  data?: { repo?: unknown };
  header?: { repo?: unknown };
}

const leiRepo = (report: LeiReport): unknown =>
  report.data?.repo ?? report.header?.repo ?? 'unknown';

export function buildLeiExport(
  reports: string[] = leiReports(50),
  overrides: Record<string, unknown> = {},
): LeiExport {
  const jsonl = Buffer.from(`${reports.join('\n')}\n`, 'utf8');
  const gz = gzipSync(jsonl, { level: 6 });
  const manifest: Record<string, unknown> = {
    format_version: '1.0',
    lei_version: '0.9.1',
    created: '2026-11-22T03:14:07Z',
    date: '2026-11-22',
    entry_count: reports.length,
    // data.repo, else header.repo, else "unknown"; first occurrences in report order
    repos: [...new Set(reports.map((r) => leiRepo(JSON.parse(r) as LeiReport)))],
    raw_size: jsonl.length,
    compressed_size: gz.length,
    content_hash: createHash('sha256').update(reports.join('')).digest('hex'),
    ...overrides,
  };
  return { manifest, jsonl, gz, reports };
}

/**
 * manifest.json's bytes as LEI writes them (`Poison.encode!(manifest, pretty: true)`, then
 * `File.write!` with nothing appended): two-space indent, `": "` after each key, the keys in
 * reverse byte order (Poison emits a map's keys in the reverse of `Map.keys/1`, which sorts
 * string keys), `[]` for no repos, and no newline after the closing brace.
 */
export function leiManifestJson(manifest: Record<string, unknown>): string {
  const keys = Object.keys(manifest).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  return JSON.stringify(Object.fromEntries(keys.map((k) => [k, manifest[k]])), null, 2);
}

/** Writes the export's two files into `dir` (created when missing). */
export async function writeLeiExport(dir: string, exp: LeiExport): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'manifest.json'), leiManifestJson(exp.manifest));
  await writeFile(join(dir, 'cache.jsonl.gz'), exp.gz);
  return dir;
}

/** The damages a careful user found pushed and pulled without a word (issue 8). */
export interface Damage {
  name: string;
  /** the manifest field or `gzip` the refusal names */
  field: string;
  /** text the refusal must contain */
  says: RegExp;
  apply(exp: LeiExport): LeiExport;
}

export const DAMAGES: Damage[] = [
  {
    name: 'a flipped byte inside the gzip member',
    field: 'gzip',
    says: /cache\.jsonl\.gz is not intact: .*(CRC-32|damaged)/,
    apply: (exp) => {
      const gz = Buffer.from(exp.gz);
      const at = Math.floor(gz.length / 2);
      gz[at] = (gz[at] as number) ^ 0x20;
      return { ...exp, gz };
    },
  },
  {
    name: 'truncation with compressed_size updated',
    field: 'gzip',
    says: /cache\.jsonl\.gz is not intact: .*truncated/,
    apply: (exp) => {
      const gz = exp.gz.subarray(0, exp.gz.length - 64);
      return { ...exp, gz, manifest: { ...exp.manifest, compressed_size: gz.length } };
    },
  },
  {
    name: 'a second member followed by junk',
    field: 'gzip',
    says: /cache\.jsonl\.gz is not intact: .*(not gzip data|follow the last gzip member)/,
    apply: (exp) => {
      const gz = Buffer.concat([
        exp.gz,
        gzipSync(Buffer.from('{"extra":1}\n')),
        Buffer.from('junk'),
      ]);
      return { ...exp, gz, manifest: { ...exp.manifest, compressed_size: gz.length } };
    },
  },
  {
    name: 'entry_count off by one',
    field: 'entry_count',
    says: /"entry_count" is 51 but the JSONL has 50/,
    apply: (exp) => ({
      ...exp,
      manifest: { ...exp.manifest, entry_count: (exp.manifest['entry_count'] as number) + 1 },
    }),
  },
  {
    name: 'a wrong raw_size',
    field: 'raw_size',
    says: /"raw_size" is \d+ but the uncompressed JSONL has \d+ bytes/,
    apply: (exp) => ({
      ...exp,
      manifest: { ...exp.manifest, raw_size: (exp.manifest['raw_size'] as number) - 1 },
    }),
  },
  {
    name: 'a wrong content_hash',
    field: 'content_hash',
    says: /"content_hash" is 0{64} but the reports hash to [0-9a-f]{64}/,
    apply: (exp) => ({ ...exp, manifest: { ...exp.manifest, content_hash: '0'.repeat(64) } }),
  },
];

/**
 * An export of about `rawBytes` of uncompressed reports whose payloads are random base64 (deflate
 * saves about a quarter), so its cache.jsonl.gz spans several of the 1 MiB reads of a push.
 */
export function bigLeiExport(rawBytes: number): LeiExport {
  const reports: string[] = [];
  for (let raw = 0; raw < rawBytes; raw += 1000) {
    reports.push(JSON.stringify({ n: reports.length, p: randomBytes(729).toString('base64') }));
  }
  return buildLeiExport(reports);
}

/**
 * A flipped byte 32 KiB before the end of the cache: found only once nearly every byte was read
 * (with bigLeiExport, after several MiB).
 */
export const LATE_FLIP: Damage = {
  name: 'a flipped byte in the last 64 KiB',
  field: 'gzip',
  says: /cache\.jsonl\.gz is not intact: .*(CRC-32|damaged)/,
  apply: (exp) => {
    const gz = Buffer.from(exp.gz);
    const at = gz.length - 32 * 1024;
    gz[at] = (gz[at] as number) ^ 0x20;
    return { ...exp, gz };
  },
};
