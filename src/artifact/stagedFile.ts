import { createHash } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GzipContentVerifier, type ContentFacts } from './content.js';
import { READ_CHUNK_SIZE, isDigest } from './digest.js';
import { ArtifactError, DigestMismatchError, SizeMismatchError, type BlobLabel } from './errors.js';
import type { Descriptor } from './types.js';

/** How many 1 MiB staging buffers a file write uses (in flight to the disk and to zlib). */
const STAGING_BUFFERS = 4;

/**
 * A sink that stages a blob in a new file while checking it: the size as the bytes arrive, the
 * sha256 digest at the end, and (for cache.jsonl.gz, when asked) the gzip content in the same
 * pass. Every arriving chunk is hashed and copied at once into one of a few reused 1 MiB buffers,
 * so the stream's own buffers (socket reads) are garbage while still young; a full buffer goes to
 * the file and to the inflater, and is reused when both are done with it.
 */
class StagingSink extends Writable {
  private readonly descriptor: Descriptor;
  private readonly label: BlobLabel;
  private readonly path: string;
  private readonly hash = createHash('sha256');
  readonly verifier: GzipContentVerifier | undefined;
  private fh: FileHandle | undefined;
  private readonly buffers: Buffer[];
  private readonly busy: Promise<void>[];
  private current = 0;
  private filled = 0;
  /** bytes received */
  private received = 0;
  /** bytes handed to the file */
  private position = 0;
  private writeFailure: unknown;
  facts: ContentFacts | undefined;
  /** whether this sink created the file (only then may a failure remove it) */
  created = false;

  constructor(descriptor: Descriptor, path: string, label: BlobLabel, contentSource?: string) {
    super({ highWaterMark: READ_CHUNK_SIZE });
    this.descriptor = descriptor;
    this.label = label;
    this.path = path;
    this.verifier =
      contentSource !== undefined ? new GzipContentVerifier(contentSource) : undefined;
    this.buffers = Array.from({ length: STAGING_BUFFERS }, () =>
      Buffer.allocUnsafeSlow(READ_CHUNK_SIZE),
    );
    this.busy = this.buffers.map(() => Promise.resolve());
  }

  override _construct(cb: (error?: Error | null) => void): void {
    open(this.path, 'wx').then(
      (fh) => {
        this.fh = fh;
        this.created = true;
        cb();
      },
      (err: Error) => cb(err),
    );
  }

  /** Sends the filled part of the current buffer to the file (and the inflater). */
  private flushCurrent(): void {
    if (this.filled === 0) return;
    const buf = (this.buffers[this.current] as Buffer).subarray(0, this.filled);
    const fh = this.fh as FileHandle;
    const at = this.position;
    this.position += buf.length;
    const written = (async () => {
      let off = 0;
      while (off < buf.length) {
        const { bytesWritten } = await fh.write(buf, off, buf.length - off, at + off);
        off += bytesWritten;
      }
    })().catch((err: unknown) => {
      this.writeFailure ??= err;
    });
    const inflated = this.verifier ? this.verifier.write(buf) : Promise.resolve();
    this.busy[this.current] = Promise.all([written, inflated]).then(() => undefined);
    this.current = (this.current + 1) % this.buffers.length;
    this.filled = 0;
  }

  private failure(): unknown {
    return this.writeFailure ?? this.verifier?.error;
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (error?: Error | null) => void): void {
    this.received += chunk.length;
    if (this.received > this.descriptor.size) {
      cb(
        new SizeMismatchError(
          this.label,
          this.descriptor.digest,
          this.descriptor.size,
          this.received,
          true,
        ),
      );
      return;
    }
    this.hash.update(chunk);
    void this.stage(chunk).then(
      () => cb((this.failure() as Error | undefined) ?? null),
      (err: Error) => cb(err),
    );
  }

  private async stage(chunk: Buffer): Promise<void> {
    let off = 0;
    while (off < chunk.length) {
      if (this.filled === 0) await this.busy[this.current];
      const target = this.buffers[this.current] as Buffer;
      const n = chunk.copy(target, this.filled, off);
      off += n;
      this.filled += n;
      if (this.filled === target.length) this.flushCurrent();
    }
  }

  override _final(cb: (error?: Error | null) => void): void {
    void this.finish().then(
      () => cb(),
      (err: Error) => cb(err),
    );
  }

  private async finish(): Promise<void> {
    this.flushCurrent();
    await Promise.all(this.busy);
    if (this.writeFailure !== undefined) throw this.writeFailure;
    if (this.received !== this.descriptor.size) {
      throw new SizeMismatchError(
        this.label,
        this.descriptor.digest,
        this.descriptor.size,
        this.received,
        false,
      );
    }
    const actual = `sha256:${this.hash.digest('hex')}`;
    if (actual !== this.descriptor.digest) {
      throw new DigestMismatchError(this.label, this.descriptor.digest, actual);
    }
    if (this.verifier) this.facts = await this.verifier.end();
    await (this.fh as FileHandle).close();
    this.fh = undefined;
  }

  override _destroy(err: Error | null, cb: (error?: Error | null) => void): void {
    this.verifier?.destroy();
    const fh = this.fh;
    this.fh = undefined;
    void Promise.all(this.busy)
      .then(() => fh?.close())
      .then(
        () => cb(err),
        () => cb(err),
      );
  }
}

/** What staging a blob gave: the temporary file and, when asked, the content facts. */
export interface StagedFile {
  path: string;
  facts?: ContentFacts;
}

/**
 * Streams a blob into a new file at `tempPath` (which must not exist), verifying its size and
 * digest and, with `contentSource`, its gzip content (see GzipContentVerifier). Resolves once
 * everything matched; on any failure the file is removed and the error rethrown.
 */
export async function stageVerifiedFile(
  stream: Readable,
  descriptor: Descriptor,
  tempPath: string,
  label: BlobLabel = { mediaType: descriptor.mediaType },
  contentSource?: string,
): Promise<StagedFile> {
  if (!isDigest(descriptor.digest)) {
    throw new ArtifactError(
      `cannot verify ${label.name ?? descriptor.mediaType}: ${JSON.stringify(descriptor.digest)} is not a sha256 digest`,
    );
  }
  const sink = new StagingSink(descriptor, tempPath, label, contentSource);
  try {
    await pipeline(stream, sink);
    return { path: tempPath, ...(sink.facts ? { facts: sink.facts } : {}) };
  } catch (err) {
    stream.destroy();
    // the file may still be opening: wait until the sink is closed before deciding on it
    sink.destroy();
    if (!sink.closed) await new Promise((resolve) => sink.once('close', resolve));
    if (sink.created) await rm(tempPath, { force: true });
    throw err;
  }
}
