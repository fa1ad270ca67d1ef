import { describe, expect, it } from 'vitest';
import { shrankBeyond, snapshotChange } from '../../src/artifact/index.js';

const repo = (n: number): string => `https://github.com/org/repo-${String(n).padStart(3, '0')}`;
const range = (from: number, to: number): string[] =>
  Array.from({ length: to - from }, (_, i) => repo(from + i));

describe('snapshotChange', () => {
  it('counts entries before and after and the repos added and dropped', () => {
    const change = snapshotChange(
      { date: '2026-11-21', entryCount: 10_240, repos: [repo(1), repo(2), repo(3)] },
      { date: '2026-11-22', entryCount: 10_251, repos: [repo(2), repo(3), repo(4), repo(5)] },
    );
    expect(change).toEqual({
      before: { date: '2026-11-21', entryCount: 10_240 },
      after: { date: '2026-11-22', entryCount: 10_251 },
      entryDelta: 11,
      added: { count: 2, names: [repo(4), repo(5)] },
      dropped: { count: 1, names: [repo(1)] },
    });
  });

  it('a shrink gives a negative delta; the same repos give nothing added or dropped', () => {
    const change = snapshotChange(
      { date: '2026-11-21', entryCount: 100, repos: [repo(1)] },
      { date: '2026-11-22', entryCount: 40, repos: [repo(1)] },
    );
    expect(change.entryDelta).toBe(-60);
    expect(change.added).toEqual({ count: 0, names: [] });
    expect(change.dropped).toEqual({ count: 0, names: [] });
  });

  it('sorts the names by code units, whatever the reports order or case, and counts each once', () => {
    const change = snapshotChange(
      { date: '2026-11-21', entryCount: 1, repos: [] },
      {
        date: '2026-11-22',
        entryCount: 5,
        repos: [
          'https://github.com/b/x',
          'https://github.com/B/x',
          'https://github.com/a/x',
          'https://github.com/b/x',
          'https://github.com/ä/x',
        ],
      },
    );
    expect(change.added).toEqual({
      count: 4,
      names: [
        'https://github.com/B/x',
        'https://github.com/a/x',
        'https://github.com/b/x',
        'https://github.com/ä/x',
      ],
    });
  });

  it('names at most 10 repos each way (the first in sorted order) and counts all of them', () => {
    const change = snapshotChange(
      { date: '2026-11-21', entryCount: 60, repos: range(0, 60) },
      { date: '2026-11-22', entryCount: 47, repos: range(23, 70).reverse() },
    );
    expect(change.added.count).toBe(10);
    expect(change.added.names).toEqual(range(60, 70));
    expect(change.dropped.count).toBe(23);
    expect(change.dropped.names).toEqual(range(0, 10));
  });

  it('takes another limit', () => {
    const change = snapshotChange(
      { date: '2026-11-21', entryCount: 0, repos: [] },
      { date: '2026-11-22', entryCount: 3, repos: range(0, 3) },
      2,
    );
    expect(change.added).toEqual({ count: 3, names: range(0, 2) });
  });
});

describe('shrankBeyond', () => {
  const change = (before: number, after: number): ReturnType<typeof snapshotChange> =>
    snapshotChange(
      { date: '2026-11-21', entryCount: before, repos: [] },
      { date: '2026-11-22', entryCount: after, repos: [] },
    );

  it('blocks only when strictly more than max-shrink percent of the entries were lost', () => {
    expect(shrankBeyond(change(10, 4), 50)).toBe(true);
    expect(shrankBeyond(change(10, 5), 50)).toBe(false);
    expect(shrankBeyond(change(10_240, 5_119), 50)).toBe(true);
    expect(shrankBeyond(change(10_240, 5_120), 50)).toBe(false);
    expect(shrankBeyond(change(3, 1), 66)).toBe(true);
    expect(shrankBeyond(change(3, 1), 67)).toBe(false);
  });

  it('max-shrink 0 blocks any loss; 100 never blocks; growth never blocks', () => {
    expect(shrankBeyond(change(10, 9), 0)).toBe(true);
    expect(shrankBeyond(change(10, 10), 0)).toBe(false);
    expect(shrankBeyond(change(10, 0), 100)).toBe(false);
    expect(shrankBeyond(change(10, 0), 99)).toBe(true);
    expect(shrankBeyond(change(10, 20), 0)).toBe(false);
  });

  it('a previous snapshot of 0 entries never blocks', () => {
    expect(shrankBeyond(change(0, 0), 0)).toBe(false);
  });
});
