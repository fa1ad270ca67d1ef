import { createHash, randomBytes } from 'node:crypto';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GzipContentVerifier } from '../../src/artifact/content.js';
import { VerifyingTransform } from '../../src/artifact/verify.js';
import {
  GC_EVERY_BYTES,
  MAJOR_EVERY,
  MIN_STREAMED_BYTES,
  STAGE_HIGH_WATER_MARK,
  YoungGcPacer,
  exposeGc,
  streamPacer,
  type GcFunction,
} from '../../src/artifact/youngGc.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/** A stand-in for V8's gc() that records its calls. */
function recordingGc(): GcFunction & { calls: unknown[] } {
  const calls: unknown[] = [];
  const gc = ((options: unknown) => {
    calls.push(options);
  }) as GcFunction & { calls: unknown[] };
  gc.calls = calls;
  return gc;
}

describe('YoungGcPacer', () => {
  it('runs a minor GC every everyBytes of buffers, counting streamed and scratch bytes together', () => {
    const gc = recordingGc();
    const pacer = new YoungGcPacer({ everyBytes: 1 * MiB }, gc);
    for (let i = 0; i < 64; i++) pacer.scratch(64 * KiB); // 4 MiB
    expect(gc.calls).toEqual([
      { type: 'minor' },
      { type: 'minor' },
      { type: 'minor' },
      { type: 'minor' },
    ]);
    for (let i = 0; i < 8; i++) pacer.streamed(64 * KiB);
    for (let i = 0; i < 7; i++) pacer.scratch(64 * KiB);
    expect(gc.calls).toHaveLength(4); // 960 KiB since the last one
    pacer.scratch(64 * KiB);
    expect(gc.calls).toHaveLength(5);
  });

  it('waits for minStreamedBytes of the stream however much scratch memory passes', () => {
    const gc = recordingGc();
    const pacer = new YoungGcPacer({ everyBytes: 1 * MiB, minStreamedBytes: 512 * KiB }, gc);
    // highly compressible data: 64 KiB of the stream inflate to 2 MiB
    for (let i = 0; i < 7; i++) {
      pacer.streamed(64 * KiB);
      pacer.scratch(2 * MiB);
    }
    expect(gc.calls).toHaveLength(0);
    pacer.streamed(64 * KiB); // 512 KiB streamed
    expect(gc.calls).toHaveLength(1);
    pacer.scratch(2 * MiB);
    expect(gc.calls).toHaveLength(1);
  });

  it('makes every majorEvery-th GC a major one', () => {
    const gc = recordingGc();
    const pacer = new YoungGcPacer({ everyBytes: 1024, majorEvery: 3 }, gc);
    for (let i = 0; i < 7; i++) pacer.scratch(1024);
    expect(gc.calls.map((c) => (c as { type: string }).type)).toEqual([
      'minor',
      'minor',
      'major',
      'minor',
      'minor',
      'major',
      'minor',
    ]);
    expect(new YoungGcPacer({}, gc).majorEvery).toBe(MAJOR_EVERY);
  });

  it('does nothing without a gc function', () => {
    const pacer = new YoungGcPacer({ everyBytes: 1 }, undefined);
    expect(() => {
      pacer.streamed(10 * MiB);
      pacer.scratch(10 * MiB);
    }).not.toThrow();
  });

  it('stops calling a gc function that throws, and never throws itself', () => {
    let calls = 0;
    const pacer = new YoungGcPacer({ everyBytes: 1 }, () => {
      calls++;
      throw new Error('no gc here');
    });
    expect(() => {
      for (let i = 0; i < 5; i++) pacer.scratch(1);
    }).not.toThrow();
    expect(calls).toBe(1);
  });

  it('keeps the stages small against the pacing (a chunk must die before its second scavenge)', () => {
    expect(4 * STAGE_HIGH_WATER_MARK).toBeLessThanOrEqual(MIN_STREAMED_BYTES);
    expect(MIN_STREAMED_BYTES).toBeLessThanOrEqual(GC_EVERY_BYTES);
    expect(streamPacer().minStreamedBytes).toBe(MIN_STREAMED_BYTES);
  });
});

