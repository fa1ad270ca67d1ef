import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digestFile } from '../../src/artifact/digest.js';
import { digestFileOnThread } from '../../src/artifact/threadDigest.js';
import { tempDir } from './fixtures.js';

describe('digestFileOnThread', () => {
  it('gives the same digest and size as hashing on the main thread (several reads long)', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const path = join(await tempDir(), 'blob');
    await writeFile(path, bytes);
    const onThread = digestFileOnThread(path);
    const got = await onThread.result;
    await onThread.stop();
    expect(got).toEqual({
      digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
      size: bytes.length,
    });
    expect(got).toEqual(await digestFile(path));
  });

  it('hashes an empty file', async () => {
    const path = join(await tempDir(), 'empty');
    await writeFile(path, '');
    const onThread = digestFileOnThread(path);
    expect(await onThread.result).toEqual({
      digest: `sha256:${createHash('sha256').digest('hex')}`,
      size: 0,
    });
    await onThread.stop();
  });

  it('rejects with the read error when the file cannot be read', async () => {
    const path = join(await tempDir(), 'missing');
    const onThread = digestFileOnThread(path);
    await expect(onThread.result).rejects.toMatchObject({ code: 'ENOENT' });
    await onThread.stop();
  });

  it('can be stopped before it finishes; the result then never resolves to a digest', async () => {
    const path = join(await tempDir(), 'big');
    await writeFile(path, Buffer.alloc(64 * 1024 * 1024));
    const onThread = digestFileOnThread(path);
    await onThread.stop();
    const outcome = await Promise.race([
      onThread.result.then(
        () => 'resolved',
        () => 'rejected',
      ),
      // unstopped, 64 MiB hash in well under a second: a digest would arrive within this wait
      new Promise((r) => setTimeout(() => r('pending'), 1000)),
    ]);
    // terminated mid-file: no digest of a part of the file can come out of it
    expect(outcome).not.toBe('resolved');
  });
});
