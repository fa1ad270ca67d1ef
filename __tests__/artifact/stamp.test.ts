import { describe, expect, it } from 'vitest';
import { snapshotStamp } from '../../src/artifact/index.js';

const stamp = (doc: unknown): ReturnType<typeof snapshotStamp> =>
  snapshotStamp(Buffer.from(typeof doc === 'string' ? doc : JSON.stringify(doc)));

describe('snapshotStamp (a manifest.json read back from a registry)', () => {
  it('takes date and created as written', () => {
    expect(stamp({ date: '2026-11-22', created: '2026-11-22T03:14:07Z' })).toEqual({
      date: '2026-11-22',
      created: '2026-11-22T03:14:07Z',
    });
  });

  it('without date: the UTC day of created; without created: midnight UTC of date', () => {
    expect(stamp({ created: '2026-11-22T23:30:00-05:00' })).toEqual({
      date: '2026-11-23',
      created: '2026-11-22T23:30:00-05:00',
    });
    expect(stamp({ date: '2026-11-22' })).toEqual({
      date: '2026-11-22',
      created: '2026-11-22T00:00:00Z',
    });
    expect(stamp({ date: '2026-11-22', created: 'yesterday' })).toEqual({
      date: '2026-11-22',
      created: '2026-11-22T00:00:00Z',
    });
  });

  it('is undefined for what has neither, or is not a JSON object', () => {
    for (const doc of [{ lei_version: '0.9.1' }, { date: '2026-02-30' }, [1], 'not json', 'null'])
      expect(stamp(doc), JSON.stringify(doc)).toBeUndefined();
  });
});
