import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageExport, readLayout, unpack, writeLayout } from '../../src/artifact/index.js';
import { tempDir } from './fixtures.js';

const MiB = 1024 * 1024;
const SIZE = 256 * MiB;
/** RSS may grow by this much at most while 256 MiB stream through and are inflated and checked (a buffered blob would exceed it). */
const MAX_GROWTH = 64 * MiB;

/**
 * Writes an export whose cache.jsonl.gz is a stored (level 0) gzip of 256 MiB of JSONL lines with
 * pseudo-random payloads, and a manifest.json that describes it as LEI's exporter would (so the
 * content check runs in full). Returns the size of cache.jsonl.gz.
 */
async function writeBigExport(dir: string): Promise<number> {
  const content = createHash('sha256');
  let lines = 0;
  let raw = 0;
  let x = 0x9e3779b9;
  async function* jsonl(): AsyncGenerator<Buffer> {
    const payload = Buffer.alloc(3 * 1024);
    while (raw < SIZE) {
      const batch: string[] = [];
      for (let n = 0; n < 256 && raw < SIZE; n++) {
        for (let i = 0; i < payload.length; i += 4) {
          x ^= x << 13;
          x ^= x >>> 17;
          x ^= x << 5;
          payload.writeUInt32LE(x >>> 0, i);
        }
        const line = `{"n":${lines},"p":"${payload.toString('base64')}"}`;
        content.update(line);
        batch.push(`${line}\n`);
        raw += line.length + 1;
        lines += 1;
      }
      yield Buffer.from(batch.join(''));
    }
  }
  const cache = join(dir, 'cache.jsonl.gz');
  await pipeline(Readable.from(jsonl()), createGzip({ level: 0 }), createWriteStream(cache));
  const size = (await stat(cache)).size;
  await writeFile(
    join(dir, 'manifest.json'),
    JSON.stringify({
      format_version: '1.0',
      lei_version: '0.9.1',
      created: '2026-11-22T03:14:07Z',
      date: '2026-11-22',
      entry_count: lines,
      raw_size: raw,
      compressed_size: size,
      content_hash: content.digest('hex'),
    }),
  );
  return size;
}

describe('memory', () => {
  it('packages, writes a layout of and unpacks a 256 MiB export without buffering it', async () => {
    const root = await tempDir('lei-memory-');
    const exportDir = join(root, 'export');
    await mkdir(exportDir);
    const gzSize = await writeBigExport(exportDir);

    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    try {
      const art = await packageExport(exportDir);
      expect(art.layers[1]?.descriptor.size).toBe(gzSize);
      expect(art.verified?.rawSize).toBeGreaterThanOrEqual(SIZE);
      peak = Math.max(peak, process.memoryUsage().rss);
      const afterPackage = peak - before;

      const layoutDir = join(root, 'layout');
      await writeLayout(layoutDir, art, ['big']);
      const blob = join(layoutDir, 'blobs', 'sha256', art.layers[1]!.descriptor.digest.slice(7));
      expect((await stat(blob)).size).toBe(gzSize);

      const layout = await readLayout(layoutDir, 'big');
      const target = join(root, 'restored');
      const restored = await unpack(layout.manifest, target, layout.fetchBlob);
      expect(restored.verified?.entries).toBe(art.info.entryCount);
      expect((await stat(join(target, 'cache.jsonl.gz'))).size).toBe(gzSize);
      expect((await readdir(target)).sort()).toEqual(['cache.jsonl.gz', 'manifest.json']);
      peak = Math.max(peak, process.memoryUsage().rss);

      const growth = peak - before;
      console.log(
        `RSS growth: packaging ${(afterPackage / MiB).toFixed(1)} MiB; ` +
          `packaging + writeLayout + readLayout/unpack ${(growth / MiB).toFixed(1)} MiB ` +
          `(file ${SIZE / MiB} MiB, limit ${MAX_GROWTH / MiB} MiB)`,
      );
      expect(growth).toBeLessThan(MAX_GROWTH);
    } finally {
      clearInterval(timer);
    }
  });
});
