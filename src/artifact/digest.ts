import { createHash } from 'node:crypto';

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
