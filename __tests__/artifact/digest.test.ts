import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  blobDescriptor,
  bufferBlob,
  digestHex,
  isDigest,
  sha256Digest,
} from '../../src/artifact/index.js';
import { digestFile, fileBlob } from '../../test-support/blobs.js';
import { readAll, tempDir } from './fixtures.js';

// sha256 of the empty string and of "abc" (FIPS 180-2 test vectors)
const EMPTY = 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const ABC = 'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

describe('digests', () => {
  it('sha256Digest matches the published test vectors', () => {
    expect(sha256Digest(Buffer.alloc(0))).toBe(EMPTY);
    expect(sha256Digest(Buffer.from('abc'))).toBe(ABC);
    expect(sha256Digest('abc')).toBe(ABC);
  });

  it('isDigest accepts only sha256: with 64 lowercase hex digits', () => {
    expect(isDigest(ABC)).toBe(true);
    expect(isDigest(ABC.toUpperCase())).toBe(false);
    expect(isDigest(ABC.replace('sha256:', 'sha512:'))).toBe(false);
    expect(isDigest(ABC.slice(0, -1))).toBe(false);
    expect(isDigest(`${ABC}0`)).toBe(false);
    expect(isDigest(`sha256:${'g'.repeat(64)}`)).toBe(false);
    expect(isDigest(`sha256:../${'a'.repeat(61)}`)).toBe(false);
    expect(isDigest(undefined)).toBe(false);
    expect(isDigest(42)).toBe(false);
  });

  it('digestHex returns the hex part and rejects non-digests', () => {
    expect(digestHex(ABC)).toBe(ABC.slice(7));
    expect(() => digestHex('sha256:../../etc/passwd')).toThrow(/not a sha256 digest/);
  });

  it('digestFile streams a file larger than one read chunk', async () => {
    const dir = await tempDir();
    const path = join(dir, 'f.bin');
    const data = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    data.write('head', 0);
    await writeFile(path, data);
    const expected = `sha256:${createHash('sha256').update(data).digest('hex')}`;
    expect(await digestFile(path)).toEqual({ digest: expected, size: data.length });
  });

  it('digestFile of an empty file is the empty digest', async () => {
    const path = join(await tempDir(), 'empty');
    await writeFile(path, '');
    expect(await digestFile(path)).toEqual({ digest: EMPTY, size: 0 });
  });

  it('digestFile rejects a missing file', async () => {
    await expect(digestFile(join(await tempDir(), 'nope'))).rejects.toThrow(/ENOENT/);
  });
});

describe('descriptors and blobs', () => {
  it('blobDescriptor gives media type, digest, size and annotations', () => {
    expect(blobDescriptor(Buffer.from('abc'), 'text/plain')).toEqual({
      mediaType: 'text/plain',
      digest: ABC,
      size: 3,
    });
    expect(blobDescriptor(Buffer.from('abc'), 'text/plain', { a: 'b' }).annotations).toEqual({
      a: 'b',
    });
  });

  it('bufferBlob opens a fresh stream of the bytes every time', async () => {
    const blob = bufferBlob(Buffer.from('abc'), 'text/plain');
    expect(blob.descriptor.digest).toBe(ABC);
    expect((await readAll(blob.open())).toString()).toBe('abc');
    expect((await readAll(blob.open())).toString()).toBe('abc');
  });

  it('fileBlob hashes the file and re-opens it on every open()', async () => {
    const path = join(await tempDir(), 'x.gz');
    const data = Buffer.alloc(2 * 1024 * 1024 + 3, 1);
    await writeFile(path, data);
    const blob = await fileBlob(path, 'application/x', { 'org.opencontainers.image.title': 'x' });
    expect(blob.descriptor).toEqual({
      mediaType: 'application/x',
      digest: sha256Digest(data),
      size: data.length,
      annotations: { 'org.opencontainers.image.title': 'x' },
    });
    expect((await readAll(blob.open())).equals(data)).toBe(true);
    expect((await readAll(blob.open())).equals(data)).toBe(true);
  });
});
