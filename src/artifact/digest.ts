import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

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

/** Hashes a file by streaming it once in 1 MiB reads; the file is never held in memory. */
export async function digestFile(path: string): Promise<{ digest: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK_SIZE })) {
    const buf = chunk as Buffer;
    hash.update(buf);
    size += buf.length;
  }
  return { digest: `sha256:${hash.digest('hex')}`, size };
}
