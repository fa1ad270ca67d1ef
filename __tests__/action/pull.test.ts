import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRestoredManifest } from '../../src/action/pull.js';

describe('outputs from a restored manifest.json', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lei-pull-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads date and entry_count', async () => {
    await writeFile(
      path.join(dir, 'manifest.json'),
      JSON.stringify({ date: '2026-11-22', created: '2026-11-21T23:59:59Z', entry_count: 7 }),
    );
    expect(await readRestoredManifest(dir)).toEqual({ date: '2026-11-22', entryCount: 7 });
  });

  it('falls back to the day of created when date is missing', async () => {
    await writeFile(
      path.join(dir, 'manifest.json'),
      JSON.stringify({ created: '2026-11-21T23:59:59Z', entry_count: 0 }),
    );
    expect(await readRestoredManifest(dir)).toEqual({ date: '2026-11-21', entryCount: 0 });
  });

  it('fails clearly when the fields are missing or the file is not JSON', async () => {
    await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ entry_count: 3 }));
    await expect(readRestoredManifest(dir)).rejects.toThrow(/lacks a snapshot date or entry_count/);
    await writeFile(path.join(dir, 'manifest.json'), '{not json');
    await expect(readRestoredManifest(dir)).rejects.toThrow(/not readable JSON/);
  });
});
