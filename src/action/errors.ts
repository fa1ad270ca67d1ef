import { SnapshotError, causes, findCause } from '../artifact/index.js';
import { AuthError, RegistryError } from '../registry/index.js';
import { inline } from './untrusted.js';

/**
 * An action input that failed validation: names the input and says how to fix it. Its message is
 * one line: the values it quotes (paths, references, annotation lines, the export's fields) come
 * from inputs or the export, so they are written with `inline`.
 */
export class InputError extends Error {
  readonly input: string;

  constructor(input: string, message: string, options?: { cause?: unknown }) {
    super(`Input '${input}': ${inline(message)}`, options);
    this.name = 'InputError';
    this.input = input;
  }
}

/** Every message in an error's cause chain, outermost first (for core.debug). */
export function causeChain(error: unknown): string {
  const lines: string[] = [];
  for (const e of causes(error)) {
    const text = e instanceof Error ? (e.stack ?? e.message) : String(e);
    lines.push(`${lines.length === 0 ? '' : 'caused by: '}${text}`);
  }
  return lines.join('\n');
}

/** The HTTP status of the registry error in an error's cause chain, if there is one. */
function httpStatusOf(error: unknown): number | undefined {
  return findCause(error, RegistryError)?.status;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * True when the error (or a cause) is the registry room's AuthError: a 401/403 or a refused
 * token exchange. A 403 "secondary rate limit" is a plain RegistryError, so it is not one.
 */
export function isAuthFailure(error: unknown): boolean {
  return findCause(error, AuthError) !== undefined;
}

/** True when the registry answered 429, or 403 that is not an auth failure (rate limiting). */
export function isRateLimited(error: unknown): boolean {
  const status = httpStatusOf(error);
  return status === 429 || (status === 403 && !isAuthFailure(error));
}

const RATE_LIMIT_HINT =
  'The registry is rate limiting this job (429 or 403 "secondary rate limit"); the action already retried with backoff. ' +
  'Run it again later, and avoid running many pushes or pulls at once.';

const PULL_ACCESS_HINT =
  "The registry refused access: check the reference, and that the token may read the package (a job needs 'permissions: packages: read' for private GHCR packages; set token to '' for a public one).";

const NOT_FOUND_HINT = 'The registry has no such repository, tag or digest; check the reference.';
const DAMAGED_SNAPSHOT_HINT =
  'Nothing was moved into place: the files already in output-dir are as they were. The snapshot in the registry is damaged or does not match its manifest.json; push a good export again (verify-content: false restores it as it is).';

/** What to do about a 401/403 on push (GHCR's two usual causes). */
export function pushPermissionHint(registry: string, repository: string): string {
  const owner = repository.split('/')[0] ?? repository;
  return [
    `The registry ${registry} refused to let this job push to '${repository}'.`,
    'Give the job write access to packages: add `permissions: packages: write` (with `contents: read`) to the job or workflow.',
    `If the package already exists, open it on GitHub (${owner} → Packages → ${repository.split('/').slice(1).join('/') || repository} → Package settings) and, under "Manage Actions access", add this repository with the Write role.`,
    'With a personal access token instead of GITHUB_TOKEN, it needs the write:packages scope.',
  ].join(' ');
}

/** What the user should do about a failed push or pull, or undefined when there is no advice. */
function registryHint(
  error: unknown,
  operation: 'push' | 'pull',
  registry: string,
  repository: string,
): string | undefined {
  if (isAuthFailure(error))
    return operation === 'push' ? pushPermissionHint(registry, repository) : PULL_ACCESS_HINT;
  if (isRateLimited(error)) return RATE_LIMIT_HINT;
  if (operation === 'pull' && httpStatusOf(error) === 404) return NOT_FOUND_HINT;
  if (operation === 'pull' && findCause(error, SnapshotError) !== undefined)
    return DAMAGED_SNAPSHOT_HINT;
  return undefined;
}

/**
 * The error a failed push or pull ends the job with, for both actions alike: `<what> failed:
 * <the registry room's message>`, then the advice on its own line when there is any. The
 * original error is its cause.
 */
export function registryFailure(
  what: string,
  error: unknown,
  operation: 'push' | 'pull',
  target: { registry: string; repository: string },
): Error {
  // the registry room's message carries the registry's own text (error bodies, headers): one line
  const message = `${what} failed: ${inline(messageOf(error))}`;
  const hint = registryHint(error, operation, target.registry, target.repository);
  if (hint === undefined) return new Error(message, { cause: error });
  return new Error(`${/[.!?]$/.test(message) ? message : `${message}.`}\n${hint}`, {
    cause: error,
  });
}