describe('exposeGc', () => {
  it("gives V8's gc() at run time, and a pacer with it runs real scavenges", async () => {
    const gc = exposeGc();
    expect(typeof gc).toBe('function');
    const kinds: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        kinds.push((entry as { detail?: { kind?: number } }).detail?.kind ?? -1);
    });
    observer.observe({ entryTypes: ['gc'] });
    try {
      const pacer = new YoungGcPacer({ everyBytes: MiB }, gc);
      for (let i = 0; i < 3; i++) pacer.scratch(MiB);
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      observer.disconnect();
    }
    const minor = kinds.filter((k) => k === constants.NODE_PERFORMANCE_GC_MINOR).length;
    expect(minor).toBeGreaterThanOrEqual(3);
  });

  it('leaves gc out of the global scope and of contexts made later', async () => {
    exposeGc();
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
    const { runInNewContext } = await import('node:vm');
    expect(runInNewContext('typeof gc')).toBe('undefined');
  });
});

describe('pacing in the streaming pass', () => {
  const jsonl = Buffer.from(
    Array.from(
      { length: 20000 },
      (_, i) => `{"n":${i},"p":"${randomBytes(90).toString('hex')}"}\n`,
    ).join(''),
  );
  const stored = gzipSync(jsonl, { level: 0 }); // inflates to about its own size

  it('counts what a GzipContentVerifier inflates', async () => {
    const gc = recordingGc();
    const v = new GzipContentVerifier(
      'cache.jsonl.gz',
      new YoungGcPacer({ everyBytes: 256 * KiB }, gc),
    );
    for (let i = 0; i < stored.length; i += 64 * KiB)
      void v.write(stored.subarray(i, i + 64 * KiB));
    const facts = await v.end();
    expect(facts.rawSize).toBe(jsonl.length);
    // inflate pieces do not end on 256 KiB boundaries: what passes a threshold starts the next count afresh
    expect(gc.calls.length).toBeGreaterThanOrEqual(Math.floor(jsonl.length / (512 * KiB)));
    expect(gc.calls.length).toBeLessThanOrEqual(Math.floor(jsonl.length / (256 * KiB)));
  });

  it('counts the streamed bytes and the inflated bytes of one pass in one pacer', async () => {
    const gc = recordingGc();
    const pacer = new YoungGcPacer({ everyBytes: 256 * KiB }, gc);
    const descriptor = {
      mediaType: 'application/vnd.lei.cache.jsonl+gzip',
      digest: `sha256:${createHash('sha256').update(stored).digest('hex')}`,
      size: stored.length,
    };
    const content = new GzipContentVerifier('cache.jsonl.gz', pacer);
    const parts: Buffer[] = [];
    for (let i = 0; i < stored.length; i += 64 * KiB) parts.push(stored.subarray(i, i + 64 * KiB));
    await pipeline(
      Readable.from(parts),
      new VerifyingTransform(descriptor, undefined, content, pacer),
      new Writable({ write: (_c, _e, cb) => cb() }),
    );
    const total = stored.length + jsonl.length;
    expect(gc.calls.length).toBeGreaterThanOrEqual(Math.floor(total / (512 * KiB)));
    expect(gc.calls.length).toBeLessThanOrEqual(Math.floor(total / (256 * KiB)));
    // more than the inflated bytes alone could have called for
    expect(gc.calls.length).toBeGreaterThan(Math.floor(jsonl.length / (256 * KiB)));
  });

  it('settles every pending write when zlib fails (the resolvers are released in order)', async () => {
    const gz = Buffer.from(stored);
    gz[13] = (gz[13] as number) ^ 0xff; // NLEN of the first stored block: zlib fails at once
    const v = new GzipContentVerifier('cache.jsonl.gz', new YoungGcPacer({}, undefined));
    const writes: Promise<void>[] = [];
    for (let i = 0; i < gz.length; i += 16 * KiB)
      writes.push(v.write(gz.subarray(i, i + 16 * KiB)));
    await Promise.all(writes);
    await expect(v.end()).rejects.toThrow(/not intact/);
  });

  it('settles every pending write when destroyed mid-way', async () => {
    const v = new GzipContentVerifier('cache.jsonl.gz', new YoungGcPacer({}, undefined));
    const writes: Promise<void>[] = [];
    for (let i = 0; i < stored.length; i += 16 * KiB)
      writes.push(v.write(stored.subarray(i, i + 16 * KiB)));
    v.destroy();
    await Promise.all(writes);
    expect(await v.write(stored.subarray(0, 10))).toBeUndefined();
  });
});
