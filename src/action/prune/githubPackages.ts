/**
 * The ghcr.io prune backend: GitHub's Packages REST API (ghcr.io answers OCI DELETE with 405).
 * Versions of the container package are listed with `per_page=100` and the `Link` header, a
 * version's `name` is its manifest digest and `metadata.container.tags` its tags; deletions go
 * one at a time. The owner's kind (user or organization) comes from `GET /users/{owner}`.
 * Referrers indexes are read over ghcr.io's registry API (GitHub's API cannot read them).
 *
 * The token goes only to the API base (GITHUB_API_URL): a `Link` to any other origin is refused.
 */
import {
  causes,
  isDigest,
  parseIndexMembers,
  type Deletion,
  type TaggedManifest,
} from '../../artifact/index.js';
import {
  nextLink,
  parseRetryAfter,
  retryMessage,
  retrying,
  type Repository,
  type RetryEvent,
  type RetryPolicy,
} from '../../registry/index.js';
import { credentialsFix, messageOf } from '../errors.js';
import { PruneError } from './errors.js';
import type { DeleteOutcome, PruneBackend } from './backend.js';
import { inline } from '../untrusted.js';

interface ApiResponse {
  status: number;
  headers: Record<string, unknown>;
  data: unknown;
}

/** The part of Octokit this backend uses (`getOctokit(token).request`). */
interface OctokitLike {
  request(route: string, parameters?: Record<string, unknown>): Promise<ApiResponse>;
}

/** ghcr.io's registry API (a RegistryClient): where the referrers indexes are read. */
export interface IndexRegistry {
  repository(name: string, access: 'pull'): Pick<Repository, 'fetchIndex'>;
  close(): void;
}

