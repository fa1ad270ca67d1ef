import { createHash, randomBytes } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  ContentMismatchError,
  DigestMismatchError,
  SizeMismatchError,
} from '../../src/artifact/errors.js';
import { stageVerifiedFile } from '../../src/artifact/stagedFile.js';
import { tempDir } from './fixtures.js';
import { DAMAGES, buildLeiExport, leiReports } from './leiExport.js';

const descriptorOf = (bytes: Buffer) => ({
  mediaType: 'application/vnd.lei.cache.jsonl+gzip',
  digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
  size: bytes.length,
});

/** The bytes in chunks of `size` (a socket delivers 16-64 KiB pieces). */
function chunked(bytes: Buffer, size: number): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(Buffer.from(bytes.subarray(i, i + size)));
  return Readable.from(parts);
}

describe('stageVerifiedFile', () => {
  it('stages a cache of many chunks, with its content facts', async () => {
    // random base64: a gzip file of several MiB, in many socket-sized chunks
    const lines = Array.from({ length: 30000 }, () => randomBytes(200).toString('base64'));
    const exp = buildLeiExport(lines.map((l) => JSON.stringify({ l })));
    const { gz } = exp;
    expect(gz.length).toBeGreaterThan(4 * 1024 * 1024);
    const dir = await tempDir();
    const staged = await stageVerifiedFile(
      chunked(gz, 65536 - 17),
      descriptorOf(gz),
      join(dir, 't'),
      undefined,
      'cache.jsonl.gz',
    );
    expect((await readFile(staged.path)).equals(gz)).toBe(true);
    expect(staged.facts).toEqual({
      compressedSize: gz.length,
      rawSize: exp.jsonl.length,
      entries: 30000,
      contentHash: exp.manifest['content_hash'],
    });
  });

  it('stages any blob without content checks when not asked', async () => {
    const bytes = Buffer.from('{"not":"gzip"}');
    const dir = await tempDir();
    const staged = await stageVerifiedFile(chunked(bytes, 3), descriptorOf(bytes), join(dir, 't'));
    expect(staged).toEqual({ path: join(dir, 't') });
    expect(await readFile(staged.path, 'utf8')).toBe('{"not":"gzip"}');
  });

  it('removes its file on a digest, size or content mismatch', async () => {
    const exp = buildLeiExport(leiReports(500));
    const dir = await tempDir();
    const other = Buffer.from(exp.gz);
    other[other.length - 1] = (other[other.length - 1] as number) ^ 1;
    await expect(
      stageVerifiedFile(chunked(other, 100), descriptorOf(exp.gz), join(dir, 'a')),
    ).rejects.toBeInstanceOf(DigestMismatchError);
    await expect(
      stageVerifiedFile(
        chunked(Buffer.concat([exp.gz, Buffer.from('x')]), 100),
        descriptorOf(exp.gz),
        join(dir, 'b'),
      ),
    ).rejects.toBeInstanceOf(SizeMismatchError);
    await expect(
      stageVerifiedFile(chunked(exp.gz.subarray(1), 100), descriptorOf(exp.gz), join(dir, 'c')),
    ).rejects.toBeInstanceOf(SizeMismatchError);
    const flipped = DAMAGES[0]!.apply(exp).gz;
    const err = await stageVerifiedFile(
      chunked(flipped, 100),
      descriptorOf(flipped),
      join(dir, 'd'),
      undefined,
      'cache.jsonl.gz',
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContentMismatchError);
    expect((err as Error).message).toMatch(DAMAGES[0]!.says);
    expect(await readdir(dir)).toEqual([]);
  });

  it('never overwrites or removes a file that is already there', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 't'), 'older');
    const bytes = Buffer.from('new');
    await expect(
      stageVerifiedFile(chunked(bytes, 1), descriptorOf(bytes), join(dir, 't')),
    ).rejects.toThrow(/EEXIST/);
    expect(await readFile(join(dir, 't'), 'utf8')).toBe('older');
  });
});
