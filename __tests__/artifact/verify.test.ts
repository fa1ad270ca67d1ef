import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import {
  DigestMismatchError,
  SizeMismatchError,
  blobDescriptor,
  writeVerifiedFile,
} from '../../src/artifact/index.js';
import { VerifyingTransform } from '../../src/artifact/verify.js';
import { failingStream, readAll, tempDir } from './fixtures.js';

const data = Buffer.from('the quick brown fox jumps over the lazy dog\n'.repeat(1000));
const desc = blobDescriptor(data, 'application/vnd.lei.cache.jsonl+gzip');
const label = { name: 'cache.jsonl.gz', mediaType: desc.mediaType };
const verifyStream = (d: typeof desc, l?: typeof label) => new VerifyingTransform(d, l);

describe('verifyStream', () => {
  it('passes matching content through unchanged', async () => {
    const out = await readAll(Readable.from([data]).pipe(verifyStream(desc)));
    expect(out.equals(data)).toBe(true);
  });

  it('fails on other content of the same size, naming the blob and both digests', async () => {
    const other = Buffer.from(data);
    other[5] = 0x21;
    const err = await pipeline(Readable.from([other]), verifyStream(desc, label), async (s) => {
      for await (const _ of s);
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DigestMismatchError);
    expect((err as Error).message).toContain(
      'cache.jsonl.gz (application/vnd.lei.cache.jsonl+gzip)',
    );
    expect((err as Error).message).toContain(`expected ${desc.digest}`);
    expect((err as DigestMismatchError).actual).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((err as DigestMismatchError).actual).not.toBe(desc.digest);
  });

  it('fails on a short stream with a size mismatch', async () => {
    const err = await readAll(
      Readable.from([data.subarray(0, 100)]).pipe(verifyStream(desc, label)),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SizeMismatchError);
    expect((err as Error).message).toMatch(new RegExp(`expected ${data.length} bytes, got 100`));
  });

  it('stops as soon as a stream exceeds the expected size', async () => {
    const err = await readAll(
      Readable.from([data, Buffer.from('more')]).pipe(verifyStream(desc, label)),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SizeMismatchError);
    expect((err as SizeMismatchError).exceeded).toBe(true);
    expect((err as Error).message).toContain('got more than that');
  });

  it('refuses a descriptor whose digest is not sha256', () => {
    expect(() => verifyStream({ ...desc, digest: 'md5:abc' })).toThrow(/not a sha256 digest/);
  });
});

describe('writeVerifiedFile', () => {
  it('writes the file when size and digest match, leaving no temp file', async () => {
    const dir = await tempDir();
    const dest = join(dir, 'cache.jsonl.gz');
    await writeVerifiedFile(Readable.from([data]), desc, dest, label);
    expect((await readFile(dest)).equals(data)).toBe(true);
    expect(await readdir(dir)).toEqual(['cache.jsonl.gz']);
  });

  it('on a digest mismatch leaves the existing file untouched and no temp file', async () => {
    const dir = await tempDir();
    const dest = join(dir, 'cache.jsonl.gz');
    await writeFile(dest, 'older snapshot');
    const other = Buffer.alloc(data.length, 0x41);
    await expect(writeVerifiedFile(Readable.from([other]), desc, dest, label)).rejects.toThrow(
      DigestMismatchError,
    );
    expect(await readFile(dest, 'utf8')).toBe('older snapshot');
    expect(await readdir(dir)).toEqual(['cache.jsonl.gz']);
  });

  it('on a stream error midway leaves no temp file and rethrows the error', async () => {
    const dir = await tempDir();
    const dest = join(dir, 'cache.jsonl.gz');
    const boom = new Error('connection reset');
    await expect(
      writeVerifiedFile(failingStream([data.subarray(0, 1000)], boom), desc, dest, label),
    ).rejects.toBe(boom);
    expect(await readdir(dir)).toEqual([]);
  });
});
