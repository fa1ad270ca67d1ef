import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../src/registry/index.js';
import {
  backoffDelay,
  isRetryableNetworkError,
  isRetryableStatus,
} from '../../src/registry/retry.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter(['3', '9'], now)).toBe(3000);
  });
  it('reads an HTTP date, never negative', () => {
    expect(parseRetryAfter('Fri, 27 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 11:00:00 GMT', now)).toBe(0);
  });
  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('2026', now)).toBe(2026 * 1000); // digits are seconds, not a year
  });
});

describe('backoffDelay', () => {
  const opts = { baseDelayMs: 1000, maxDelayMs: 60_000 };
  it('grows exponentially with jitter between half and all of the step', () => {
    expect(backoffDelay(1, { ...opts, random: () => 0 })).toBe(500);
    expect(backoffDelay(1, { ...opts, random: () => 1 })).toBe(1000);
    expect(backoffDelay(3, { ...opts, random: () => 0 })).toBe(2000);
    expect(backoffDelay(3, { ...opts, random: () => 1 })).toBe(4000);
  });
  it('is capped, and Retry-After wins but is capped too', () => {
    expect(backoffDelay(20, { ...opts, random: () => 1 })).toBe(60_000);
    expect(backoffDelay(1, opts, 5000)).toBe(5000);
    expect(backoffDelay(1, opts, 3_600_000)).toBe(60_000);
  });
});

describe('what is retried', () => {
  it('retries 408, 429, 5xx and the secondary rate limit, not other 4xx', () => {
    for (const s of [408, 429, 500, 502, 503, 504]) expect(isRetryableStatus(s)).toBe(true);
    for (const s of [400, 401, 403, 404, 405, 409, 413, 501, 505])
      expect(isRetryableStatus(s)).toBe(false);
    expect(isRetryableStatus(403, 'You have exceeded a secondary rate limit. Please wait')).toBe(
      true,
    );
    expect(
      isRetryableStatus(403, '{"errors":[{"code":"DENIED","message":"permission_denied"}]}'),
    ).toBe(false);
  });
  it('retries connection failures, also when wrapped', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(isRetryableNetworkError(reset)).toBe(true);
    expect(isRetryableNetworkError(new Error('wrapped', { cause: reset }))).toBe(true);
    expect(isRetryableNetworkError(new Error('socket hang up'))).toBe(true);
    for (const code of ['ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'LEI_STALLED']) {
      expect(isRetryableNetworkError(Object.assign(new Error(code), { code }))).toBe(true);
    }
    expect(
      isRetryableNetworkError(Object.assign(new Error('no such file'), { code: 'ENOENT' })),
    ).toBe(false);
    expect(isRetryableNetworkError(new Error('digest mismatch'))).toBe(false);
  });
});
