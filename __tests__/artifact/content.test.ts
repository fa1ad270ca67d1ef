import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GzipContentVerifier, checkContent, digestCacheFile } from '../../src/artifact/content.js';
import { ContentMismatchError } from '../../src/artifact/errors.js';
import { parseSnapshotManifest } from '../../src/artifact/snapshot.js';
import { tempDir } from './fixtures.js';
import { DAMAGES, buildLeiExport, leiManifestJson, leiReports } from './leiExport.js';

async function cacheFile(bytes: Buffer): Promise<string> {
  const path = join(await tempDir(), 'cache.jsonl.gz');
  await writeFile(path, bytes);
  return path;
}

const sha256hex = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

describe('digestCacheFile', () => {
  it("finds an LEI export's facts in the same read as the blob digest", async () => {
    const exp = buildLeiExport(leiReports(3000));
    const path = await cacheFile(exp.gz);
    const r = await digestCacheFile(path, true);
    expect(r.digest).toBe(`sha256:${sha256hex(exp.gz)}`);
    expect(r.size).toBe(exp.gz.length);
    expect(r.facts).toEqual({
      compressedSize: exp.gz.length,
      rawSize: exp.jsonl.length,
      entries: 3000,
      contentHash: exp.manifest['content_hash'],
    });
  });

  it('reads a file bigger than its reused buffers (several MiB, incompressible)', async () => {
    // random hex lines: the compressed file spans many 1 MiB reads
    const lines = Array.from({ length: 9000 }, (_, i) =>
      createHash('sha512').update(String(i)).digest('hex').repeat(8),
    );
    const jsonl = Buffer.from(lines.map((l) => `${l}\n`).join(''));
    const gz = gzipSync(jsonl, { level: 1 });
    const r = await digestCacheFile(await cacheFile(gz), true);
    expect(r.facts?.entries).toBe(9000);
    expect(r.facts?.rawSize).toBe(jsonl.length);
    expect(r.facts?.contentHash).toBe(sha256hex(lines.join('')));
    expect(r.digest).toBe(`sha256:${sha256hex(gz)}`);
  });

  it('only digests when verification is off', async () => {
    const gz = Buffer.from('not gzip at all');
    const r = await digestCacheFile(await cacheFile(gz), false);
    expect(r).toEqual({ digest: `sha256:${sha256hex(gz)}`, size: gz.length });
  });

  it('accepts several members (gzip allows them) and counts a last line without \\n', async () => {
    const gz = Buffer.concat([gzipSync('{"a":1}\n{"b"'), gzipSync(':2}\n{"c":3}')]);
    const r = await digestCacheFile(await cacheFile(gz), true);
    expect(r.facts).toMatchObject({ entries: 3, rawSize: 23 });
    expect(r.facts?.contentHash).toBe(sha256hex('{"a":1}{"b":2}{"c":3}'));
  });

  it('refuses trailing zero bytes after the last member (zlib alone would ignore them)', async () => {
    const gz = Buffer.concat([gzipSync('{"a":1}\n'), Buffer.alloc(7)]);
    const err = await digestCacheFile(await cacheFile(gz), true, 'cache.jsonl.gz').catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ContentMismatchError);
    expect((err as ContentMismatchError).field).toBe('gzip');
    expect((err as Error).message).toBe(
      'cache.jsonl.gz is not intact: 7 byte(s) follow the last gzip member (LEI writes one member and nothing after it)',
    );
  });

  for (const damage of DAMAGES.filter((d) => d.field === 'gzip')) {
    it(`refuses ${damage.name}`, async () => {
      const exp = damage.apply(buildLeiExport());
      const err = await digestCacheFile(await cacheFile(exp.gz), true, 'cache.jsonl.gz').catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ContentMismatchError);
      expect((err as Error).message).toMatch(damage.says);
    });
  }

  it('names a CRC-32 failure and an ISIZE failure', async () => {
    const gz = gzipSync(Buffer.from('{"a":1}\n'.repeat(100)));
    const crc = Buffer.from(gz);
    crc[gz.length - 6] = (crc[gz.length - 6] as number) ^ 1;
    const isize = Buffer.from(gz);
    isize[gz.length - 2] = (isize[gz.length - 2] as number) ^ 1;
    await expect(digestCacheFile(await cacheFile(crc), true)).rejects.toThrow(/CRC-32/);
    await expect(digestCacheFile(await cacheFile(isize), true)).rejects.toThrow(/ISIZE/);
  });
});

