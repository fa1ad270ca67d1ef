import { SnapshotError, causes, findCause } from '../artifact/index.js';
import {
  AuthError,
  CredentialsRejectedError,
  RegistryError,
  networkProblem,
  registryBaseUrl,
} from '../registry/index.js';
import { inline } from './untrusted.js';

/**
 * An action input that failed validation (or that the network showed to be wrong: a registry
 * host DNS does not know): names the input and says how to fix it. Its message is one line: the
 * values it quotes (paths, references, annotation lines, the export's fields) come from inputs or
 * the export, so they are written with `inline`.
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

/**
 * What to do when the registry rejected the credentials themselves (the token endpoint answered
 * 401/403 to them, or a Basic-auth registry 401): no permission setting helps, other credentials do.
 * `scope` is what a personal access token needs (e.g. the write:packages scope).
 */
export function credentialsHint(registry: string, scope: string): string {
  return `The registry ${registry} rejected the credentials in 'username' and 'token' (the token is expired or wrong, or is for another owner): ${credentialsFix(scope)}.`;
}

/** The fix for refused credentials: the default token, or a current personal access token. */
export function credentialsFix(scope: string): string {
  return `with GITHUB_TOKEN, leave 'token' at its default (\${{ github.token }}); with a personal access token, use a current one with ${scope}`;
}

/** True when the error (or a cause) says the registry rejected the credentials themselves. */
export function isCredentialsRejected(error: unknown): boolean {
  return findCause(error, CredentialsRejectedError) !== undefined;
}

/** What the user should do about a failed push or pull, or undefined when there is no advice. */
function registryHint(
  error: unknown,
  operation: 'push' | 'pull',
  registry: string,
  repository: string,
): string | undefined {
  if (isCredentialsRejected(error))
    return credentialsHint(
      registry,
      operation === 'push' ? 'the write:packages scope' : 'the read:packages scope',
    );
  if (isAuthFailure(error))
    return operation === 'push' ? pushPermissionHint(registry, repository) : PULL_ACCESS_HINT;
  if (isRateLimited(error)) return RATE_LIMIT_HINT;
  if (operation === 'pull' && httpStatusOf(error) === 404) return NOT_FOUND_HINT;
  if (operation === 'pull' && findCause(error, SnapshotError) !== undefined)
    return DAMAGED_SNAPSHOT_HINT;
  return undefined;
}

/** The input that names the registry host: `registry` (push, prune) or `reference` (pull). */
type HostInput = 'registry' | 'reference';

/**
 * The input error for a connection that failed because of the registry host itself (DNS does not
 * know it, nothing listens on the port, it cannot be reached), or undefined for any other failure,
 * including one at another host (a token realm, a storage redirect): no input names that one.
 */
export function hostFailure(
  error: unknown,
  input: HostInput,
  registry: string,
): InputError | undefined {
  const problem = networkProblem(error);
  const failed = findCause(error, RegistryError);
  if (problem === undefined || failed?.url === undefined) return undefined;
  const url = new URL(failed.url);
  if (url.host !== new URL(registryBaseUrl(registry)).host) return undefined;
  const after = failed.attempts === undefined ? '' : `after ${failed.attempts} attempts`;
  const where = input === 'reference' ? ' at the start of the reference' : '';
  const example = input === 'reference' ? 'ghcr.io/my-org/lei-cache:latest' : 'ghcr.io';
  let message: string;
  switch (problem.code) {
    case 'ENOTFOUND':
      message = `the host ${url.hostname} is unknown to DNS (ENOTFOUND); check the host name${where}, e.g. ${example}.`;
      break;
    case 'EAI_AGAIN':
      message = `the host ${url.hostname} could not be looked up (DNS did not answer${after ? `, ${after}` : ''}); check the host name${where}, and the runner's network.`;
      break;
    case 'ECONNREFUSED':
      message = `${url.host} refused the connection${after ? ` (${after})` : ''}; check the host and port${where}.`;
      break;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      message = `${url.host} could not be reached (${problem.words}${after ? `, ${after}` : ''}); check the host${where}, and that the runner can reach it.`;
      break;
    default:
      return undefined;
  }
  return new InputError(input, message, { cause: error });
}

/**
 * The error a failed push or pull ends the job with, for both actions alike, on one line: a
 * connection the registry host itself refused or could not make is an InputError naming
 * `registry` (push) or `reference` (pull); anything else is `<what> failed: <the registry room's
 * message>`, then the advice when there is any. The original error is its cause.
 */
export function registryFailure(
  what: string,
  error: unknown,
  operation: 'push' | 'pull',
  target: { registry: string; repository: string },
): Error {
  const host = hostFailure(error, operation === 'push' ? 'registry' : 'reference', target.registry);
  if (host !== undefined) return host;
  // the registry room's message carries the registry's own text (error bodies, headers): one line
  const message = `${what} failed: ${inline(messageOf(error))}`;
  const hint = registryHint(error, operation, target.registry, target.repository);
  if (hint === undefined) return new Error(message, { cause: error });
  return new Error(`${/[.!?]$/.test(message) ? message : `${message}.`} ${hint}`, {
    cause: error,
  });
}
