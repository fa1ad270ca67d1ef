/** An action input that failed validation: names the input and says how to fix it. */
export class InputError extends Error {
  readonly input: string;

  constructor(input: string, message: string, options?: { cause?: unknown }) {
    super(`Input '${input}': ${message}`, options);
    this.name = 'InputError';
    this.input = input;
  }
}

/** Every message in an error's cause chain, outermost first (for core.debug). */
export function causeChain(error: unknown): string {
  const lines: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== undefined && current !== null && !seen.has(current)) {
    seen.add(current);
    if (current instanceof Error) {
      lines.push(`${lines.length === 0 ? '' : 'caused by: '}${current.stack ?? current.message}`);
      current = current.cause;
    } else {
      lines.push(`${lines.length === 0 ? '' : 'caused by: '}${String(current)}`);
      break;
    }
  }
  return lines.join('\n');
}

/** The first HTTP status found on an error or its causes (`status` or `statusCode`). */
export function httpStatusOf(error: unknown): number | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current);
    const record = current as { status?: unknown; statusCode?: unknown; cause?: unknown };
    if (typeof record.status === 'number') return record.status;
    if (typeof record.statusCode === 'number') return record.statusCode;
    current = record.cause;
  }
  return undefined;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function errorChain(error: unknown): object[] {
  const chain: object[] = [];
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && !chain.includes(current)) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

/**
 * True when the error (or a cause) is a registry authentication/authorization failure: the
 * registry room's AuthError (kind 'auth'), or a bare 401/403 from anything that has no kind.
 * A 403 "secondary rate limit" is a RegistryError of kind 'registry', so it is not one.
 */
export function isAuthFailure(error: unknown): boolean {
  const chain = errorChain(error);
  const kinds = chain
    .map((e) => (e as { kind?: unknown }).kind)
    .filter((k) => typeof k === 'string');
  if (kinds.length > 0) return kinds.includes('auth');
  const status = httpStatusOf(error);
  return status === 401 || status === 403;
}

/** True when the registry answered 429, or 403 that is not an auth failure (rate limiting). */
export function isRateLimited(error: unknown): boolean {
  const status = httpStatusOf(error);
  return status === 429 || (status === 403 && !isAuthFailure(error));
}

export const RATE_LIMIT_HINT =
  'The registry is rate limiting this job (429 or 403 "secondary rate limit"); the action already retried with backoff. ' +
  'Run it again later, and avoid running many pushes or pulls at once.';

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
