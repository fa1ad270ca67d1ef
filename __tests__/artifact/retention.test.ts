import { describe, expect, it } from 'vitest';
import {
  dayNumber,
  deletionGroups,
  judgeSnapshots,
  referrersTagOf,
  utcDay,
  withinBudget,
  type TaggedManifest,
} from '../../src/artifact/retention.js';

/** A fake digest per label, so a test can say which manifest it means. */
const d = (label: string): string =>
  `sha256:${Buffer.from(label).toString('hex').padEnd(64, '0').slice(0, 64)}`;

/** YYYY-MM-DD `n` days before `day` (the test's own date arithmetic, on Date, not dayNumber). */
function minus(day: string, n: number): string {
  const t = new Date(`${day}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - n);
  return t.toISOString().slice(0, 10);
}

/** One snapshot a day for `count` days ending on `today` (date tag only). */
function daily(today: string, count: number): TaggedManifest[] {
  return Array.from({ length: count }, (_, i) => ({
    digest: d(minus(today, i)),
    tags: [minus(today, i)],
  }));
}

function kept(
  manifests: TaggedManifest[],
  today: string,
  keepDays: number,
  keepWeeks: number,
): string[] {
  return judgeSnapshots(manifests, { today, keepDays, keepWeeks })
    .filter((v) => v.keep.length > 0)
    .map((v) => v.day);
}

describe('dayNumber and utcDay', () => {
  it('count days across month, leap-day and year ends', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect((dayNumber('2025-01-01') ?? 0) - (dayNumber('2024-12-31') ?? 0)).toBe(1);
    expect((dayNumber('2024-03-01') ?? 0) - (dayNumber('2024-02-28') ?? 0)).toBe(2); // 2024-02-29
    expect((dayNumber('2025-03-01') ?? 0) - (dayNumber('2025-02-28') ?? 0)).toBe(1);
    expect(dayNumber('2025-02-29')).toBeUndefined();
    expect(dayNumber('2026-13-01')).toBeUndefined();
    expect(dayNumber('latest')).toBeUndefined();
  });
  it('gives the UTC day of an instant, whatever the local zone', () => {
    expect(utcDay(Date.UTC(2026, 11, 31, 23, 59, 59))).toBe('2026-12-31');
    expect(utcDay(Date.UTC(2027, 0, 1, 0, 0, 0))).toBe('2027-01-01');
  });
});

describe('judgeSnapshots', () => {
  it('keeps keep-days days, today included, across a year end', () => {
    // 2027-01-03 is a Sunday; keep-weeks 0 leaves only the day rule.
    const all = daily('2027-01-03', 10);
    expect(kept(all, '2027-01-03', 5, 0)).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
  });

  it('keeps keep-days days across the end of February in a leap year and in a common year', () => {
    expect(kept(daily('2028-03-02', 6), '2028-03-02', 3, 0)).toEqual([
      '2028-02-29',
      '2028-03-01',
      '2028-03-02',
    ]);
    expect(kept(daily('2027-03-02', 6), '2027-03-02', 3, 0)).toEqual([
      '2027-02-28',
      '2027-03-01',
      '2027-03-02',
    ]);
  });

  it('keeps Sundays within keep-weeks weeks across a month end (keep-days 0)', () => {
    // today Wednesday 2026-12-02; Sundays 11-29, 11-22, 11-15, 11-08, 11-01, 10-25
    const all = daily('2026-12-02', 60);
    expect(kept(all, '2026-12-02', 0, 3)).toEqual([
      '2026-11-15',
      '2026-11-22',
      '2026-11-29',
      '2026-12-02',
    ]);
  });

  it('keeps Sundays of age below 7*keep-weeks: 0, 7, 14 with keep-weeks 3 (today a Sunday)', () => {
    // 2027-01-03 is a Sunday: 2026-12-13 (age 21) is one week too old
    expect(kept(daily('2027-01-03', 30), '2027-01-03', 0, 3)).toEqual([
      '2026-12-20',
      '2026-12-27',
      '2027-01-03',
    ]);
  });

  it('keeps the Sunday 20 days back with keep-weeks 3 and drops the one 27 days back', () => {
    // today Saturday 2027-01-02: the Sunday 20 days back is kept with keep-weeks 3, 27 days back is not
    const today = '2027-01-02';
    const verdicts = judgeSnapshots(
      [
        { digest: d('a'), tags: [minus(today, 20)] }, // 2026-12-13, Sunday
        { digest: d('b'), tags: [minus(today, 27)] }, // 2026-12-06, Sunday
        { digest: d('c'), tags: [today] },
      ],
      { today, keepDays: 1, keepWeeks: 3 },
    );
    expect(verdicts.map((v) => [v.day, v.age, v.keep])).toEqual([
      ['2026-12-06', 27, []],
      ['2026-12-13', 20, ['sunday']],
      ['2027-01-02', 0, ['newest', 'recent']],
    ]);
  });

  it('the default policy (30 days, 12 weeks) over a year of dailies keeps 30 days and 12 Sundays', () => {
    const today = '2027-01-01'; // a Friday
    const verdicts = judgeSnapshots(daily(today, 366), { today, keepDays: 30, keepWeeks: 12 });
    const keptDays = verdicts.filter((v) => v.keep.length > 0).map((v) => v.day);
    // 30 days (2026-12-03 .. 2027-01-01) and the Sundays among the 84 days before today outside them
    const sundays = [
      '2026-10-11',
      '2026-10-18',
      '2026-10-25',
      '2026-11-01',
      '2026-11-08',
      '2026-11-15',
      '2026-11-22',
      '2026-11-29',
    ];
    expect(keptDays).toEqual([
      ...sundays,
      ...Array.from({ length: 30 }, (_, i) => minus(today, 29 - i)),
    ]);
    expect(verdicts.filter((v) => v.keep.includes('sunday'))).toHaveLength(12);
    expect(verdicts.filter((v) => v.keep.length === 0)).toHaveLength(366 - 38);
  });

  it('always keeps the newest snapshot, however old', () => {
    const verdicts = judgeSnapshots(
      [
        { digest: d('old'), tags: ['2025-12-31'] },
        { digest: d('older'), tags: ['2025-12-30'] },
      ],
      { today: '2027-01-01', keepDays: 30, keepWeeks: 12 },
    );
    expect(verdicts.map((v) => [v.day, v.keep])).toEqual([
      ['2025-12-30', []],
      ['2025-12-31', ['newest']],
    ]);
  });

  it('dates a snapshot by its newest date tag and keeps days after today', () => {
    const verdicts = judgeSnapshots(
      [
        { digest: d('repushed'), tags: ['2026-11-01', '2026-12-31', '2026-11-15'] },
        { digest: d('future'), tags: ['2027-01-02'] },
      ],
      { today: '2027-01-01', keepDays: 1, keepWeeks: 0 },
    );
    expect(verdicts.map((v) => [v.day, v.age, v.keep])).toEqual([
      ['2026-12-31', 1, []],
      ['2027-01-02', -1, ['newest', 'future']],
    ]);
  });

  it('keeps a snapshot with latest, weekly or any other tag; referrers tags protect nothing', () => {
    const ref = referrersTagOf(d('x')) ?? '';
    const verdicts = judgeSnapshots(
      [
        { digest: d('latest'), tags: ['2026-01-01', 'latest'] },
        { digest: d('weekly'), tags: ['2026-01-04', 'weekly'] },
        { digest: d('v1'), tags: ['2026-01-05', 'v1.0'] },
        { digest: d('bad-date'), tags: ['2026-01-06', '2026-02-30'] },
        { digest: d('ref'), tags: ['2026-01-07', ref] },
        { digest: d('newest'), tags: ['2026-06-01'] },
      ],
      { today: '2027-01-01', keepDays: 30, keepWeeks: 12 },
    );
    expect(verdicts.map((v) => [v.day, v.keep, v.protectedBy])).toEqual([
      ['2026-01-01', ['tagged'], ['latest']],
      ['2026-01-04', ['tagged'], ['weekly']],
      ['2026-01-05', ['tagged'], ['v1.0']],
      ['2026-01-06', ['tagged'], ['2026-02-30']],
      ['2026-01-07', [], []],
      ['2026-06-01', ['newest'], []],
    ]);
  });

  it('gives no verdict to manifests without a date tag', () => {
    expect(
      judgeSnapshots(
        [
          { digest: d('untagged'), tags: [] },
          { digest: d('latest-only'), tags: ['latest'] },
        ],
        { today: '2027-01-01', keepDays: 0, keepWeeks: 0 },
      ),
    ).toEqual([]);
  });

  it('refuses a today that is not a day and negative or fractional counts', () => {
    expect(() => judgeSnapshots([], { today: '2027-02-29', keepDays: 1, keepWeeks: 1 })).toThrow(
      /today/,
    );
    expect(() => judgeSnapshots([], { today: '2027-01-01', keepDays: -1, keepWeeks: 1 })).toThrow(
      /keepDays/,
    );
    expect(() => judgeSnapshots([], { today: '2027-01-01', keepDays: 1, keepWeeks: 1.5 })).toThrow(
      /keepWeeks/,
    );
  });
});

describe('deletionGroups', () => {
  const today = '2027-01-01';
  const rules = { today, keepDays: 1, keepWeeks: 0 };

  it('takes a snapshot’s referrers index and the untagged manifests it lists, nothing else', () => {
    const snap = d('snap');
    const refTag = referrersTagOf(snap) ?? '';
    const manifests: TaggedManifest[] = [
      { digest: snap, tags: ['2026-12-01'] },
      { digest: d('index'), tags: [refTag] },
      { digest: d('att1'), tags: [] },
      { digest: d('att2'), tags: [] },
      { digest: d('tagged-member'), tags: ['keep-me'] },
      { digest: d('other-untagged'), tags: [] },
      { digest: d('newest'), tags: [today] },
    ];
    const members: Record<string, string[]> = {
      [d('index')]: [d('att1'), d('att2'), d('tagged-member'), d('newest')],
    };
    const groups = deletionGroups(
      judgeSnapshots(manifests, rules),
      manifests,
      (i) => members[i] ?? [],
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]?.deletions.map((x) => [x.role, x.digest])).toEqual([
      ['snapshot', snap],
      ['referrers-index', d('index')],
      ['referrer', d('att1')],
      ['referrer', d('att2')],
    ]);
  });

  it('leaves a referrers index that carries another tag, and its members', () => {
    const snap = d('snap');
    const manifests: TaggedManifest[] = [
      { digest: snap, tags: ['2026-12-01'] },
      { digest: d('index'), tags: [referrersTagOf(snap) ?? '', 'pinned'] },
      { digest: d('newest'), tags: [today] },
    ];
    const groups = deletionGroups(judgeSnapshots(manifests, rules), manifests, () => [d('att')]);
    expect(groups.map((g) => g.deletions.map((x) => x.role))).toEqual([['snapshot']]);
  });

  it('leaves the referrers of kept snapshots alone', () => {
    const snap = d('newest');
    const manifests: TaggedManifest[] = [
      { digest: snap, tags: [today] },
      { digest: d('index'), tags: [referrersTagOf(snap) ?? ''] },
    ];
    expect(deletionGroups(judgeSnapshots(manifests, rules), manifests, () => [d('att')])).toEqual(
      [],
    );
  });
});

describe('withinBudget', () => {
  const group = (label: string, size: number) => ({
    snapshot: { digest: d(label), tags: [], day: label, age: 0, keep: [], protectedBy: [] },
    deletions: Array.from({ length: size }, (_, i) => ({
      digest: d(`${label}${i}`),
      tags: [],
      subject: d(label),
      role: 'snapshot' as const,
    })),
  });

  it('takes whole groups, oldest first, and stops at the first that does not fit', () => {
    const groups = [group('a', 1), group('b', 3), group('c', 1)];
    const { now, later } = withinBudget(groups, 3);
    expect(now.map((g) => g.snapshot.day)).toEqual(['a']);
    expect(later.map((g) => g.snapshot.day)).toEqual(['b', 'c']);
    expect(withinBudget(groups, 5).now).toHaveLength(3);
    expect(withinBudget(groups, 0).now).toHaveLength(0);
  });
});
