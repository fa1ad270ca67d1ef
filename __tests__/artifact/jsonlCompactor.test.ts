import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { JsonlContentHash } from '../../src/artifact/content.js';
import { COMPACT_CAPACITY, createJsonlCompactor } from '../../src/artifact/jsonlCompactor.js';

/**
 * LEI's reading, written plainly: `String.split("\n", trim: true)` keeps the non-empty lines, and
 * Poison fails on (so the importer drops) a line of only space, tab and CR.
 */
function leiModel(jsonl: Buffer): { entries: number; contentHash: string } {
  const lines = jsonl.toString('latin1').split('\n');
  return {
    entries: lines.filter((l) => l !== '' && !/^[ \t\r]*$/.test(l)).length,
    contentHash: createHash('sha256').update(lines.join(''), 'latin1').digest('hex'),
  };
}

/** A small deterministic PRNG (mulberry32), so a failing case can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Bytes from a few kinds of run: report bytes, `\n` runs, blank runs, long lines. */
function randomJsonl(rnd: () => number, size: number): Buffer {
  const out = Buffer.alloc(size);
  let i = 0;
  while (i < size) {
    const kind = rnd();
    const run = kind < 0.1 ? 40 + Math.floor(rnd() * 300) : 1 + Math.floor(rnd() * 40);
    const alphabet =
      kind < 0.4 ? '{"a":1}' : kind < 0.6 ? '\n' : kind < 0.8 ? ' \t\r' : '\n \r\t{x';
    for (let k = 0; k < run && i < size; k++, i++)
      out[i] = alphabet.charCodeAt(Math.floor(rnd() * alphabet.length));
  }
  return out;
}

function feed(engine: 'auto' | 'scalar', jsonl: Buffer, pieces: number[]) {
  const content = new JsonlContentHash(engine);
  let at = 0;
  for (const size of pieces) {
    content.update(jsonl.subarray(at, at + size));
    at += size;
  }
  content.update(jsonl.subarray(at));
  return { ...content.digest(), rawSize: content.rawSize };
}

describe('JsonlContentHash (the compaction engines against LEI reading)', () => {
  it('runs on WebAssembly here (the fast engine is the one under test)', () => {
    expect(createJsonlCompactor().engine).toBe('webassembly');
    expect(createJsonlCompactor('scalar').engine).toBe('javascript');
  });

  for (const engine of ['auto', 'scalar'] as const) {
    it(`${engine}: counts and hashes random JSONL as LEI does, however it is cut`, () => {
      for (let seed = 1; seed <= 60; seed++) {
        const rnd = prng(seed);
        const jsonl = randomJsonl(
          rnd,
          seed % 10 === 0 ? COMPACT_CAPACITY + 4099 : 1 + Math.floor(rnd() * 3000),
        );
        const pieces = Array.from({ length: 6 }, () =>
          Math.floor(rnd() * (rnd() < 0.5 ? 20 : 2000)),
        );
        const got = feed(engine, jsonl, pieces);
        expect(got, `seed ${seed}`).toEqual({ ...leiModel(jsonl), rawSize: jsonl.length });
      }
    });

    it(`${engine}: takes a piece bigger than its buffer and lines across pieces`, () => {
      const line = `{"r":"${'x'.repeat(997)}"}\n`;
      const jsonl = Buffer.from(line.repeat(Math.ceil((3 * COMPACT_CAPACITY) / line.length)));
      expect(feed(engine, jsonl, [17, 2 * COMPACT_CAPACITY + 5])).toEqual({
        ...leiModel(jsonl),
        rawSize: jsonl.length,
      });
    });

    it(`${engine}: the cases at the edge of a sixteen-byte step`, () => {
      const cases = [
        '',
        '\n',
        '\n\n\n',
        ' \n\t\n\r\n',
        'a',
        `${'a'.repeat(15)}\n${'b'.repeat(16)}\n${'c'.repeat(17)}`,
        `${' '.repeat(15)}x\n${' '.repeat(16)}\n${' '.repeat(31)}y`,
        `${'\n'.repeat(17)}z${'\n'.repeat(15)}`,
        `{"a":1}\r\n{"b":2}\r\n`,
      ];
      for (const text of cases) {
        const jsonl = Buffer.from(text, 'latin1');
        expect(feed(engine, jsonl, []), JSON.stringify(text)).toEqual({
          ...leiModel(jsonl),
          rawSize: jsonl.length,
        });
      }
    });
  }
});
