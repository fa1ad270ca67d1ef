import { rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as content from '../../src/artifact/content.js';
import { ExportError, packageExport } from '../../src/artifact/index.js';
import { copyExample } from './fixtures.js';

// Observe hashing: digestCacheFile (digest and content check in one read) is the only place
// packaging reads cache.jsonl.gz in full.
vi.mock('../../src/artifact/content.js', async (importOriginal) => {
  const original = await importOriginal<typeof content>();
  return { ...original, digestCacheFile: vi.fn(original.digestCacheFile) };
});

describe('bad input fails before any hashing', () => {
  beforeEach(() => {
    vi.mocked(content.digestCacheFile).mockClear();
  });

  it('hashes cache.jsonl.gz exactly once for a good export', async () => {
    await packageExport(await copyExample());
    expect(content.digestCacheFile).toHaveBeenCalledTimes(1);
  });

  const breakers: Array<[string, (dir: string) => Promise<void>]> = [
    ['a truncated cache.jsonl.gz', (d) => truncate(join(d, 'cache.jsonl.gz'), 100)],
    ['manifest.json not JSON', (d) => writeFile(join(d, 'manifest.json'), '{')],
    ['a bad created', async (d) => writeFile(join(d, 'manifest.json'), '{"created":"yesterday"}')],
    ['a missing manifest.json', (d) => rm(join(d, 'manifest.json'))],
  ];
  for (const [name, breakIt] of breakers) {
    it(`rejects ${name} without hashing`, async () => {
      const dir = await copyExample();
      await breakIt(dir);
      await expect(packageExport(dir)).rejects.toThrow(ExportError);
      expect(content.digestCacheFile).not.toHaveBeenCalled();
    });
  }
});
