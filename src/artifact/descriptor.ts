import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { READ_CHUNK_SIZE, sha256Digest } from './digest.js';
import type { Blob, BlobGate, Descriptor } from './types.js';

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
 * A blob over a whole file (`path` set) whose descriptor is already known (hashed in a pass of
 * one's own): every open() re-opens the file, so a multi-GiB cache.jsonl.gz is never held in
 * memory, and uploads send it from disk (Blob.path), through `gate` when one is given.
 */
export function describedFileBlob(path: string, descriptor: Descriptor, gate?: BlobGate): Blob {
  return {
    descriptor,
    open: () => createReadStream(path, { highWaterMark: READ_CHUNK_SIZE }),
    path,
    ...(gate !== undefined ? { gate } : {}),
  };
}
