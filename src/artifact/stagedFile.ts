import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GzipContentVerifier } from './content.js';
import type { ContentFacts } from './types.js';
import { ArtifactError, type BlobLabel } from './errors.js';
import type { Descriptor } from './types.js';
import { VerifyingTransform } from './verify.js';
import { STAGE_HIGH_WATER_MARK, streamPacer } from './youngGc.js';

/** What staging a blob gave: the temporary file and, when asked, the content facts. */
export interface StagedFile {
  path: string;
  facts?: ContentFacts;
}

/**
 * Streams a blob into a new file at `tempPath` (which must not exist), verifying its size and
 * digest and, with `contentSource`, its gzip content (GzipContentVerifier: zlib inflates each
 * chunk on the thread pool while the main thread hashes), all in one pass. Resolves once
 * everything matched; on any failure the file is removed (only if this call created it) and the
 * error rethrown.
 */
export async function stageVerifiedFile(
  stream: Readable,
  descriptor: Descriptor,
  tempPath: string,
  label: BlobLabel = { mediaType: descriptor.mediaType },
  contentSource?: string,
): Promise<StagedFile> {
  // One pacer for the download and its inflate output (youngGc.ts: memory under Node 24).
  const young = streamPacer();
  const content =
    contentSource !== undefined ? new GzipContentVerifier(contentSource, young) : undefined;
  const verifying = new VerifyingTransform(descriptor, label, content, young);
  // Chunks that arrive while a write is running go out together in one writev.
  const file = createWriteStream(tempPath, { flags: 'wx', highWaterMark: STAGE_HIGH_WATER_MARK });
  let created = false;
  file.once('open', () => {
    created = true;
  });
  try {
    await pipeline(stream, verifying, file);
    return { path: tempPath, ...(verifying.facts ? { facts: verifying.facts } : {}) };
  } catch (err) {
    stream.destroy();
    content?.destroy();
    if (!file.closed) await new Promise<void>((resolve) => file.once('close', () => resolve()));
    if (created) await rm(tempPath, { force: true });
    throw err;
  }
}

/** A fresh temporary path next to `destPath` (same directory, so rename is atomic). */
export function tempPathFor(destPath: string): string {
  return join(dirname(destPath), `.${basename(destPath)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Writes a verified file: the stream is staged in a temporary file beside `destPath` while its
 * size and digest are checked (stageVerifiedFile), and is renamed over `destPath` only when both
 * match. On failure no temporary file remains and an existing file at `destPath` is untouched.
 */
export async function writeVerifiedFile(
  stream: Readable,
  descriptor: Descriptor,
  destPath: string,
  label?: BlobLabel,
): Promise<void> {
  const { path: temp } = await stageVerifiedFile(stream, descriptor, tempPathFor(destPath), label);
  try {
    await rename(temp, destPath);
  } catch (err) {
    await rm(temp, { force: true });
    throw new ArtifactError(`could not move the verified file into place at ${destPath}`, {
      cause: err,
    });
  }
}
