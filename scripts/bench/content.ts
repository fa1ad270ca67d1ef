/**
 * `npx tsx scripts/bench/content.ts [--mib 128] [--runs 7] [--shape short|long|realistic]`: the
 * content check's own speed, without the action around it. For each shape of JSONL, made in
 * memory first:
 *   - short: report lines of 160 bytes with random base64 payloads (export.ts, short-lines),
 *   - long: report lines of 100 KiB, the same kind,
 *   - realistic: LEI-shaped reports (realistic.ts),
 * it measures, in MB/s of uncompressed JSONL (MB = 10^6 bytes), the best of `--runs`:
 *   - consume: the per-byte step alone (JsonlContentHash.update on 256 KiB pieces, as zlib
 *     hands them over), which is what the main thread does per inflated byte; by wall time and
 *     by CPU time,
 *   - verifier, gzip -6: the whole GzipContentVerifier on the shape as LEI compresses it, fed
 *     1 MiB at a time with four writes in flight (as digestCacheFile feeds it),
 *   - verifier, stored: the same on gzip stored blocks (incompressible: inflating is a copy),
 *   - inflate alone, gzip -6: a zlib gunzip stream whose output is dropped, the bound the
 *     verifier cannot pass (it inflates on the thread pool while the main thread consumes).
 * Each run's facts are checked against the shape's own count and hash. Other work on the machine
 * lowers the numbers: the load average is printed beside them.
 */
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createGunzip, gzipSync } from 'node:zlib';
import { GzipContentVerifier, JsonlContentHash } from '../../src/artifact/content.js';
import { reportLine as incompressibleLine } from './export.js';
import { prng, reportLine as realisticReport } from './realistic.js';

type Shape = 'short' | 'long' | 'realistic';

interface Jsonl {
  bytes: Buffer;
  entries: number;
  contentHash: string;
}

const PIECE = 256 * 1024;
const WRITE_CHUNK = 1024 * 1024;
const IN_FLIGHT = 4;

/** About `size` bytes of JSONL of one shape, with LEI's facts found while it is made. */
function makeJsonl(shape: Shape, size: number): Jsonl {
  const random = Buffer.allocUnsafe(128 * 1024);
  const rnd = prng(0x1e1);
  const hash = createHash('sha256');
  const lines: Buffer[] = [];
  let total = 0;
  while (total < size) {
    const line =
      shape === 'realistic'
        ? Buffer.from(`${realisticReport(lines.length, rnd)}\n`)
        : incompressibleLine(lines.length, shape === 'short' ? 160 : 100 * 1024, random);
    hash.update(line.subarray(0, line.length - 1));
    lines.push(line);
    total += line.length;
  }
  return { bytes: Buffer.concat(lines), entries: lines.length, contentHash: hash.digest('hex') };
}

function expectFacts(jsonl: Jsonl, got: { entries: number; contentHash: string }): void {
  if (got.entries !== jsonl.entries || got.contentHash !== jsonl.contentHash)
    throw new Error(`wrong facts: ${JSON.stringify(got)}, expected ${jsonl.entries} entries`);
}

function consume(jsonl: Jsonl): void {
  const content = new JsonlContentHash();
  for (let at = 0; at < jsonl.bytes.length; at += PIECE)
    content.update(jsonl.bytes.subarray(at, at + PIECE));
  expectFacts(jsonl, content.digest());
}

async function verify(jsonl: Jsonl, gz: Buffer): Promise<void> {
  const verifier = new GzipContentVerifier('cache.jsonl.gz');
  const writes: Promise<void>[] = [];
  for (let at = 0; at < gz.length; at += WRITE_CHUNK) {
    if (writes.length === IN_FLIGHT) await writes.shift();
    writes.push(verifier.write(gz.subarray(at, at + WRITE_CHUNK)));
  }
  expectFacts(jsonl, await verifier.end());
}

function inflateOnly(gz: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const gunzip = createGunzip({ chunkSize: PIECE });
    gunzip
      .on('data', () => undefined)
      .once('end', resolve)
      .once('error', reject);
    gunzip.end(gz);
  });
}

/**
 * The best of `runs` runs in MB/s of `bytes`: by wall time, and by the process's CPU time (for
 * the consume step, which runs on one thread, a measure other work on the machine disturbs less).
 */
async function best(
  runs: number,
  bytes: number,
  run: () => unknown,
): Promise<{ wall: number; cpu: number }> {
  let wall = Infinity;
  let cpu = Infinity;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    await run();
    wall = Math.min(wall, Number(process.hrtime.bigint() - t0) / 1e9);
    const c = process.cpuUsage(c0);
    cpu = Math.min(cpu, (c.user + c.system) / 1e6);
  }
  return { wall: bytes / wall / 1e6, cpu: bytes / cpu / 1e6 };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { mib: { type: 'string' }, runs: { type: 'string' }, shape: { type: 'string' } },
  });
  const size = Number(values.mib ?? '128') * 1024 * 1024;
  const runs = Number(values.runs ?? '7');
  const shapes = (values.shape ? [values.shape] : ['short', 'long', 'realistic']) as Shape[];
  console.log(
    `Node ${process.version}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    '| shape | JSONL | consume (wall) | consume (CPU) | verifier, gzip -6 | verifier, stored | inflate alone, gzip -6 | load |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|');
  for (const shape of shapes) {
    const jsonl = makeJsonl(shape, size);
    const gz6 = gzipSync(jsonl.bytes, { level: 6 });
    const stored = gzipSync(jsonl.bytes, { level: 0 });
    const n = jsonl.bytes.length;
    const c = await best(runs, n, () => consume(jsonl));
    const v6 = await best(runs, n, () => verify(jsonl, gz6));
    const v0 = await best(runs, n, () => verify(jsonl, stored));
    const inflate = await best(runs, n, () => inflateOnly(gz6));
    const mbps = (x: number): string => `${x.toFixed(0)} MB/s`;
    console.log(
      `| ${shape} | ${(n / 1e6).toFixed(0)} MB, ${jsonl.entries} entries, gzip -6 ${((100 * gz6.length) / n).toFixed(0)}% | ` +
        `${mbps(c.wall)} | ${mbps(c.cpu)} | ${mbps(v6.wall)} | ${mbps(v0.wall)} | ${mbps(inflate.wall)} | ${loadavg()[0]?.toFixed(2)} |`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
