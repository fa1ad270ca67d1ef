import { createHash, type Hash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { createGunzip, type Gunzip, type ZlibOptions } from 'node:zlib';
import { READ_CHUNK_SIZE } from './digest.js';
import { ContentMismatchError } from './errors.js';
import type { DeclaredContent } from './snapshot.js';
import { COMPACT_CAPACITY, createJsonlCompactor, type JsonlCompactor } from './jsonlCompactor.js';
import type { ContentFacts } from './types.js';
import { YoungGcPacer } from './youngGc.js';

/**
 * Content verification of cache.jsonl.gz against its manifest.json, in the same single pass that
 * hashes the compressed bytes for the blob digest. zlib inflates on libuv's thread pool while the
 * main thread hashes: the compressed bytes (blob digest) and the inflated reports without their
 * `\n` separators (LEI's content_hash), and counts bytes and entries (jsonlCompactor.ts: which
 * lines are entries, as LEI's importer reads them).
 */

/** inflate output piece: big enough to keep the per-piece overhead small. */
const INFLATE_CHUNK = 256 * 1024;

/**
 * LEI's content_hash and entry count of JSONL fed in pieces: each piece is compacted (its `\n`
 * removed) through a fixed buffer a part at a time, and the hash takes each part's compacted
 * bytes in one update, so the cost is per byte whatever the length of the lines.
 */
export class JsonlContentHash {
  private readonly hash: Hash = createHash('sha256');
  private readonly compactor: JsonlCompactor;
  private raw = 0;

  constructor(engine?: 'auto' | 'scalar') {
    this.compactor = createJsonlCompactor(engine);
  }

  update(piece: Uint8Array): void {
    const { input, output } = this.compactor;
    for (let at = 0; at < piece.length; at += COMPACT_CAPACITY) {
      const part = piece.subarray(at, at + COMPACT_CAPACITY);
      input.set(part);
      this.hash.update(output.subarray(0, this.compactor.compact(part.length)));
    }
    this.raw += piece.length;
  }

  /** Bytes taken so far, `\n` included. */
  get rawSize(): number {
    return this.raw;
  }

  /** The entry count and LEI's content_hash (lowercase hex); call once, at the end. */
  digest(): { entries: number; contentHash: string } {
    return { entries: this.compactor.entries, contentHash: this.hash.digest('hex') };
  }
}

function describeZlibError(err: NodeJS.ErrnoException, afterFirstMember: boolean): string {
  const m = err.message;
  if (/incorrect data check/.test(m)) {
    return 'a gzip member fails its CRC-32 check (the compressed data is damaged)';
  }
  if (/incorrect length check/.test(m)) {
    return 'a gzip member fails its ISIZE check (the uncompressed length in its trailer differs)';
  }
  if (/unexpected end of file/.test(m)) {
    return 'the gzip data ends in the middle of a member (the file is truncated)';
  }
  if (afterFirstMember && /header check|unknown compression method/.test(m)) {
    return 'bytes after the last gzip member are not gzip data (trailing junk)';
  }
  return `the gzip data is damaged (zlib: ${m})`;
}

/**
 * A streaming verifier for the bytes of cache.jsonl.gz. Feed it the compressed bytes in order with
 * `write`, then call `end` for the facts. It does not hash the compressed bytes (the caller's blob
 * digest does that in the same pass).
 */
export class GzipContentVerifier {
  private readonly gunzip: Gunzip;
  private readonly content = new JsonlContentHash();
  private readonly source: string;
  private compressed = 0;
  private failure: ContentMismatchError | undefined;
  /** whether the data starts 1f 8b: then a header error can only come from a later member */
  private startsWithMagic = false;
  private readonly ended: Promise<void>;
  /**
   * Resolvers of write() promises not yet settled, oldest first (zlib calls back in write order);
   * a failed or destroyed zlib stream may never call back, so release() settles the rest. An
   * array, not a Set: a Set of callbacks kept the written chunks alive past their first scavenge
   * under Node 24, so they were promoted and piled up (youngGc.ts).
   */
  private readonly waiting: (() => void)[] = [];
  /** minor GCs paced by the bytes inflated (youngGc.ts: memory under Node 24) */
  private readonly young: YoungGcPacer;

  /** `young`: the pacer of the pass this verifier is part of (default: its own). */
  constructor(source: string, young = new YoungGcPacer()) {
    this.source = source;
    this.young = young;
    this.gunzip = createGunzip({
      chunkSize: INFLATE_CHUNK,
      writableHighWaterMark: READ_CHUNK_SIZE,
      readableHighWaterMark: 4 * INFLATE_CHUNK,
      // zlib streams take the Transform options too; @types/node leaves them out of ZlibOptions
    } as ZlibOptions);
    // 'readable' (not 'data'): zlib's next inflate step is queued on the thread pool before the
    // main thread takes the output, so inflating and hashing overlap.
    this.gunzip.on('readable', () => {
      let piece: Buffer | null;
      while ((piece = this.gunzip.read() as Buffer | null) !== null) this.consume(piece);
    });
    this.ended = new Promise<void>((resolve) => {
      this.gunzip.once('end', resolve);
      this.gunzip.once('error', (err: NodeJS.ErrnoException) => {
        this.failure ??= new ContentMismatchError(
          this.source,
          'gzip',
          `${this.source} is not intact: ${describeZlibError(err, this.startsWithMagic)}`,
          { cause: err },
        );
        this.release();
        resolve();
      });
    });
  }

  private consume(piece: Buffer): void {
    this.content.update(piece);
    this.young.scratch(piece.length);
  }

  /** The first failure found so far (so a stream can stop early), or undefined. */
  get error(): ContentMismatchError | undefined {
    return this.failure;
  }

  /** Compressed bytes accepted but not yet inflated. */
  get backlog(): number {
    return this.gunzip.writableLength;
  }

  /**
   * Feeds the next compressed bytes. The promise resolves (never rejects) once zlib has consumed
   * the chunk, so its buffer may be reused; failures surface through `error` and `end`.
   */
  write(chunk: Buffer): Promise<void> {
    if (this.compressed === 0 && chunk.length > 0) this.startsWithMagic = chunk[0] === 0x1f;
    if (this.compressed === 1 && chunk.length > 0) this.startsWithMagic &&= chunk[0] === 0x8b;
    else if (this.compressed === 0 && chunk.length > 1) this.startsWithMagic &&= chunk[1] === 0x8b;
    this.compressed += chunk.length;
    if (this.failure !== undefined || this.gunzip.destroyed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.gunzip.write(chunk, () => this.waiting.shift()?.());
    });
  }

  private release(): void {
    for (const done of this.waiting.splice(0)) done();
  }

  /** Ends the input; resolves with the facts, or rejects with a ContentMismatchError. */
  async end(): Promise<ContentFacts> {
    if (this.compressed === 0) {
      this.destroy();
      throw new ContentMismatchError(
        this.source,
        'gzip',
        `${this.source} is not intact: it is empty, not gzip data (LEI writes one gzip member even for no reports)`,
        { expected: 'one gzip member', actual: '0 bytes' },
      );
    }
    if (this.failure === undefined) this.gunzip.end();
    await this.ended;
    if (this.failure !== undefined) throw this.failure;
    const trailing = this.compressed - this.gunzip.bytesWritten;
    if (trailing !== 0) {
      throw new ContentMismatchError(
        this.source,
        'gzip',
        `${this.source} is not intact: ${trailing} byte(s) follow the last gzip member (LEI writes one member and nothing after it)`,
        { expected: '0 trailing bytes', actual: `${trailing} trailing bytes` },
      );
    }
    return {
      compressedSize: this.compressed,
      rawSize: this.content.rawSize,
      ...this.content.digest(),
    };
  }

  /** Stops inflating (after a failure elsewhere). */
  destroy(): void {
    this.gunzip.destroy();
    this.release();
  }
}

