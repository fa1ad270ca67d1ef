import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { READ_CHUNK_SIZE, digestFile, sha256Digest } from './digest.js';
import type { Blob, Descriptor } from './types.js';

function withAnnotations(d: Descriptor, annotations?: Record<string, string>): Descriptor {
  return annotations && Object.keys(annotations).length > 0
    ? { ...d, annotations: { ...annotations } }
    : d;
}

/** The descriptor of a small blob held in memory (config, manifest.json). */
export function blobDescriptor(
  bytes: Uint8Array,
  mediaType: string,
  annotations?: Record<string, string>,
): Descriptor {
  return withAnnotations(
    { mediaType, digest: sha256Digest(bytes), size: bytes.length },
    annotations,
  );
}

/** A blob over bytes in memory; every open() streams them from the start. */
export function bufferBlob(
  bytes: Uint8Array,
  mediaType: string,
  annotations?: Record<string, string>,
): Blob {
  const data = Buffer.from(bytes);
  return {
    descriptor: blobDescriptor(data, mediaType, annotations),
    open: () => Readable.from([data], { objectMode: false }),
  };
}

/**
 * A blob over a file (`path` set). The file is streamed once (1 MiB reads) to get digest and
 * size; every open() re-opens it, so a multi-GiB cache.jsonl.gz is never held in memory.
 */
export async function fileBlob(
  path: string,
  mediaType: string,
  annotations?: Record<string, string>,
): Promise<Blob> {
  const { digest, size } = await digestFile(path);
  return describedFileBlob(path, withAnnotations({ mediaType, digest, size }, annotations));
}

/** A blob over a file whose descriptor is already known (hashed in a pass of one's own). */
export function describedFileBlob(path: string, descriptor: Descriptor): Blob {
  return {
    descriptor,
    open: () => createReadStream(path, { highWaterMark: READ_CHUNK_SIZE }),
    path,
  };
}
