import { describe, expect, it } from 'vitest';
import {
  compareSnapshots,
  decideTag,
  isMovingTag,
  movesTag,
} from '../../../src/action/push/forward.js';
import type { TagTarget } from '../../../src/registry/types.js';

const D = (n: number): string => `sha256:${String(n).repeat(64).slice(0, 64)}`;
const ours = { digest: D(1), date: '2026-11-22', created: '2026-11-22T03:14:07Z' };
const snapshot = (digest: string, date: string, created: string): TagTarget => ({
  kind: 'snapshot',
  digest,
  date,
  created,
});

describe('isMovingTag', () => {
  it('date tags name one snapshot; latest, weekly and anything else move', () => {
    expect(isMovingTag('2026-11-22')).toBe(false);
    for (const tag of [
      'latest',
      'weekly',
      'nightly',
      'v1',
      '2026-w47',
      '2026-11-22-rc1',
      '20261122',
    ])
      expect(isMovingTag(tag), tag).toBe(true);
  });
});

describe('compareSnapshots', () => {
  it('orders by date first, whatever created says', () => {
    expect(
      compareSnapshots(
        { date: '2026-11-21', created: '2026-11-30T00:00:00Z' },
        { date: '2026-11-22', created: '2026-11-01T00:00:00Z' },
      ),
    ).toBe(-1);
    expect(
      compareSnapshots(
        { date: '2027-01-01', created: '2027-01-01T00:00:00Z' },
        { date: '2026-12-31', created: '2026-12-31T23:59:59Z' },
      ),
    ).toBe(1);
  });

  it('on the same date, the later created wins, compared as instants across offsets', () => {
    // 04:00+02:00 is 02:00Z, earlier than 03:14:07Z
    expect(
      compareSnapshots({ date: '2026-11-22', created: '2026-11-22T04:00:00+02:00' }, ours),
    ).toBe(-1);
    expect(compareSnapshots({ date: '2026-11-22', created: '2026-11-22T03:14:07.5Z' }, ours)).toBe(
      1,
    );
    expect(
      compareSnapshots({ date: '2026-11-22', created: '2026-11-22T05:14:07+02:00' }, ours),
    ).toBe(0);
  });

  it('an unreadable created counts as the start of its day', () => {
    expect(compareSnapshots({ date: '2026-11-22', created: 'yesterday' }, ours)).toBe(-1);
    expect(
      compareSnapshots(
        { date: '2026-11-22', created: '' },
        { date: '2026-11-22', created: '2026-11-22T00:00:00Z' },
      ),
    ).toBe(0);
  });
});

describe('decideTag', () => {
  it('creates a missing tag', () => {
    expect(decideTag({ kind: 'absent' }, ours, false)).toEqual({ action: 'create' });
  });

  it('the same snapshot again moves nothing', () => {
    const same = snapshot(D(1), ours.date, ours.created);
    expect(decideTag(same, ours, false)).toEqual({ action: 'unchanged' });
    expect(decideTag(same, ours, true)).toEqual({ action: 'unchanged' });
  });

  it('moves forward from an older snapshot (earlier date, or same date and earlier created)', () => {
    for (const older of [
      snapshot(D(2), '2026-11-15', '2026-11-15T03:00:00Z'),
      snapshot(D(2), '2026-11-22', '2026-11-22T01:00:00Z'),
    ])
      expect(decideTag(older, ours, false)).toEqual({ action: 'move', from: older });
  });

  it('moves from another artifact of the very same snapshot (equal date and created): it is not newer', () => {
    const twin = snapshot(D(3), ours.date, ours.created);
    expect(decideTag(twin, ours, false)).toEqual({ action: 'move', from: twin });
  });

  it('keeps a tag on a newer snapshot (later date, or same date and later created), unless allow-older', () => {
    for (const newer of [
      snapshot(D(4), '2026-11-29', '2026-11-29T03:00:00Z'),
      snapshot(D(4), '2026-11-22', '2026-11-22T09:00:00Z'),
    ]) {
      expect(decideTag(newer, ours, false)).toEqual({ action: 'keep', newer });
      expect(decideTag(newer, ours, true)).toEqual({ action: 'move-back', newer });
    }
  });

  it('replaces something that is not an LEI snapshot, allow-older or not', () => {
    const other: TagTarget = { kind: 'other', digest: D(5), what: 'an OCI image index' };
    expect(decideTag(other, ours, false)).toEqual({ action: 'replace', other });
    expect(decideTag(other, ours, true)).toEqual({ action: 'replace', other });
  });
});

describe('movesTag', () => {
  it('writes the tag for create, move, move-back and replace; not for unchanged or keep', () => {
    const newer = snapshot(D(4), '2026-11-29', '2026-11-29T03:00:00Z');
    const older = snapshot(D(2), '2026-11-15', '2026-11-15T03:00:00Z');
    const other: TagTarget = { kind: 'other', digest: D(5), what: 'an OCI image index' };
    const same = snapshot(D(1), ours.date, ours.created);
    expect(
      [
        decideTag({ kind: 'absent' }, ours, false),
        decideTag(older, ours, false),
        decideTag(newer, ours, true),
        decideTag(other, ours, false),
        decideTag(newer, ours, false),
        decideTag(same, ours, false),
      ].map(movesTag),
    ).toEqual([true, true, true, true, false, false]);
  });
});