describe('entries as LEI counts them (non-blank lines)', () => {
  /** The whole check of an export: the pass over cache.jsonl.gz, then manifest.json's fields. */
  async function check(gz: Buffer, manifest: Record<string, unknown>) {
    const { facts } = await digestCacheFile(await cacheFile(gz), true, 'cache.jsonl.gz');
    const { declared } = parseSnapshotManifest(
      Buffer.from(leiManifestJson(manifest)),
      'manifest.json',
    );
    return { facts, checked: checkContent(declared, facts!, 'cache.jsonl.gz') };
  }

  it("passes zero reports in LEI's exact bytes (the JSONL is the single byte \\n)", async () => {
    const exp = buildLeiExport([]);
    expect(exp.jsonl).toEqual(Buffer.from('\n'));
    expect(leiManifestJson(exp.manifest)).toBe(
      [
        '{',
        '  "repos": [],',
        '  "raw_size": 1,',
        '  "lei_version": "0.9.1",',
        '  "format_version": "1.0",',
        '  "entry_count": 0,',
        '  "date": "2026-11-22",',
        '  "created": "2026-11-22T03:14:07Z",',
        '  "content_hash": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",',
        `  "compressed_size": ${exp.gz.length}`,
        '}',
      ].join('\n'),
    );
    const { facts, checked } = await check(exp.gz, exp.manifest);
    expect(facts).toEqual({
      compressedSize: exp.gz.length,
      rawSize: 1,
      entries: 0,
      contentHash: sha256hex(''),
    });
    expect(checked).toEqual({ entryCount: 0, warnings: [] });
  });

  it('passes one report and n reports, joined by \\n with one final \\n', async () => {
    for (const n of [1, 2, 137]) {
      const exp = buildLeiExport(leiReports(n));
      expect(exp.jsonl.toString()).toBe(`${exp.reports.join('\n')}\n`);
      const { facts, checked } = await check(exp.gz, exp.manifest);
      expect(facts?.entries).toBe(n);
      expect(facts?.rawSize).toBe(exp.jsonl.length);
      expect(checked).toEqual({ entryCount: n, warnings: [] });
    }
  });

  it('does not count blank lines as entries, but counts their bytes in raw_size', async () => {
    const [a, b] = leiReports(2) as [string, string];
    const jsonl = Buffer.from(`\n\n${a}\n\n\n${b}\n\n`);
    const exp = buildLeiExport([a, b]);
    const manifest = {
      ...exp.manifest,
      raw_size: jsonl.length,
      compressed_size: gzipSync(jsonl).length,
    };
    const { facts, checked } = await check(gzipSync(jsonl), manifest);
    expect(facts).toMatchObject({
      entries: 2,
      rawSize: jsonl.length,
      contentHash: sha256hex(a + b),
    });
    expect(checked).toEqual({ entryCount: 2, warnings: [] });
  });

  it('does not count a line of only spaces, tabs and CR (LEI drops it), and hashes its bytes', async () => {
    const [a, b] = leiReports(2) as [string, string];
    const jsonl = Buffer.from(`${a}\n \t\r \n${b}\r\n \t${a}\n`);
    const gz = gzipSync(jsonl);
    const { facts } = await digestCacheFile(await cacheFile(gz), true);
    // the blank line is no entry; CR before \n and leading blanks belong to an entry's line
    expect(facts).toEqual({
      compressedSize: gz.length,
      rawSize: jsonl.length,
      entries: 3,
      contentHash: sha256hex(`${a} \t\r ${b}\r \t${a}`),
    });
  });

  it('refuses a count that takes blank lines for entries', async () => {
    const [a, b] = leiReports(2) as [string, string];
    const jsonl = Buffer.from(`${a}\n\n${b}\n`);
    const exp = buildLeiExport([a, b]);
    const gz = gzipSync(jsonl);
    const manifest = {
      ...exp.manifest,
      entry_count: 3,
      raw_size: jsonl.length,
      compressed_size: gz.length,
    };
    await expect(check(gz, manifest)).rejects.toThrow(
      /"entry_count" is 3 but the JSONL has 2 entries/,
    );
  });
});

