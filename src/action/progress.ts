import type { RetryEvent, TransferProgress } from '../registry/index.js';
import { inline } from './untrusted.js';

/** Transfers at least this big get progress lines. */
export const PROGRESS_MIN_BYTES = 64 * 1024 * 1024;
/** At most one progress line per blob per this many milliseconds. */
const PROGRESS_INTERVAL_MS = 10_000;

const MB = 1_000_000;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}

interface BlobState {
  started: number;
  lastLogged: number;
  done: boolean;
}

/**
 * An onProgress callback for RegistryClient: for blobs of 64 MiB or more, one line at most every
 * 10 s (bytes, percent, MB/s since the blob started) and one line when the blob is complete.
 */
export function progressLogger(
  log: (line: string) => void,
  now: () => number = Date.now,
): (progress: TransferProgress) => void {
  const blobs = new Map<string, BlobState>();
  return (progress) => {
    if (progress.total < PROGRESS_MIN_BYTES) return;
    const key = `${progress.operation} ${progress.digest}`;
    const time = now();
    let state = blobs.get(key);
    if (!state || (state.done && progress.bytes < progress.total)) {
      // first report for this blob (or a retry starting over): the clock starts now
      state = { started: time, lastLogged: time, done: false };
      blobs.set(key, state);
    }
    const complete = progress.bytes >= progress.total;
    if (state.done) return;
    if (!complete && time - state.lastLogged < PROGRESS_INTERVAL_MS) return;
    state.lastLogged = time;
    state.done = complete;
    const seconds = Math.max((time - state.started) / 1000, 0.001);
    const rate = progress.bytes / MB / seconds;
    const percent = progress.total > 0 ? Math.floor((progress.bytes / progress.total) * 100) : 100;
    const verb = progress.operation === 'upload' ? 'uploaded' : 'downloaded';
    log(
      `${progress.digest.slice(0, 19)}: ${verb} ${formatBytes(progress.bytes)} of ${formatBytes(progress.total)} ` +
        `(${percent}%, ${rate.toFixed(1)} MB/s)`,
    );
  };
}

/** A wait for a log line: `0.8 s`, `2 s`, `12 s`. */
export function formatWait(ms: number): string {
  const seconds = ms / 1000;
  return `${seconds < 10 ? Number(seconds.toFixed(1)) : Math.round(seconds)} s`;
}

/**
 * The info line for a retry, said before its wait:
 * `Retrying in 0.8 s (attempt 2 of 5): <operation>: connection refused`.
 */
export function retryLine(retry: RetryEvent): string {
  return `Retrying in ${formatWait(retry.delayMs)} (attempt ${retry.attempt + 1} of ${retry.maxAttempts}): ${inline(retry.operation)}: ${inline(retry.reason)}`;
}