/** A warning for each field manifest.json leaves out (or writes in a form that cannot be checked). */
function uncheckedFields(declared: DeclaredContent, facts: ContentFacts): string[] {
  const warnings: string[] = [];
  if (declared.entryCount === undefined) {
    warnings.push(
      `manifest.json has no "entry_count" (an older exporter?); using the ${facts.entries} entries counted in cache.jsonl.gz`,
    );
  }
  if (declared.rawSize === undefined) {
    warnings.push(`manifest.json has no "raw_size"; the uncompressed size was not checked`);
  }
  if (declared.compressedSize === undefined) {
    warnings.push(`manifest.json has no "compressed_size"; the file's size was not checked`);
  }
  if (declared.contentHash === undefined) {
    warnings.push(
      declared.otherContentHash !== undefined
        ? `manifest.json has "content_hash" ${JSON.stringify(declared.otherContentHash)}, not in LEI's form (64 lowercase hex digits of the SHA-256 of the reports without their newlines); it was not verified`
        : `manifest.json has no "content_hash"; the reports' hash was not checked`,
    );
  }
  return warnings;
}

/**
 * Compares what a pass found with what manifest.json declares. A mismatch throws a
 * ContentMismatchError naming the field with the expected and actual values; a field that is
 * absent (older exporters) or in another form gives a warning. Returns the entry count to publish
 * (the declared one, or the counted entries when the field is absent).
 */