describe('GzipContentVerifier', () => {
  it('gives the same facts whatever the chunking', async () => {
    const exp = buildLeiExport(leiReports(200));
    for (const size of [1, 7, 4096]) {
      const v = new GzipContentVerifier('cache.jsonl.gz');
      for (let i = 0; i < exp.gz.length; i += size) await v.write(exp.gz.subarray(i, i + size));
      const facts = await v.end();
      expect(facts.contentHash).toBe(exp.manifest['content_hash']);
      expect(facts.entries).toBe(200);
    }
  });

  it('refuses no bytes at all (an empty file is not gzip, even for zero reports)', async () => {
    const v = new GzipContentVerifier('cache.jsonl.gz');
    await expect(v.end()).rejects.toThrow(
      'cache.jsonl.gz is not intact: it is empty, not gzip data (LEI writes one gzip member even for no reports)',
    );
    const empty = new GzipContentVerifier('cache.jsonl.gz');
    await empty.write(gzipSync(Buffer.alloc(0)));
    expect(await empty.end()).toMatchObject({ rawSize: 0, entries: 0 });
  });

  it('reports a failure through error before the end, so a stream can stop early', async () => {
    const gz = Buffer.from(buildLeiExport(leiReports(2000)).gz);
    gz[20] = (gz[20] as number) ^ 0xff;
    const v = new GzipContentVerifier('cache.jsonl.gz');
    await v.write(gz);
    await new Promise((r) => setTimeout(r, 20));
    expect(v.error).toBeInstanceOf(ContentMismatchError);
    await expect(v.end()).rejects.toBe(v.error);
  });
});

describe('checkContent', () => {
  const exp = buildLeiExport();
  const facts = {
    compressedSize: exp.gz.length,
    rawSize: exp.jsonl.length,
    entries: 50,
    contentHash: exp.manifest['content_hash'] as string,
  };
  const declared = (m: Record<string, unknown>) =>
    parseSnapshotManifest(Buffer.from(JSON.stringify(m)), 'manifest.json').declared;

  it('passes an export in LEI form without a warning', () => {
    expect(checkContent(declared(exp.manifest), facts, 'cache.jsonl.gz')).toEqual({
      entryCount: 50,
      warnings: [],
    });
  });

  for (const damage of DAMAGES.filter((d) => d.field !== 'gzip')) {
    it(`names the field, expected and actual for ${damage.name}`, () => {
      const m = damage.apply(exp).manifest;
      let err: unknown;
      try {
        checkContent(declared(m), facts, 'cache.jsonl.gz');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ContentMismatchError);
      expect((err as ContentMismatchError).field).toBe(damage.field);
      expect((err as Error).message).toMatch(damage.says);
    });
  }

  it('takes the counted lines for a missing entry_count and warns for each missing field', () => {
    const m = { ...exp.manifest };
    delete m['entry_count'];
    delete m['raw_size'];
    delete m['content_hash'];
    delete m['compressed_size'];
    const r = checkContent(declared(m), facts, 'cache.jsonl.gz');
    expect(r.entryCount).toBe(50);
    expect(r.warnings).toEqual([
      'manifest.json has no "entry_count" (an older exporter?); using the 50 entries counted in cache.jsonl.gz',
      'manifest.json has no "raw_size"; the uncompressed size was not checked',
      `manifest.json has no "compressed_size"; the file's size was not checked`,
      `manifest.json has no "content_hash"; the reports' hash was not checked`,
    ]);
  });

  it('warns that a content_hash in another form was not verified', () => {
    const other = `sha256:${sha256hex(exp.jsonl)}`;
    const r = checkContent(declared({ ...exp.manifest, content_hash: other }), facts, 'x');
    expect(r.warnings).toEqual([
      `manifest.json has "content_hash" "${other}", not in LEI's form (64 lowercase hex digits of the SHA-256 of the reports without their newlines); it was not verified`,
    ]);
  });
});
