/**
 * The ghcr.io prune backend: GitHub's Packages REST API (ghcr.io answers OCI DELETE with 405).
 * Versions of the container package are listed with `per_page=100` and the `Link` header, a
 * version's `name` is its manifest digest and `metadata.container.tags` its tags; deletions go
 * one at a time. The owner's kind (user or organization) comes from `GET /users/{owner}`.
 *
 * The token goes only to the API base (GITHUB_API_URL): a `Link` to any other origin is refused.
 */
import type { Deletion, TaggedManifest } from '../../artifact/index.js';
import { messageOf } from '../errors.js';
import { PruneError } from './errors.js';
import type { DeleteOutcome, PruneBackend } from './backend.js';
import { inline } from '../untrusted.js';

/** The part of Octokit this backend uses (`getOctokit(token).request`). */
interface OctokitLike {
  request(
    route: string,
    parameters?: Record<string, unknown>,
  ): Promise<{ status: number; headers: Record<string, unknown>; data: unknown }>;
}

export interface GitHubPackagesOptions {
  octokit: OctokitLike;
  /** The API base the Octokit uses (GITHUB_API_URL). */
  apiUrl: string;
  /** `owner/name[/more]` as in ghcr.io/<repository>. */
  repository: string;
  /** Reads a referrers index's member digests (over the registry API, which GitHub's lacks). */
  readIndex(indexDigest: string): Promise<string[]>;
  debug(message: string): void;
  /** Attempts per request for 5xx and rate limits (default 5). */
  maxAttempts?: number;
  /** Backoff base (default 1000 ms) and cap for any wait, Retry-After included (default 60 s). */
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

interface Version {
  id: number;
  digest: string;
  tags: string[];
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** The permission advice for a package this workflow may not list or delete from. */
function packagesPermissionHint(owner: string, packageName: string): string {
  return (
    `Give the job \`permissions: packages: write\`, and give this workflow's repository the Admin role on the package: ` +
    `open it on GitHub (${owner} → Packages → ${packageName} → Package settings → Manage Actions access) and add the repository with the Admin role. ` +
    'Deleting versions needs Admin; Write is enough only to push. With a personal access token instead, it needs read:packages and delete:packages.'
  );
}

interface ApiFailure {
  status: number;
  message: string;
  headers: Record<string, unknown>;
}

function failureOf(error: unknown): ApiFailure | undefined {
  const e = error as {
    status?: unknown;
    response?: { data?: unknown; headers?: Record<string, unknown> };
  };
  if (typeof e !== 'object' || e === null || typeof e.status !== 'number') return undefined;
  const data = e.response?.data;
  let message = '';
  if (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as { message?: unknown }).message === 'string'
  )
    message = (data as { message: string }).message;
  else if (typeof data === 'string') message = data.slice(0, 200);
  return { status: e.status, message, headers: e.response?.headers ?? {} };
}

function headerText(headers: Record<string, unknown>, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** The rel="next" URL of a Link header, if any. */
export function nextLink(link: string | undefined): string | undefined {
  if (link === undefined) return undefined;
  for (const part of link.split(',')) {
    const match = /<([^>]*)>\s*;(.*)/.exec(part.trim());
    if (match && /(^|;)\s*rel="?([^";]*\s)?next(\s[^";]*)?"?\s*(;|$)/.test(match[2] ?? ''))
      return match[1];
  }
  return undefined;
}

export class GitHubPackagesBackend implements PruneBackend {
  private readonly owner: string;
  private readonly packageName: string;
  private readonly apiOrigin: string;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private ownerPath?: string;
  private readonly versions = new Map<string, Version>();

  constructor(private readonly options: GitHubPackagesOptions) {
    const [owner, ...rest] = options.repository.split('/');
    if (!owner || rest.length === 0)
      throw new PruneError(
        `'${options.repository}' has no package name after the owner (e.g. my-org/lei-cache).`,
      );
    this.owner = owner;
    this.packageName = rest.join('/');
    this.apiOrigin = new URL(options.apiUrl).origin;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    this.baseDelayMs = options.retryBaseDelayMs ?? 1000;
    this.maxDelayMs = options.retryMaxDelayMs ?? 60_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
  }

  private get hint(): string {
    return packagesPermissionHint(this.owner, this.packageName);
  }

  /** `orgs/<owner>` or `users/<owner>`, from GET /users/{owner}. */
  private async base(): Promise<string> {
    if (this.ownerPath !== undefined) return this.ownerPath;
    let type: unknown;
    try {
      const res = await this.call('GET /users/{username}', { username: this.owner });
      type = (res.data as { type?: unknown }).type;
    } catch (error) {
      const failure = failureOf(error);
      const status = failure?.status;
      throw new PruneError(
        status === 404
          ? `GitHub has no user or organization '${this.owner}' (GET /users/${this.owner} answered 404); check the repository input.`
          : `Could not look up the package owner '${this.owner}' at ${this.apiOrigin}: ` +
              (status === 401 || status === 403
                ? `GitHub answered ${status}${failure?.message ? ` (${inline(failure.message)})` : ''}. ${this.hint}`
                : inline(describe(error))),
        { cause: error },
      );
    }
    const kind = type === 'Organization' ? 'orgs' : 'users';
    this.ownerPath = `${kind}/${encodeURIComponent(this.owner)}`;
    this.options.debug(`${this.owner} is ${kind === 'orgs' ? 'an organization' : 'a user'}`);
    return this.ownerPath;
  }

  private async versionsPath(): Promise<string> {
    return `/${await this.base()}/packages/container/${encodeURIComponent(this.packageName)}/versions`;
  }

  async list(): Promise<TaggedManifest[]> {
    const path = await this.versionsPath();
    let url: string | undefined = `${this.options.apiUrl.replace(/\/+$/, '')}${path}?per_page=100`;
    this.versions.clear();
    let pages = 0;
    while (url !== undefined) {
      if (new URL(url).origin !== this.apiOrigin) {
        throw new PruneError(
          `GitHub's API sent a next-page link to another host (${inline(new URL(url).origin)}); refusing to send the token there.`,
        );
      }
      let res;
      try {
        res = await this.call(`GET ${url}`, {});
      } catch (error) {
        const failure = failureOf(error);
        const what =
          failure?.status === 404 || failure?.status === 403 || failure?.status === 401
            ? `GitHub answered ${failure.status}${failure.message ? ` (${inline(failure.message)})` : ''}: the package does not exist, or this token may not see it. ${this.hint}`
            : inline(describe(error));
        throw new PruneError(
          `Could not list the versions of the container package ${this.owner}/${this.packageName}: ${what}`,
          { cause: error },
        );
      }
      pages++;
      if (!Array.isArray(res.data))
        throw new PruneError(
          `GitHub's API sent something other than a list of package versions (page ${pages}).`,
        );
      for (const item of res.data as unknown[]) {
        const v = item as {
          id?: unknown;
          name?: unknown;
          metadata?: { container?: { tags?: unknown } };
        };
        const tags = v.metadata?.container?.tags;
        if (typeof v.id !== 'number' || typeof v.name !== 'string' || !DIGEST.test(v.name)) {
          this.options.debug(
            `skipped a package version that is not a manifest digest: ${inline(String(v.name))}`,
          );
          continue;
        }
        this.versions.set(v.name, {
          id: v.id,
          digest: v.name,
          tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [],
        });
      }
      url = nextLink(headerText(res.headers, 'link'));
    }
    this.options.debug(`listed ${this.versions.size} package version(s) in ${pages} page(s)`);
    return [...this.versions.values()].map((v) => ({ digest: v.digest, tags: v.tags }));
  }

  indexMembers(indexDigest: string): Promise<string[]> {
    return this.options.readIndex(indexDigest);
  }

  async delete(deletion: Deletion): Promise<DeleteOutcome> {
    const version = this.versions.get(deletion.digest);
    if (version === undefined) return { status: 'gone' };
    const path = `${await this.versionsPath()}/${version.id}`;
    try {
      await this.call(`DELETE ${this.options.apiUrl.replace(/\/+$/, '')}${path}`, {});
      this.versions.delete(deletion.digest);
      return { status: 'deleted', restore: `gh api --method POST ${path}/restore` };
    } catch (error) {
      const failure = failureOf(error);
      if (failure === undefined) throw error;
      const said = failure.message
        ? `GitHub: "${inline(failure.message)}"`
        : `GitHub answered ${failure.status}`;
      if (failure.status === 400 && /download/i.test(failure.message)) {
        return {
          status: 'refused',
          reason: `${said} (a public version with more than 5,000 downloads)`,
          fix: 'GitHub does not delete it; ask GitHub Support, or tag it (e.g. keep-<date>) so prune leaves it alone.',
        };
      }
      if (failure.status === 400 && /last/i.test(failure.message)) {
        return {
          status: 'refused',
          reason: `${said} (the last tagged version of the package)`,
          fix: 'GitHub keeps the last tagged version; delete the whole package on GitHub if that is what you want.',
        };
      }
      if (failure.status === 403 || failure.status === 404) {
        return {
          status: 'refused',
          reason: `${said} (the workflow's repository has no Admin role on the package, or the version is gone)`,
          fix: this.hint,
        };
      }
      if (failure.status === 400 || failure.status === 409 || failure.status === 422) {
        return {
          status: 'refused',
          reason: said,
          fix: 'Delete it on GitHub by hand if it should go.',
        };
      }
      throw new PruneError(
        `Deleting version ${version.id} (${deletion.digest}) of ${this.owner}/${this.packageName} failed: ${inline(describe(error))}` +
          (failure.status === 401 ? ` ${this.hint}` : ''),
        { cause: error },
      );
    }
  }

  close(): void {}

  /** One API request, retried on 5xx, 429 and rate-limit 403s with backoff (Retry-After honoured). */
  private async call(
    route: string,
    parameters: Record<string, unknown>,
  ): Promise<{ status: number; headers: Record<string, unknown>; data: unknown }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.options.octokit.request(route, parameters);
      } catch (error) {
        const failure = failureOf(error);
        const wait = failure === undefined ? undefined : this.retryDelay(failure, attempt);
        if (wait === undefined || attempt >= this.maxAttempts) {
          if (wait !== undefined && error instanceof Error)
            error.message += ` (gave up after ${attempt} attempts)`;
          throw error;
        }
        this.options.debug(
          `${route.split(' ')[0]} ${route.includes('/versions/') ? 'version' : 'versions'}: attempt ${attempt} of ${this.maxAttempts} got ${failure?.status}; retrying in ${wait} ms`,
        );
        await this.sleep(wait);
      }
    }
  }

  /** How long to wait before another attempt, or undefined when another attempt cannot help. */
  private retryDelay(failure: ApiFailure, attempt: number): number | undefined {
    const rateLimited =
      failure.status === 429 ||
      (failure.status === 403 &&
        (/rate limit/i.test(failure.message) ||
          headerText(failure.headers, 'x-ratelimit-remaining') === '0'));
    if (!rateLimited && failure.status < 500) return undefined;
    const backoff = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    const retryAfter = Number(headerText(failure.headers, 'retry-after'));
    if (Number.isFinite(retryAfter) && retryAfter >= 0)
      return Math.min(this.maxDelayMs, Math.max(backoff, retryAfter * 1000));
    const reset = Number(headerText(failure.headers, 'x-ratelimit-reset'));
    if (
      rateLimited &&
      headerText(failure.headers, 'x-ratelimit-remaining') === '0' &&
      Number.isFinite(reset)
    )
      return Math.min(this.maxDelayMs, Math.max(backoff, reset * 1000 - this.now()));
    return backoff;
  }
}

function describe(error: unknown): string {
  const failure = failureOf(error);
  if (failure !== undefined)
    return `${failure.status}${failure.message ? ` ${failure.message}` : ''}`;
  return messageOf(error);
}
