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
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, options.maxDelayMs);
  const exp = options.baseDelayMs * 2 ** Math.max(0, attempt - 1);
  const random = options.random ?? Math.random;
  const jittered = exp / 2 + random() * (exp / 2);
  return Math.min(Math.round(jittered), options.maxDelayMs);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
