import { mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageExport, unpack, writeLayout } from '../../src/artifact/index.js';
import { readLayout } from '../../test-support/layout.js';
import { writeBigExport } from './bigExport.js';
import { tempDir } from './fixtures.js';

const MiB = 1024 * 1024;
const SIZE = 256 * MiB;
/** RSS may grow by this much at most while 256 MiB stream through and are inflated and checked (a buffered blob would exceed it). */
const MAX_GROWTH = 64 * MiB;

describe('memory', () => {
  it('packages, writes a layout of and unpacks a 256 MiB export without buffering it', async () => {
    const root = await tempDir('lei-memory-');
    const exportDir = join(root, 'export');
    await mkdir(exportDir);
    const gzSize = await writeBigExport(exportDir, SIZE);

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
