import type { BlobCheck, BlobGate } from '../artifact/index.js';
import { RegistryError } from './errors.js';
import type { Session } from './session.js';
import { discard } from './transport.js';

/**
 * The pieces of a gated blob push (Repository.pushBlob with `blob.gate`): the upload's body is
 * checked while it is sent and its last bytes wait for the verdict (fileBody.ts); a refusal is
 * final (never retried) and cancels the upload session; a blob the registry has already is
 * checked in a read of its own.
 */

/**
 * The gate's passes during one upload attempt (one per request body sent: a 401 sends the body
 * again), remembering a refusal so the attempt can tell it from a registry or network failure.
 */
export class WatchedGate {
  private refused: { reason: unknown } | undefined;

  constructor(private readonly gate: BlobGate) {}

  /** The reason the check refused the body, when a pass did. */
  get refusal(): { reason: unknown } | undefined {
    return this.refused;
  }

  /** A new pass of the check (the request body's `check`). */
  readonly start = (): BlobCheck => {
    const check = this.gate.start();
    return {
      write: (chunk) => check.write(chunk),
      get failed() {
        return check.failed;
      },
      verdict: () =>
        check.verdict().catch((reason: unknown) => {
          this.refused ??= { reason };
          throw reason;
        }),
      abort: () => check.abort(),
    };
  };
}

/** The error a refused blob push ends with: not retried, the check's reason as its cause. */
export function refusedError(operation: string, reason: unknown, uploaded: boolean): RegistryError {
  const why = reason instanceof Error ? reason.message : String(reason);
  return new RegistryError({
    operation,
    detail: uploaded
      ? `the content check refused the blob, so its upload was not completed: ${why}`
      : `the registry has the blob, and the check of the file failed: ${why}`,
    cause: reason,
    retryable: false,
  });
}

/**
 * Runs the gate in a read of its own (the registry has the blob, so nothing is uploaded); a
 * refusal, or a file that cannot be read, fails the push for good.
 */
export async function checkWithoutUpload(gate: BlobGate, operation: string): Promise<void> {
  try {
    await gate.checkFile();
  } catch (reason) {
    throw refusedError(operation, reason, false);
  }
}

/**
 * `DELETE` on an upload session's URL, best effort: a registry that cannot cancel it (the
 * reference registry refuses once part of a body was written) purges it later; the push fails
 * with the refusal either way.
 */
export async function cancelUpload(
  session: Session,
  url: string,
  scope: string,
  operation: string,
): Promise<void> {
  try {
    const res = await session.request(
      { method: 'DELETE', url, scope },
      `${operation} (cancelling the upload)`,
    );
    discard(res);
    session.debug(`${operation}: cancelled the upload session (${res.status})`);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    session.debug(`${operation}: could not cancel the upload session (${why})`);
  }
}
