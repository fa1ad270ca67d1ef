/** Retry policy: which failures are transient and how long to wait before the next attempt. */
import { causes } from '../artifact/index.js';

const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'ERR_STREAM_PREMATURE_CLOSE',
  'LEI_STALLED',
]);

/** HTTP statuses worth another attempt: 408, 429 and 5xx except 501/505. */
export function isRetryableStatus(status: number, body = ''): boolean {
  if (status === 408 || status === 429) return true;
  if (status === 403 && isSecondaryRateLimit(body)) return true;
  return status >= 500 && status !== 501 && status !== 505;
}

/** ghcr.io (like api.github.com) sometimes answers rate limiting with 403 "secondary rate limit". */
export function isSecondaryRateLimit(body: string): boolean {
  return /secondary rate limit|rate limit exceeded|too many requests/i.test(body);
}

/** Connection-level failures (resets, refused, stalls) that another attempt may get past. */
export function isRetryableNetworkError(err: unknown): boolean {
  for (const e of causes(err)) {
    if (!(e instanceof Error)) continue;
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && RETRYABLE_NETWORK_CODES.has(code)) return true;
    if (/socket hang up|aborted/i.test(e.message) && code === undefined) return true;
  }
  return false;
}

/**
 * Parses `Retry-After` (delay-seconds or an HTTP-date) into milliseconds from `nowMs`.
 * Undefined when absent or unparseable; never negative.
 */
export function parseRetryAfter(
  value: string | string[] | undefined,
  nowMs = Date.now(),
): number | undefined {
  const v = (Array.isArray(value) ? value[0] : value)?.trim();
  if (v === undefined || v === '') return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  if (/^\d+\.\d+$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at) || !/[a-z]/i.test(v)) return undefined;
  return Math.max(0, at - nowMs);
}

export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  /** for tests; defaults to Math.random */
  random?: () => number;
}

/**
 * The wait before attempt `attempt + 1` (attempt counts from 1): Retry-After when the registry
 * sent one, else exponential backoff with jitter (between half and all of base * 2^(attempt-1)).
 * Always capped at maxDelayMs.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  retryAfterMs?: number,
): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(0, retryAfterMs), options.maxDelayMs);
  const exp = options.baseDelayMs * 2 ** Math.max(0, attempt - 1);
  const random = options.random ?? Math.random;
  const jittered = exp / 2 + random() * (exp / 2);
  return Math.min(Math.round(jittered), options.maxDelayMs);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One retry about to happen: attempt `attempt` of `maxAttempts` failed, the next starts in `delayMs`. */
export interface RetryEvent {
  operation: string;
  attempt: number;
  maxAttempts: number;
  delayMs: number;
  error: unknown;
  /** The failure in a few words (a status, a code, the server's message), without the operation. */
  reason: string;
}

/** How `retrying` retries: which failures, how often, how long it waits, and who hears of it. */
export interface RetryPolicy {
  /** Attempts in all, the first included (at least 1). */
  maxAttempts: number;
  /** Exponential backoff with jitter, capped (backoffDelay). */
  delays: BackoffOptions;
  /** Whether another attempt may help. */
  isRetryable(error: unknown): boolean;
  /** The wait the server asked for (Retry-After, a rate limit's reset), in ms; capped like backoff. */
  retryAfter?(error: unknown): number | undefined;
  /** The `reason` of a RetryEvent (default: the error's message). */
  describe?(error: unknown): string;
  /** Called before each wait; nothing is said when absent. */
  onRetry?(event: RetryEvent): void;
  sleep?(ms: number): Promise<void>;
}

/**
 * A failure that was retried until maxAttempts ran out: the last attempt's message with
 * "(gave up after N attempts)", and that failure as its cause.
 */
export class RetriesExhaustedError extends Error {
  constructor(
    readonly attempts: number,
    cause: unknown,
  ) {
    super(gaveUpMessage(messageOf(cause), attempts), { cause });
    this.name = 'RetriesExhaustedError';
  }
}

/** `message (gave up after N attempts)`: the words every exhausted retry loop ends with. */
export function gaveUpMessage(message: string, attempts: number): string {
  return `${message} (gave up after ${attempts} attempts)`;
}

/**
 * Runs `attempt` (given its number, from 1) until it succeeds, fails with an error the policy
 * does not retry (thrown as it is), or fails maxAttempts times: then the last failure is thrown,
 * as the cause of a RetriesExhaustedError when there was more than one attempt. Waits between
 * attempts: what the server asked for, else exponential backoff with jitter.
 */
export async function retrying<T>(
  operation: string,
  attempt: (n: number) => Promise<T>,
  policy: RetryPolicy,
): Promise<T> {
  const maxAttempts = Math.max(1, policy.maxAttempts);
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (!policy.isRetryable(error)) throw error;
      if (n >= maxAttempts) throw n === 1 ? error : new RetriesExhaustedError(n, error);
      const delayMs = backoffDelay(n, policy.delays, policy.retryAfter?.(error));
      const reason = policy.describe?.(error) ?? messageOf(error);
      policy.onRetry?.({ operation, attempt: n, maxAttempts, delayMs, error, reason });
      await (policy.sleep ?? sleep)(delayMs);
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The debug line a retry gets when nobody else listens: `<operation>: attempt 1 of 5 failed (…); retrying in 800 ms`. */
export function retryMessage(event: RetryEvent): string {
  return `${event.operation}: attempt ${event.attempt} of ${event.maxAttempts} failed (${event.reason}); retrying in ${event.delayMs} ms`;
}
