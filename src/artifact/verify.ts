import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import type { GzipContentVerifier } from './content.js';
import type { ContentFacts } from './types.js';
import { isDigest } from './digest.js';
import { ArtifactError, DigestMismatchError, SizeMismatchError, type BlobLabel } from './errors.js';
import type { Descriptor } from './types.js';
import { STAGE_HIGH_WATER_MARK, streamPacer, type YoungGcPacer } from './youngGc.js';

/**
 * A pass-through that hashes and counts the bytes flowing through it and fails the stream when
 * they do not match the descriptor: as soon as more bytes than `size` arrive, or at the end when
 * the size or the sha256 digest differs. With a GzipContentVerifier it also checks the gzip
 * content in the same pass (failing as soon as the content is found damaged).
 */
export class VerifyingTransform extends Transform {
  readonly descriptor: Descriptor;
  readonly label: BlobLabel;
  private readonly hash: Hash = createHash('sha256');
  /** bytes seen so far */
  bytes = 0;
  /** checks the gzip content too, when given (cache.jsonl.gz) */
  private readonly content: GzipContentVerifier | undefined;
  /** what the content check found, once the stream ended */
  facts: ContentFacts | undefined;
  /** minor GCs paced by the bytes streamed (youngGc.ts: memory under Node 24) */
  private readonly young: YoungGcPacer;

  /** `young`: the pacer shared with `content` (default: a stream pacer of its own). */
  constructor(
    descriptor: Descriptor,
    label?: BlobLabel,
    content?: GzipContentVerifier,
    young: YoungGcPacer = streamPacer(),
  ) {
    // Enough buffering that the socket keeps reading while the file write runs, and no more, so
    // a chunk is freed by a scavenge (youngGc.ts).
    super({ highWaterMark: STAGE_HIGH_WATER_MARK });
    if (!isDigest(descriptor.digest)) {
      throw new ArtifactError(
        `cannot verify ${label?.name ?? descriptor.mediaType}: ${JSON.stringify(descriptor.digest)} is not a sha256 digest`,
      );
    }
    this.descriptor = descriptor;
    this.label = label ?? { mediaType: descriptor.mediaType };
    this.content = content;
    this.young = young;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.descriptor.size) {
      cb(this.sizeMismatch(true));
      return;
    }
    this.hash.update(chunk);
    this.young.streamed(chunk.length);
    const content = this.content;
    if (content === undefined) {
      cb(null, chunk);
      return;
    }
    // zlib inflates the chunk on the thread pool; wait for it only when it falls behind. A content
    // failure does not stop the stream: the digest is checked first at the end, so a corrupted
    // transfer is reported as such, and only intact bytes are judged by their content.
    const consumed = content.write(chunk);
    if (content.error === undefined && content.backlog > STAGE_HIGH_WATER_MARK) {
      void consumed.then(() => cb(null, chunk));
    } else {
      cb(null, chunk);
    }
  }

  override _flush(cb: TransformCallback): void {
    if (this.bytes !== this.descriptor.size) {
      cb(this.sizeMismatch(false));
      return;
    }
    const actual = `sha256:${this.hash.digest('hex')}`;
    if (actual !== this.descriptor.digest) {
      cb(new DigestMismatchError(this.label, this.descriptor.digest, actual));
      return;
    }
    if (this.content === undefined) {
      cb();
      return;
    }
    this.content.end().then(
      (facts) => {
        this.facts = facts;
        cb();
      },
      (err: Error) => cb(err),
    );
  }

  override _destroy(err: Error | null, cb: (error?: Error | null) => void): void {
    this.content?.destroy();
    cb(err);
  }

  /** `exceeded`: stopped as soon as the stream passed the expected size. */
  private sizeMismatch(exceeded: boolean): SizeMismatchError {
    const { digest, size } = this.descriptor;
    return new SizeMismatchError(this.label, digest, size, this.bytes, exceeded);
  }
}
