import { describe, expect, it } from 'vitest';
import {
  RetriesExhaustedError,
  parseRetryAfter,
  retrying,
  retryMessage,
  type RetryEvent,
  type RetryPolicy,
} from '../../src/registry/index.js';
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

describe("retrying (the one retry loop: the registry session and GitHub's Packages API)", () => {
  class Busy extends Error {
    constructor(readonly waitMs?: number) {
      super('503 busy');
    }
  }
  /** A policy that retries Busy, with random() fixed so the backoff is exact, and no real waits. */
  function policy(extra: Partial<RetryPolicy> = {}) {
    const slept: number[] = [];
    const heard: RetryEvent[] = [];
    const p: RetryPolicy = {
      maxAttempts: 4,
      delays: { baseDelayMs: 100, maxDelayMs: 1000, random: () => 1 },
      isRetryable: (e) => e instanceof Busy,
      retryAfter: (e) => (e as Busy).waitMs,
      onRetry: (e) => heard.push(e),
      sleep: async (ms) => {
        slept.push(ms);
      },
      ...extra,
    };
    return { p, slept, heard };
  }
  /** An operation failing with the given errors in turn, then answering 'ok'. */
  function failing(...errors: Error[]) {
    const seen: number[] = [];
    const attempt = async (n: number): Promise<string> => {
      seen.push(n);
      const e = errors[n - 1];
      if (e !== undefined) throw e;
      return 'ok';
    };
    return { attempt, seen };
  }

  it("retries a retryable failure with the policy's backoff and says so before each wait", async () => {
    const { p, slept, heard } = policy();
    const op = failing(new Busy(), new Busy(), new Busy());
    expect(await retrying('read things', op.attempt, p)).toBe('ok');
    expect(op.seen).toEqual([1, 2, 3, 4]);
    expect(slept).toEqual([100, 200, 400]);
    expect(heard.map((e) => [e.operation, e.attempt, e.maxAttempts, e.delayMs, e.reason])).toEqual([
      ['read things', 1, 4, 100, '503 busy'],
      ['read things', 2, 4, 200, '503 busy'],
      ['read things', 3, 4, 400, '503 busy'],
    ]);
    expect(heard[0]?.error).toBeInstanceOf(Busy);
    expect(retryMessage(heard[1] as RetryEvent)).toBe(
      'read things: attempt 2 of 4 failed (503 busy); retrying in 200 ms',
    );
  });

  it('waits what the server asked for, capped, and describes the failure as the policy says', async () => {
    const { p, slept, heard } = policy({ describe: () => 'rate limited' });
    const op = failing(new Busy(30), new Busy(60_000));
    expect(await retrying('list', op.attempt, p)).toBe('ok');
    expect(slept).toEqual([30, 1000]);
    expect(heard.map((e) => e.reason)).toEqual(['rate limited', 'rate limited']);
  });

  it('stops at a failure the policy does not retry and throws it as it is', async () => {
    const { p, slept, heard } = policy();
    const denied = new Error('403 denied');
    const op = failing(new Busy(), denied);
    await expect(retrying('push', op.attempt, p)).rejects.toBe(denied);
    expect(op.seen).toEqual([1, 2]);
    expect(slept).toEqual([100]);
    expect(heard).toHaveLength(1);
  });

  it('gives up after maxAttempts: the last failure as the cause of a message that says so', async () => {
    const { p, slept } = policy({ maxAttempts: 3 });
    const last = new Busy();
    const op = failing(new Busy(), new Busy(), last, new Busy());
    const err = await retrying('push', op.attempt, p).catch((e: unknown) => e);
    expect(op.seen).toEqual([1, 2, 3]);
    expect(slept).toHaveLength(2);
    expect(err).toBeInstanceOf(RetriesExhaustedError);
    expect((err as RetriesExhaustedError).message).toBe('503 busy (gave up after 3 attempts)');
    expect((err as RetriesExhaustedError).attempts).toBe(3);
    expect((err as RetriesExhaustedError).cause).toBe(last);
    expect(last.message).toBe('503 busy');
  });

  it('with one attempt allowed, throws the failure itself (nothing was retried)', async () => {
    const { p, slept, heard } = policy({ maxAttempts: 1 });
    const only = new Busy();
    await expect(retrying('push', failing(only).attempt, p)).rejects.toBe(only);
    expect(slept).toEqual([]);
    expect(heard).toEqual([]);
  });
});
