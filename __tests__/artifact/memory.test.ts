import { mkdir, open, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageExport, readLayout, unpack, writeLayout } from '../../src/artifact/index.js';
import { tempDir } from './fixtures.js';

const MiB = 1024 * 1024;
const SIZE = 256 * MiB;
/** RSS may grow by this much at most while 256 MiB stream through (a buffered blob would exceed it). */
const MAX_GROWTH = 64 * MiB;

/** Writes a 256 MiB "cache.jsonl.gz": the gzip magic, then 1 MiB chunks of varying bytes. */
async function writeBigExport(dir: string): Promise<void> {
  const fh = await open(join(dir, 'cache.jsonl.gz'), 'w');
  try {
    const chunk = Buffer.alloc(MiB);
    let x = 0x9e3779b9;
    for (let i = 0; i < chunk.length; i += 4) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      chunk.writeUInt32LE(x >>> 0, i);
    }
    for (let i = 0; i < SIZE / MiB; i++) {
      chunk.writeUInt32LE(i, 8); // every chunk differs
      if (i === 0) chunk.set([0x1f, 0x8b, 0x08, 0x00], 0);
      else chunk.writeUInt32LE(Math.imul(i, 2654435761) >>> 0, 0);
      await fh.write(chunk);
    }
  } finally {
    await fh.close();
  }
  await writeFile(
    join(dir, 'manifest.json'),
    JSON.stringify({
      format_version: '1.0',
      lei_version: '0.9.1',
      created: '2026-11-22T03:14:07Z',
      date: '2026-11-22',
      entry_count: 1_000_000,
      compressed_size: SIZE,
    }),
  );
}

describe('memory', () => {
  it('packages, writes a layout of and unpacks a 256 MiB export without buffering it', async () => {
    const root = await tempDir('lei-memory-');
    const exportDir = join(root, 'export');
    await mkdir(exportDir);
    await writeBigExport(exportDir);

    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    try {
      const art = await packageExport(exportDir);
      expect(art.layers[1]?.descriptor.size).toBe(SIZE);
      peak = Math.max(peak, process.memoryUsage().rss);
      const afterPackage = peak - before;

      const layoutDir = join(root, 'layout');
      await writeLayout(layoutDir, art, ['big']);
      const blob = join(layoutDir, 'blobs', 'sha256', art.layers[1]!.descriptor.digest.slice(7));
      expect((await stat(blob)).size).toBe(SIZE);

      const layout = await readLayout(layoutDir, 'big');
      const target = join(root, 'restored');
      await unpack(layout.manifest, target, layout.fetchBlob);
      expect((await stat(join(target, 'cache.jsonl.gz'))).size).toBe(SIZE);
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
