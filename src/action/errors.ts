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

/** True when the error (or a cause) is a registry authentication/authorization failure. */
export function isAuthFailure(error: unknown): boolean {
  const status = httpStatusOf(error);
  if (status === 401 || status === 403) return true;
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current);
    if ((current as { kind?: unknown }).kind === 'auth') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

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
