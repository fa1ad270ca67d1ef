import { stat, type FileHandle, open } from 'node:fs/promises';
import type { BigIntStats } from 'node:fs';
import { GzipContentVerifier, checkContent } from './content.js';
import { READ_CHUNK_SIZE } from './digest.js';
import { ExportError } from './errors.js';
import type { DeclaredContent } from './snapshot.js';
import type { BlobCheck, BlobGate, ContentFacts, Descriptor, GatedContent } from './types.js';

/** Reused read buffers of checkFile (a buffer is read into again once the check released it). */
const CHECK_BUFFERS = 4;

/**
 * Which version of a file is on disk, without reading it: any write moves its mtime and ctime
 * (nanoseconds; ctime cannot be set back by a user), a replacement changes its inode.
 */
export interface FileIdentity {
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
}

function identityOf(s: BigIntStats): FileIdentity {
  return { dev: s.dev, ino: s.ino, size: s.size, mtimeNs: s.mtimeNs, ctimeNs: s.ctimeNs };
}

function sameVersion(a: FileIdentity, b: FileIdentity): boolean {
  return (
    a.dev === b.dev &&
    a.ino === b.ino &&
    a.size === b.size &&
    a.mtimeNs === b.mtimeNs &&
    a.ctimeNs === b.ctimeNs
  );
}

/** The identity of the file at `path` now (take it before the read that hashes it). */
export async function fileIdentity(path: string): Promise<FileIdentity> {
  return identityOf(await stat(path, { bigint: true }));
}

/**
 * The content check of cache.jsonl.gz against manifest.json as the gate of its upload: the
 * registry client feeds each pass the bytes it sends (GzipContentVerifier inflates them on zlib's
 * thread pool) and holds back the last of them until `verdict()`. When the registry has the blob
 * already, `checkFile()` reads the file once for its content; the bytes it checked are the ones
 * packaging hashed when the file's identity (inode, size, mtime, ctime) is the one taken before
 * that hashing read, so the file is not hashed a second time. Each pass that passes records the
 * facts (the action's log line); checkContent's warnings (fields absent from manifest.json) are
 * given once, to the packaging's warning callback.
 */
export class CacheContentGate implements BlobGate, GatedContent {
  private found: ContentFacts | undefined;

  constructor(
    private readonly path: string,
    /** the digest and size packaging found: what the registry is told it gets */
    private readonly descriptor: Descriptor,
    /** the file's identity before packaging hashed it */
    private readonly identity: FileIdentity,
    private readonly declared: DeclaredContent,
    /** the file's name in messages */
    private readonly source: string,
    private readonly warn: (message: string) => void,
  ) {}

  get facts(): ContentFacts | undefined {
    return this.found;
  }

  start(): BlobCheck {
    const verifier = new GzipContentVerifier(this.source);
    return {
      write: (chunk) => verifier.write(chunk),
      get failed() {
        return verifier.error !== undefined;
      },
      verdict: async () => this.passed(await verifier.end()),
      abort: () => verifier.destroy(),
    };
  }

  async checkFile(): Promise<void> {
    const check = this.start();
    let read: { bytes: number; identity: FileIdentity };
    try {
      read = await feedFile(this.path, check);
    } catch (error) {
      check.abort();
      throw error;
    }
    if (!sameVersion(read.identity, this.identity)) {
      check.abort();
      throw new ExportError(
        this.path,
        `${this.path} changed after it was packaged (it is not the file whose digest ${this.descriptor.digest} was pushed); wait for the export to finish and run again`,
      );
    }
    await check.verdict();
  }

  /** Compares the facts with manifest.json (a ContentMismatchError names the field) and keeps them. */
  private passed(facts: ContentFacts): void {
    const checked = checkContent(this.declared, facts, this.source);
    if (this.found === undefined) for (const message of checked.warnings) this.warn(message);
    this.found = facts;
  }
}

/**
 * Reads the file at `path` once into `check` (stopping early when it failed), with reused
 * buffers; returns the bytes read and the file's identity after the read.
 */
async function feedFile(
  path: string,
  check: BlobCheck,
): Promise<{ bytes: number; identity: FileIdentity }> {
  const fh = await open(path, 'r');
  const buffers = Array.from({ length: CHECK_BUFFERS }, () =>
    Buffer.allocUnsafeSlow(READ_CHUNK_SIZE),
  );
  const released: Promise<void>[] = buffers.map(() => Promise.resolve());
  let bytes = 0;
  try {
    for (let turn = 0; !check.failed; turn = (turn + 1) % CHECK_BUFFERS) {
      await released[turn];
      const chunk = await readAt(fh, buffers[turn] as Buffer, bytes);
      if (chunk === undefined) break;
      bytes += chunk.length;
      released[turn] = check.write(chunk);
    }
    await Promise.all(released);
    return { bytes, identity: identityOf(await fh.stat({ bigint: true })) };
  } finally {
    await fh.close();
  }
}

async function readAt(
  fh: FileHandle,
  buffer: Buffer,
  position: number,
): Promise<Buffer | undefined> {
  const { bytesRead } = await fh.read(buffer, 0, buffer.length, position);
  return bytesRead === 0 ? undefined : buffer.subarray(0, bytesRead);
}
