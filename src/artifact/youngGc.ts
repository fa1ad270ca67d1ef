import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Young-generation GCs paced by the bytes of short-lived buffers a streaming pass goes through:
 * what keeps the pull (and the push's packaging pass) within 100 MB of peak RSS under Node 24.
 *
 * Why. A blob streams through buffers that live for a moment: the socket reads node's HTTP parser
 * slices the body chunks from (up to 64 KiB each) and zlib's fresh inflate outputs. Their memory
 * is outside V8's heap and is freed only when a GC finds the buffer objects dead. Under Node 20
 * the scavenges V8 runs on its own come often enough; under Node 24 (V8 13) they do not: the dead
 * buffers pile up until the external-memory trigger forces a mark-compact, and malloc's heap keeps
 * the high-water mark.
 *
 * What. A minor GC (a scavenge: cheap on this small heap) every GC_EVERY_BYTES of such buffers
 * frees them while they are still young. A buffer must die before its second scavenge, though: a
 * survivor is promoted, and then only a mark-compact frees it. So the stages between socket,
 * zlib and file buffer STAGE_HIGH_WATER_MARK each, and a stream pass waits for
 * MIN_STREAMED_BYTES of the stream between two GCs (YoungGcPacer). Neither malloc nor V8 flags,
 * nor major GCs at the same pace, nor scavenges with larger stage buffers did the same; the
 * measurements are in BENCHMARKS.md ("Memory under Node 24").
 *
 * gc() is what --expose-gc gives; it is taken at run time (the runner starts `node` without
 * flags). Where V8 does not give it, or it throws, pacing does nothing and nothing else changes.
 */

/** A minor GC every this many bytes of buffers (streamed and scratch together). */
export const GC_EVERY_BYTES = 4 * 1024 * 1024;

/**
 * What each stage of a streaming pass (response body, verifying transform, zlib backlog, file
 * write) may buffer: enough that the socket keeps reading while a file write runs, and small
 * against MIN_STREAMED_BYTES, so a chunk is gone before its second scavenge (larger stages let
 * chunks be promoted, smaller ones saved no memory: BENCHMARKS.md).
 */
export const STAGE_HIGH_WATER_MARK = 128 * 1024;

/**
 * Streamed bytes between two GCs at least: four stage buffers, so the chunks in flight at one
 * scavenge are gone by the next.
 */
export const MIN_STREAMED_BYTES = 512 * 1024;

/**
 * Every this many GCs, a major one (every 256 MiB of buffers): it frees what was promoted all the
 * same (a chunk that was in flight longer than usual, stream bookkeeping) before old space grows
 * into a larger heap. Of 32, 64 and 128, 64 kept the long pulls' peak lowest (BENCHMARKS.md).
 */
export const MAJOR_EVERY = 64;

/** V8's gc() with the options this module uses. */
export type GcFunction = (options: { type: 'minor' | 'major' }) => void;

/**
 * V8's gc(): the global one when the process was started with --expose-gc, else one taken from a
 * fresh context with the flag set for that moment; undefined when V8 gives none.
 */
export function exposeGc(): GcFunction | undefined {
  const global = (globalThis as { gc?: unknown }).gc;
  if (typeof global === 'function') return global as GcFunction;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
    return typeof gc === 'function' ? (gc as GcFunction) : undefined;
  } catch {
    return undefined;
  } finally {
    try {
      setFlagsFromString('--no-expose-gc');
    } catch {
      // the flag only affects contexts created later; nothing depends on resetting it
    }
  }
}

let exposed: GcFunction | null | undefined;

/** exposeGc(), taken once per process (null: V8 gave none). */
function sharedGc(): GcFunction | undefined {
  if (exposed === undefined) exposed = exposeGc() ?? null;
  return exposed ?? undefined;
}

/** How a pacer paces (see YoungGcPacer). */
export interface PacerOptions {
  /** a minor GC every this many bytes of buffers, streamed and scratch together */
  everyBytes?: number;
  /** ...but only once this many streamed bytes passed since the last one */
  minStreamedBytes?: number;
  /** every this many GCs, a major one instead */
  majorEvery?: number;
}

/**
 * Counts the buffer bytes of one streaming pass and runs a minor GC every `everyBytes` of them
 * (every `majorEvery`-th a major one).
 * Two kinds: `streamed` chunks travel through the stages (socket to file) and stay in flight
 * for up to a few STAGE_HIGH_WATER_MARKs; `scratch` buffers (inflate output) die as soon as they
 * are hashed. A streamed chunk that lives through two scavenges is promoted, and then only a
 * mark-compact frees it, so with `minStreamedBytes` a GC also waits until that many streamed
 * bytes passed since the last one: with highly compressible data the inflate output alone would
 * otherwise call for a scavenge every few hundred KiB of the stream, before the chunks in flight
 * died (BENCHMARKS.md).
 */
export class YoungGcPacer {
  private total = 0;
  /** GCs run so far */
  private count = 0;
  private streamedSince = 0;
  private gc: GcFunction | undefined;
  readonly everyBytes: number;
  readonly minStreamedBytes: number;
  readonly majorEvery: number;

  /** `gc`: the default is V8's (exposeGc); undefined makes a pacer that does nothing. */
  constructor(options: PacerOptions = {}, gc: GcFunction | undefined = sharedGc()) {
    this.gc = gc;
    this.everyBytes = options.everyBytes ?? GC_EVERY_BYTES;
    this.minStreamedBytes = options.minStreamedBytes ?? 0;
    this.majorEvery = options.majorEvery ?? MAJOR_EVERY;
  }

  /** `bytes` more of the stream itself (chunks that pass through every stage). */
  streamed(bytes: number): void {
    this.streamedSince += bytes;
    this.add(bytes);
  }

  /** `bytes` more of scratch buffers that die once used (inflate output). */
  scratch(bytes: number): void {
    this.add(bytes);
  }

  private add(bytes: number): void {
    if (this.gc === undefined) return;
    this.total += bytes;
    if (this.total < this.everyBytes || this.streamedSince < this.minStreamedBytes) return;
    this.total = 0;
    this.streamedSince = 0;
    this.count += 1;
    try {
      this.gc({ type: this.count % this.majorEvery === 0 ? 'major' : 'minor' });
    } catch {
      this.gc = undefined;
    }
  }
}

/** The pacer of a pass whose stream chunks travel through the stages (a blob download). */
export function streamPacer(): YoungGcPacer {
  return new YoungGcPacer({ minStreamedBytes: MIN_STREAMED_BYTES });
}
