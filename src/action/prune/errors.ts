/**
 * A prune failure that stops the run (the package cannot be listed, the registry does not allow
 * deletion, ...): its message says what happened and what to do, and is reported as is.
 */
export class PruneError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PruneError';
  }
}