export function checkContent(
  declared: DeclaredContent,
  facts: ContentFacts,
  source: string,
): { entryCount: number; warnings: string[] } {
  const mismatch = (field: string, expected: string, actual: string, what: string): never => {
    throw new ContentMismatchError(
      source,
      field,
      `${source} does not match its manifest.json: "${field}" is ${expected} but ${what} ${actual}; the cache is damaged or the files come from different exports`,
      { expected, actual },
    );
  };
  if (declared.compressedSize !== undefined && declared.compressedSize !== facts.compressedSize) {
    mismatch(
      'compressed_size',
      String(declared.compressedSize),
      String(facts.compressedSize),
      'cache.jsonl.gz has',
    );
  }
  if (declared.entryCount !== undefined && declared.entryCount !== facts.entries) {
    mismatch(
      'entry_count',
      String(declared.entryCount),
      `${facts.entries} entries`,
      'the JSONL has',
    );
  }
  if (declared.rawSize !== undefined && declared.rawSize !== facts.rawSize) {
    mismatch(
      'raw_size',
      String(declared.rawSize),
      `${facts.rawSize} bytes`,
      'the uncompressed JSONL has',
    );
  }
  if (declared.contentHash !== undefined && declared.contentHash !== facts.contentHash) {
    mismatch('content_hash', declared.contentHash, facts.contentHash, 'the reports hash to');
  }
  return {
    entryCount: declared.entryCount ?? facts.entries,
    warnings: uncheckedFields(declared, facts),
  };
}

/**
 * Reads a cache.jsonl.gz file once: its sha256 digest and size, and (with `verify`) the content
 * facts. Four 1 MiB buffers are reused for the whole file; a buffer is read again only after
 * zlib consumed it, so reading, inflating and hashing overlap without per-chunk garbage.
 */
export async function digestCacheFile(
  path: string,
  verify: boolean,
  source = path,
): Promise<{ digest: string; size: number; facts?: ContentFacts }> {
  const digest = createHash('sha256');
  const verifier = verify ? new GzipContentVerifier(source) : undefined;
  const fh = await open(path, 'r');
  const buffers = Array.from({ length: 4 }, () => Buffer.allocUnsafeSlow(READ_CHUNK_SIZE));
  const busy: Promise<void>[] = buffers.map(() => Promise.resolve());
  let size = 0;
  let turn = 0;
  let pending: Promise<{ bytesRead: number; buffer: Buffer }> | undefined;
  try {
    pending = fh.read(buffers[0] as Buffer, 0, READ_CHUNK_SIZE, 0);
    for (;;) {
      const { bytesRead, buffer } = await pending;
      pending = undefined;
      if (bytesRead === 0) break;
      const current = turn;
      size += bytesRead;
      turn = (turn + 1) % buffers.length;
      await busy[turn];
      pending = fh.read(buffers[turn] as Buffer, 0, READ_CHUNK_SIZE, size);
      const chunk = bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
      digest.update(chunk);
      if (verifier) {
        if (verifier.error) break;
        busy[current] = verifier.write(chunk);
      }
    }
    const facts = verifier ? await verifier.end() : undefined;
    return {
      digest: `sha256:${digest.digest('hex')}`,
      size,
      ...(facts ? { facts } : {}),
    };
  } catch (err) {
    verifier?.destroy();
    throw err;
  } finally {
    await pending?.catch(() => undefined);
    await Promise.all(busy);
    await fh.close();
  }
}
