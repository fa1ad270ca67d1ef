import type { TransferProgress } from './types.js';

const PROGRESS_INTERVAL_BYTES = 1024 * 1024;

export interface ProgressCounter {
  /** Adds bytes that just moved. */
  add(bytes: number): void;
  /** Reports the final count (once). */
  done(): void;
}

/** Counts bytes and calls onProgress at most every PROGRESS_INTERVAL_BYTES, plus a final call. */
export function progressCounter(
  onProgress: (p: TransferProgress) => void,
  operation: TransferProgress['operation'],
  digest: string,
  total: number,
): ProgressCounter {
  let bytes = 0;
  let next = PROGRESS_INTERVAL_BYTES;
  let finished = false;
  return {
    add(n: number): void {
      bytes += n;
      if (bytes >= next && !finished) {
        next = bytes + PROGRESS_INTERVAL_BYTES;
        onProgress({ operation, digest, bytes, total });
      }
    },
    done(): void {
      if (finished) return;
      finished = true;
      onProgress({ operation, digest, bytes, total });
    },
  };
}