export interface GitHubPackagesOptions {
  octokit: OctokitLike;
  /** The API base the Octokit uses (GITHUB_API_URL). */
  apiUrl: string;
  /** `owner/name[/more]` as in ghcr.io/<repository>. */
  repository: string;
  /** Opens the registry when the first referrers index is read; close() closes it. */
  openRegistry(): IndexRegistry;
  debug(message: string): void;
  /** Hears each retry before its wait (default: a debug line). */
  onRetry?: (retry: RetryEvent) => void;
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

/** The permission advice for a package this workflow may not list or delete from. */
function packagesPermissionHint(owner: string, packageName: string): string {
  return (
    `Give the job \`permissions: packages: write\`, and give this workflow's repository the Admin role on the package: ` +
    `open it on GitHub (${owner} → Packages → ${packageName} → Package settings → Manage Actions access) and add the repository with the Admin role. ` +
    'Deleting versions needs Admin; Write is enough only to push. With a personal access token instead, it needs read:packages and delete:packages.'
  );
}

/** GitHub's 401 ("Bad credentials"): the token itself was refused, not a permission missing. */
const REJECTED_TOKEN_HINT = `GitHub rejected the token in 'token' (it is expired, wrong or revoked): ${credentialsFix('read:packages and delete:packages')}.`;

interface ApiFailure {
  status: number;
  message: string;
  headers: Record<string, unknown>;
}

/** GitHub's answer in an Octokit error (looking through a RetriesExhaustedError), if any. */
function failureOf(error: unknown): ApiFailure | undefined {
  for (const cause of causes(error)) {
    const e = cause as {
      status?: unknown;
      response?: { data?: unknown; headers?: Record<string, unknown> };
    };
    if (typeof e !== 'object' || e === null || typeof e.status !== 'number') continue;
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
  return undefined;
}

function headerText(headers: Record<string, unknown>, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function describe(error: unknown): string {
  const failure = failureOf(error);
  if (failure !== undefined)
    return `${failure.status}${failure.message ? ` ${failure.message}` : ''}`;
  return messageOf(error);
}

/** api.github.com's rate limiting: 429, or a 403 that says so (or has no requests left). */
function isRateLimited(failure: ApiFailure): boolean {
  return (
    failure.status === 429 ||
    (failure.status === 403 &&
      (/rate limit/i.test(failure.message) ||
        headerText(failure.headers, 'x-ratelimit-remaining') === '0'))
  );
}

/** The wait GitHub asked for: Retry-After, else the rate limit's reset when none is left. */
function retryAfterOf(failure: ApiFailure, now: number): number | undefined {
  const asked = parseRetryAfter(headerText(failure.headers, 'retry-after'), now);
  if (asked !== undefined) return asked;
  const reset = Number(headerText(failure.headers, 'x-ratelimit-reset'));
  if (
    isRateLimited(failure) &&
    headerText(failure.headers, 'x-ratelimit-remaining') === '0' &&
    Number.isFinite(reset)
  )
    return Math.max(0, reset * 1000 - now);
  return undefined;
}

/** The registry room's retry loop with GitHub's rules: 5xx and rate limits are retried. */
function gitHubRetryPolicy(options: GitHubPackagesOptions): RetryPolicy {
  const now = options.now ?? Date.now;
  return {
    maxAttempts: options.maxAttempts ?? 5,
    delays: {
      baseDelayMs: options.retryBaseDelayMs ?? 1000,
      maxDelayMs: options.retryMaxDelayMs ?? 60_000,
    },
    isRetryable: (error) => {
      const f = failureOf(error);
      return f !== undefined && (f.status >= 500 || isRateLimited(f));
    },
    retryAfter: (error) => {
      const f = failureOf(error);
      return f === undefined ? undefined : retryAfterOf(f, now());
    },
    describe: (error) => inline(describe(error)),
    onRetry: options.onRetry ?? ((retry) => options.debug(retryMessage(retry))),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  };
}

/** A version of the package from one item of the versions list, or undefined if it is none. */
function versionOf(item: unknown): Version | undefined {
  const v = item as { id?: unknown; name?: unknown; metadata?: { container?: { tags?: unknown } } };
  if (typeof v.id !== 'number' || !isDigest(v.name)) return undefined;
  const tags = v.metadata?.container?.tags;
  return {
    id: v.id,
    digest: v.name,
    tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [],
  };
}

/** Why GitHub refused a deletion and what to do, or undefined when it is not a refusal. */
function refusalOf(
  failure: ApiFailure,
  hint: string,
): Extract<DeleteOutcome, { status: 'refused' }> | undefined {
  const said = failure.message
    ? `GitHub: "${inline(failure.message)}"`
    : `GitHub answered ${failure.status}`;
  const refused = (reason: string, fix: string) => ({ status: 'refused' as const, reason, fix });
  if (failure.status === 400 && /download/i.test(failure.message))
    return refused(
      `${said} (a public version with more than 5,000 downloads)`,
      'GitHub does not delete it; ask GitHub Support, or tag it (e.g. keep-<date>) so prune leaves it alone.',
    );
  if (failure.status === 400 && /last/i.test(failure.message))
    return refused(
      `${said} (the last tagged version of the package)`,
      'GitHub keeps the last tagged version; delete the whole package on GitHub if that is what you want.',
    );
  if (failure.status === 403 || failure.status === 404)
    return refused(
      `${said} (the workflow's repository has no Admin role on the package, or the version is gone)`,
      hint,
    );
  if (failure.status === 400 || failure.status === 409 || failure.status === 422)
    return refused(said, 'Delete it on GitHub by hand if it should go.');
  return undefined;
}

export class GitHubPackagesBackend implements PruneBackend {
  private readonly owner: string;
  private readonly packageName: string;
  private readonly apiBase: string;
  private readonly apiOrigin: string;
  private readonly retryPolicy: RetryPolicy;
  private ownerPath?: string;
  private readonly versions = new Map<string, Version>();
  private registry?: IndexRegistry;
  private indexes?: Pick<Repository, 'fetchIndex'>;

  constructor(private readonly options: GitHubPackagesOptions) {
    const [owner, ...rest] = options.repository.split('/');
    if (!owner || rest.length === 0)
      throw new PruneError(
        `'${options.repository}' has no package name after the owner (e.g. my-org/lei-cache).`,
      );
    this.owner = owner;
    this.packageName = rest.join('/');
    this.apiBase = options.apiUrl.replace(/\/+$/, '');
    this.apiOrigin = new URL(options.apiUrl).origin;
    this.retryPolicy = gitHubRetryPolicy(options);
  }

  private get hint(): string {
    return packagesPermissionHint(this.owner, this.packageName);
  }

  /** The advice for a 401 (the token is refused) or a 403 (a permission is missing). */
  private adviceFor(status: number | undefined): string {
    return status === 401 ? REJECTED_TOKEN_HINT : this.hint;
  }

  /** `orgs/<owner>` or `users/<owner>`, from GET /users/{owner}. */
  private async base(): Promise<string> {
    if (this.ownerPath !== undefined) return this.ownerPath;
    let type: unknown;
    try {
      const res = await this.call('look up the package owner', 'GET /users/{username}', {
        username: this.owner,
      });
      type = (res.data as { type?: unknown }).type;
    } catch (error) {
      const failure = failureOf(error);
      const status = failure?.status;
      throw new PruneError(
        status === 404
          ? `GitHub has no user or organization '${this.owner}' (GET /users/${this.owner} answered 404); check the repository input.`
          : `Could not look up the package owner '${this.owner}' at ${this.apiOrigin}: ` +
              (status === 401 || status === 403
                ? `GitHub answered ${status}${failure?.message ? ` (${inline(failure.message)})` : ''}. ${this.adviceFor(status)}`
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
    this.versions.clear();
    let pages = 0;
    for await (const page of this.versionPages()) {
      pages++;
      if (!Array.isArray(page))
        throw new PruneError(
          `GitHub's API sent something other than a list of package versions (page ${pages}).`,
        );
      for (const item of page as unknown[]) {
        const version = versionOf(item);
        if (version === undefined) {
          const name = (item as { name?: unknown } | null)?.name;
          this.options.debug(
            `skipped a package version that is not a manifest digest: ${inline(String(name))}`,
          );
          continue;
        }
        this.versions.set(version.digest, version);
      }
    }
    this.options.debug(`listed ${this.versions.size} package version(s) in ${pages} page(s)`);
    return [...this.versions.values()].map((v) => ({ digest: v.digest, tags: v.tags }));
  }

  /** Each page of the versions list, following `Link: rel="next"` on the API's origin only. */
  private async *versionPages(): AsyncGenerator<unknown> {
    let url: string | undefined = `${this.apiBase}${await this.versionsPath()}?per_page=100`;
    while (url !== undefined) {
      if (new URL(url).origin !== this.apiOrigin) {
        throw new PruneError(
          `GitHub's API sent a next-page link to another host (${inline(new URL(url).origin)}); refusing to send the token there.`,
        );
      }
      let res: ApiResponse;
      try {
        res = await this.call('list package versions', `GET ${url}`, {});
      } catch (error) {
        const failure = failureOf(error);
        const answered = `GitHub answered ${failure?.status}${failure?.message ? ` (${inline(failure.message)})` : ''}`;
        const what =
          failure?.status === 401
            ? `${answered}. ${REJECTED_TOKEN_HINT}`
            : failure?.status === 404 || failure?.status === 403
              ? `${answered}: the package does not exist, or this token may not see it. ${this.hint}`
              : inline(describe(error));
        throw new PruneError(
          `Could not list the versions of the container package ${this.owner}/${this.packageName}: ${what}`,
          { cause: error },
        );
      }
      yield res.data;
      const next = nextLink(headerText(res.headers, 'link'));
      url = next === undefined ? undefined : new URL(next, url).href;
    }
  }

  /** Reads the index over the registry API, through one repository opened on the first call. */
  async indexMembers(indexDigest: string): Promise<string[]> {
    if (this.indexes === undefined) {
      this.registry = this.options.openRegistry();
      this.indexes = this.registry.repository(this.options.repository, 'pull');
    }
    return parseIndexMembers(await this.indexes.fetchIndex(indexDigest));
  }

  async delete(deletion: Deletion): Promise<DeleteOutcome> {
    const version = this.versions.get(deletion.digest);
    if (version === undefined) return { status: 'gone' };
    const path = `${await this.versionsPath()}/${version.id}`;
    try {
      await this.call(`delete version ${version.id}`, `DELETE ${this.apiBase}${path}`, {});
    } catch (error) {
      const failure = failureOf(error);
      if (failure === undefined) throw error;
      const refusal = refusalOf(failure, this.hint);
      if (refusal !== undefined) return refusal;
      throw new PruneError(
        `Deleting version ${version.id} (${deletion.digest}) of ${this.owner}/${this.packageName} failed: ${inline(describe(error))}` +
          (failure.status === 401 ? ` ${REJECTED_TOKEN_HINT}` : ''),
        { cause: error },
      );
    }
    this.versions.delete(deletion.digest);
    return { status: 'deleted', restore: `gh api --method POST ${path}/restore` };
  }

  close(): void {
    this.registry?.close();
  }

  /** One API request, retried on 5xx, 429 and rate-limit 403s (registry/retry.ts `retrying`). */
  private call(
    operation: string,
    route: string,
    parameters: Record<string, unknown>,
  ): Promise<ApiResponse> {
    return retrying(
      operation,
      () => this.options.octokit.request(route, parameters),
      this.retryPolicy,
    );
  }
}
