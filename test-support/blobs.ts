/**
 * File blobs for the tests: the action hashes its one file blob (cache.jsonl.gz) in the same read
 * that checks its content (packageExport), so src/ has no separate file hash; tests that need a
 * blob over some other file get it here.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Blob } from '../src/artifact/index.js';
import { describedFileBlob } from '../src/artifact/descriptor.js';

/** The sha256 digest and size of a file, streamed (never held in memory). */
export async function digestFile(path: string): Promise<{ digest: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { digest: `sha256:${hash.digest('hex')}`, size };
}

/** A blob over a whole file (`path` set, so uploads take the file fast path), hashed first. */
export async function fileBlob(
  path: string,
  mediaType: string,
  annotations?: Record<string, string>,
): Promise<Blob> {
  const { digest, size } = await digestFile(path);
  return describedFileBlob(path, {
    mediaType,
    digest,
    size,
    ...(annotations && Object.keys(annotations).length > 0
      ? { annotations: { ...annotations } }
      : {}),
  });
}
