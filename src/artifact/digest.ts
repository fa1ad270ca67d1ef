import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

/** Files are read in 1 MiB chunks: enough to keep hashing fast, never the whole file in memory. */
export const READ_CHUNK_SIZE = 1024 * 1024;

const DIGEST_RE = /^sha256:[0-9a-f]{64}$/;

/** `sha256:` followed by 64 lowercase hex digits: the only digest form this project writes or accepts. */
export function isDigest(value: unknown): value is string {
  return typeof value === 'string' && DIGEST_RE.test(value);
}

/** The sha256 digest (`sha256:<hex>`) of bytes in memory. */
export function sha256Digest(bytes: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** The 64 hex digits of a digest (throws on anything that is not a valid sha256 digest). */
export function digestHex(digest: string): string {
  if (!isDigest(digest)) {
    throw new TypeError(`not a sha256 digest: ${JSON.stringify(digest)}`);
  }
  return digest.slice('sha256:'.length);
}

/**
 * Hashes a file by reading it once in 1 MiB reads; the file is never held in memory. Two buffers
 * are reused for the whole file: the next read runs (in libuv's thread pool) while the current
 * chunk is hashed, and no per-chunk garbage piles up (a fresh 1 MiB buffer per read let the heap
 * grow by tens of MB before the collector ran).
 */
export async function digestFile(path: string): Promise<{ digest: string; size: number }> {
  const hash = createHash('sha256');
  const fh = await open(path, 'r');
  const buffers = [
    Buffer.allocUnsafeSlow(READ_CHUNK_SIZE),
    Buffer.allocUnsafeSlow(READ_CHUNK_SIZE),
  ];
  let size = 0;
  let turn = 0;
  let pending = fh.read(buffers[0] as Buffer, 0, READ_CHUNK_SIZE, 0);
  try {
    for (;;) {
      const { bytesRead, buffer } = await pending;
      if (bytesRead === 0) break;
      size += bytesRead;
      turn ^= 1;
      pending = fh.read(buffers[turn] as Buffer, 0, READ_CHUNK_SIZE, size);
      hash.update(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
    }
  } finally {
    await pending.catch(() => undefined);
    await fh.close();
  }
  return { digest: `sha256:${hash.digest('hex')}`, size };
}
