import { mkdir, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExportError, packageExport, readExport } from '../../src/artifact/index.js';
import { copyExample, tempDir, writeExportManifest } from './fixtures.js';

async function exampleDoc(dir: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
}

/** Packages `dir` expecting an ExportError about `path` whose message matches all patterns. */
async function expectExportError(dir: string, path: string, ...patterns: RegExp[]) {
  const err = await packageExport(dir).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ExportError);
  expect((err as ExportError).path).toBe(path);
  const msg = (err as Error).message;
  expect(msg).toContain(path);
  for (const p of patterns) expect(msg).toMatch(p);
  return err as ExportError;
}

describe('export validation', () => {
  it('reads the example export without warnings', async () => {
    const exp = await readExport(await copyExample());
    expect(exp.warnings).toEqual([]);
    expect(exp.info).toMatchObject({
      formatVersion: '1.0',
      leiVersion: '0.9.1',
      created: '2026-11-22T03:14:07Z',
      date: '2026-11-22',
      entryCount: 12,
    });
    expect(exp.info.repos).toHaveLength(12);
  });

  it('rejects a missing directory', async () => {
    const dir = join(await tempDir(), 'nope');
    await expectExportError(dir, dir, /does not exist/, /point .*path.* at the directory/);
  });

  it('rejects a file given as the directory', async () => {
    const dir = await copyExample();
    const file = join(dir, 'manifest.json');
    await expectExportError(file, file, /is not a directory/, /the directory, not a file in it/);
  });

  for (const name of ['manifest.json', 'cache.jsonl.gz']) {
    it(`rejects a missing ${name}`, async () => {
      const dir = await copyExample();
      await rm(join(dir, name));
      await expectExportError(dir, join(dir, name), /is missing/, /run the export again/);
    });

    it(`rejects ${name} that is a directory`, async () => {
      const dir = await copyExample();
      await rm(join(dir, name));
      await mkdir(join(dir, name));
      await expectExportError(dir, join(dir, name), /is not a regular file/, /replace it/);
    });

    it(`rejects an empty ${name}`, async () => {
      const dir = await copyExample();
      await truncate(join(dir, name), 0);
      await expectExportError(dir, join(dir, name), /is empty/, /run the export again/);
    });
  }

  it('follows a symlink to a regular file', async () => {
    const dir = await copyExample();
    const elsewhere = join(await tempDir(), 'real.gz');
    await writeFile(elsewhere, await readFile(join(dir, 'cache.jsonl.gz')));
    await rm(join(dir, 'cache.jsonl.gz'));
    await symlink(elsewhere, join(dir, 'cache.jsonl.gz'));
    expect((await packageExport(dir)).layers[1]?.descriptor.size).toBe(3261);
  });

  it('rejects manifest.json that is not JSON', async () => {
    const dir = await copyExample();
    await writeFile(join(dir, 'manifest.json'), '{"format_version": "1.0",');
    await expectExportError(
      dir,
      join(dir, 'manifest.json'),
      /is not valid JSON/,
      /run the export again or repair/,
    );
  });

  it('rejects manifest.json that is not an object', async () => {
    const dir = await copyExample();
    await writeFile(join(dir, 'manifest.json'), '[1,2]');
    await expectExportError(
      dir,
      join(dir, 'manifest.json'),
      /must hold a JSON object/,
      /not an array/,
    );
  });

  it('rejects cache.jsonl.gz without the gzip magic bytes', async () => {
    const dir = await copyExample();
    const cache = join(dir, 'cache.jsonl.gz');
    await writeFile(cache, '{"header":{}}\n');
    const doc = await exampleDoc(dir);
    await writeExportManifest(dir, { ...doc, compressed_size: 14 });
    await expectExportError(dir, cache, /gzip magic bytes 1f 8b/, /run it again/);
  });

  it('rejects a cache.jsonl.gz whose size differs from compressed_size (truncated export)', async () => {
    const dir = await copyExample();
    const cache = join(dir, 'cache.jsonl.gz');
    await truncate(cache, 3000);
    await expectExportError(
      dir,
      cache,
      /is 3000 bytes but .*manifest\.json says compressed_size 3261/,
      /truncated/,
      /run the export again/,
    );
  });

  it('accepts an export without compressed_size', async () => {
    const dir = await copyExample();
    const { compressed_size: _c, ...doc } = await exampleDoc(dir);
    await writeExportManifest(dir, doc);
    expect((await readExport(dir)).warnings).toEqual([]);
  });

  const badFields: Array<[string, unknown, RegExp]> = [
    ['compressed_size', '3261', /"compressed_size" must be a non-negative integer, got "3261"/],
    ['entry_count', -1, /"entry_count" must be a non-negative integer, got -1/],
    ['entry_count', 1.5, /"entry_count" must be a non-negative integer/],
    ['lei_version', 91, /"lei_version" must be a non-empty string/],
    ['lei_version', '', /"lei_version" must be a non-empty string/],
    ['format_version', 1, /"format_version" must be a string/],
    ['repos', 'https://github.com/a/b', /"repos" must be an array of repository URLs/],
    ['date', '2026-11-31', /"date" must be a calendar day written YYYY-MM-DD/],
    ['date', '22.11.2026', /"date" must be a calendar day/],
    ['created', '2026-11-22 03:14:07', /"created" must be an RFC 3339 date-time/],
    ['created', '2026-11-22T25:14:07Z', /"created" must be an RFC 3339/],
    ['created', '2026-11-22', /"created" must be an RFC 3339/],
    ['created', 1764000000, /"created" must be an RFC 3339/],
  ];
  for (const [field, value, message] of badFields) {
    it(`rejects ${field}=${JSON.stringify(value)} naming the field and the fix`, async () => {
      const dir = await copyExample();
      await writeExportManifest(dir, { ...(await exampleDoc(dir)), [field]: value });
      await expectExportError(
        dir,
        join(dir, 'manifest.json'),
        message,
        /fix the field or run the export again/,
      );
    });
  }

  it('accepts created with an offset and fractional seconds; date is the UTC day', async () => {
    const dir = await copyExample();
    const { date: _d, ...doc } = await exampleDoc(dir);
    await writeExportManifest(dir, { ...doc, created: '2026-11-22T00:30:00.250+02:00' });
    const exp = await readExport(dir);
    expect(exp.info.created).toBe('2026-11-22T00:30:00.250+02:00');
    expect(exp.info.date).toBe('2026-11-21');
  });

  it('falls back to midnight UTC of date when created is missing, with a warning', async () => {
    const dir = await copyExample();
    const { created: _c, ...doc } = await exampleDoc(dir);
    await writeExportManifest(dir, doc);
    const warnings: string[] = [];
    const art = await packageExport(dir, { onWarning: (w) => warnings.push(w) });
    expect(art.info.created).toBe('2026-11-22T00:00:00Z');
    expect(art.manifest.annotations?.['org.opencontainers.image.created']).toBe(
      '2026-11-22T00:00:00Z',
    );
    expect(warnings).toEqual([expect.stringMatching(/no "created"; using midnight UTC/)]);
    expect(art.warnings).toEqual(warnings);
  });

  it('rejects an export with neither created nor date', async () => {
    const dir = await copyExample();
    const { created: _c, date: _d, ...doc } = await exampleDoc(dir);
    await writeExportManifest(dir, doc);
    await expectExportError(
      dir,
      join(dir, 'manifest.json'),
      /neither "created" .* nor "date"/,
      /add one or run the export again/,
    );
  });

  it('applies defaults with a warning for missing lenient fields; entry_count from the counted lines', async () => {
    const dir = await copyExample();
    const { lei_version: _l, entry_count: _e, format_version: _f, ...doc } = await exampleDoc(dir);
    await writeExportManifest(dir, doc);
    const warnings: string[] = [];
    const art = await packageExport(dir, { onWarning: (w) => warnings.push(w) });
    expect(art.info).toMatchObject({ leiVersion: 'unknown', entryCount: 12, formatVersion: '1.0' });
    expect(warnings).toHaveLength(3);
    expect(warnings.join('\n')).toMatch(/no "lei_version"; using "unknown"/);
    expect(warnings.join('\n')).toMatch(
      /no "entry_count" \(an older exporter\?\); using the 12 entries counted in cache\.jsonl\.gz/,
    );
    expect(warnings.join('\n')).toMatch(/no "format_version"; assuming "1.0"/);
    const config = JSON.parse(art.config.open().read().toString()) as Record<string, unknown>;
    expect(config).toEqual({
      lei_version: 'unknown',
      created: '2026-11-22T03:14:07Z',
      cache_entries: 12,
      format_version: '1.0',
    });
  });

  it('with verifyContent false, a missing entry_count is 0 with a warning, as before', async () => {
    const dir = await copyExample();
    const { entry_count: _e, ...doc } = await exampleDoc(dir);
    await writeExportManifest(dir, doc);
    const warnings: string[] = [];
    const art = await packageExport(dir, {
      onWarning: (w) => warnings.push(w),
      verifyContent: false,
    });
    expect(art.info.entryCount).toBe(0);
    expect(art.verified).toBeUndefined();
    expect(warnings).toEqual([expect.stringMatching(/no "entry_count"; using 0$/)]);
  });

  it('warns about an unknown format_version but packages the files', async () => {
    const dir = await copyExample();
    await writeExportManifest(dir, { ...(await exampleDoc(dir)), format_version: '2.0' });
    const exp = await readExport(dir);
    expect(exp.warnings).toEqual([
      expect.stringMatching(/format_version "2.0"; this action knows "1.0"/),
    ]);
  });

  it('names other files in the directory in a warning and does not package them', async () => {
    const dir = await copyExample();
    await writeFile(join(dir, 'notes.txt'), 'x');
    await mkdir(join(dir, 'old'));
    const art = await packageExport(dir);
    expect(art.warnings).toEqual([
      expect.stringMatching(/also holds notes\.txt, old: not packaged/),
    ]);
    expect(art.blobs).toHaveLength(3);
  });
});
