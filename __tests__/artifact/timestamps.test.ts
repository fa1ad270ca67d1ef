import { describe, expect, it } from 'vitest';
import { isDate, rfc3339UtcDay } from '../../src/artifact/index.js';

describe('timestamps', () => {
  it('isDate accepts real calendar days only', () => {
    expect(isDate('2026-11-22')).toBe(true);
    expect(isDate('2028-02-29')).toBe(true);
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2026-13-01')).toBe(false);
    expect(isDate('2026-11-00')).toBe(false);
    expect(isDate('2026-1-22')).toBe(false);
    expect(isDate('2026-11-22T00:00:00Z')).toBe(false);
  });

  it('rfc3339UtcDay gives the UTC day of RFC 3339 date-times', () => {
    expect(rfc3339UtcDay('2026-11-22T03:14:07Z')).toBe('2026-11-22');
    expect(rfc3339UtcDay('2026-11-22t03:14:07z')).toBe('2026-11-22');
    expect(rfc3339UtcDay('2026-11-22T23:30:00-01:00')).toBe('2026-11-23');
    expect(rfc3339UtcDay('2026-01-01T00:59:59.999+01:00')).toBe('2025-12-31');
    expect(rfc3339UtcDay('2016-12-31T23:59:60Z')).toBe('2016-12-31'); // leap second
  });

  it('rfc3339UtcDay rejects anything else', () => {
    for (const s of [
      '2026-11-22',
      '2026-11-22 03:14:07Z',
      '2026-11-22T03:14:07',
      '2026-11-22T24:00:00Z',
      '2026-11-31T03:14:07Z',
      '2026-11-22T03:14:07+0100',
      '2026-11-22T03:14:07+24:00',
      'Sun, 22 Nov 2026 03:14:07 GMT',
      '',
    ]) {
      expect(rfc3339UtcDay(s), s).toBeUndefined();
    }
  });
});
