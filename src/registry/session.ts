import { STATUS_CODES, type OutgoingHttpHeaders } from 'node:http';
import { findCause } from '../artifact/index.js';
import { Authenticator } from './auth.js';
import { parseChallenges } from './challenge.js';
import {
  AuthError,
  CredentialsRejectedError,
  NetworkError,
  RegistryError,
  parseErrorBody,
  type RegistryErrorInit,
} from './errors.js';
import { isUnknownHost, networkProblem } from './network.js';
import { sendFollowingRedirects } from './redirect.js';
import { registryBaseUrl } from './reference.js';
import {
  RetriesExhaustedError,
  isRetryableNetworkError,
  isRetryableStatus,
  isSecondaryRateLimit,
  parseRetryAfter,
  retryMessage,
  retrying,
  type RetryPolicy,
} from './retry.js';
import {
  discard,
  header,
  readErrorText,
  Transport,
  TransportError,
  type HttpRequest,
  type HttpResponse,
} from './transport.js';
import { progressCounter, type ProgressCounter } from './progress.js';
import type { RegistryClientOptions, TransferProgress } from './types.js';

const DEFAULTS = {
  maxAttempts: 5,
  stallTimeoutMs: 60_000,
  retryBaseDelayMs: 1000,
  retryMaxDelayMs: 60_000,
  concurrency: 3,
  userAgent: 'lei-cache-action',
} as const;

export interface SessionRequest {
  method: string;
  /** A path below the registry (`/v2/...`) or an absolute URL (upload locations). */
  url: string;
  /** Token scope, e.g. `repository:org/name:pull,push`. */
  scope: string;
  headers?: OutgoingHttpHeaders;
  body?: HttpRequest['body'];
  onBodyBytes?: (bytes: number) => void;
}

/**
 * One registry, as seen by the operations: requests with authentication, redirects, typed
 * errors, and a retry loop for whole operations.
 */
export class Session {
  readonly registry: string;
  readonly baseUrl: string;
  readonly maxAttempts: number;
  readonly concurrency: number;
  private readonly registryOrigin: string;
  private readonly transport: Transport;
  private readonly auth: Authenticator;
  private readonly retryPolicy: RetryPolicy;

  constructor(
    registry: string,
    private readonly options: RegistryClientOptions,
  ) {
    this.registry = registry;
    this.baseUrl = registryBaseUrl(registry);
    this.registryOrigin = new URL(this.baseUrl).origin;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULTS.maxAttempts);
    this.concurrency = Math.max(1, options.concurrency ?? DEFAULTS.concurrency);
    this.retryPolicy = {
      maxAttempts: this.maxAttempts,
      delays: {
        baseDelayMs: options.retryBaseDelayMs ?? DEFAULTS.retryBaseDelayMs,
        maxDelayMs: options.retryMaxDelayMs ?? DEFAULTS.retryMaxDelayMs,
      },
      isRetryable,
      retryAfter: (err) => findCause(err, RegistryError)?.retryAfterMs,
      describe: errorSummary,
      onRetry: options.onRetry ?? ((retry) => this.debug(retryMessage(retry))),
    };
    this.transport = new Transport({
      userAgent: options.userAgent ?? DEFAULTS.userAgent,
      stallTimeoutMs: options.stallTimeoutMs ?? DEFAULTS.stallTimeoutMs,
    });
    this.auth = new Authenticator({
      registry,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      ...(options.onSecret ? { onSecret: options.onSecret } : {}),
      debug: (m) => this.debug(m),
      get: (url, authorization, operation) =>
        this.sendRaw(
          { method: 'GET', url, headers: {} },
          operation,
          authorization,
          new URL(url).origin,
        ),
    });
  }

  debug(message: string): void {
    this.options.onDebug?.(message);
  }

  /** A byte counter reporting to the client's onProgress, or undefined when nobody listens. */
  progress(
    operation: TransferProgress['operation'],
    digest: string,
    total: number,
  ): ProgressCounter | undefined {
    const onProgress = this.options.onProgress;
    return onProgress ? progressCounter(onProgress, operation, digest, total) : undefined;
  }

  /**
   * Sends one request to the registry with authentication (one more try after a 401 with a
   * fresh token or credentials) and redirects. Returns any final status; network failures
   * become NetworkError.
   */
  async request(req: SessionRequest, operation: string): Promise<HttpResponse> {
    const url = new URL(req.url, this.baseUrl).href;
    if (this.auth.needsRefresh(req.scope)) await this.auth.refresh(req.scope, operation);
    for (let authTry = 0; ; authTry++) {
      const authorization = this.auth.authorization(req.scope);
      const res = await this.sendRaw(
        { ...req, url, headers: req.headers ?? {} },
        operation,
        authorization,
        this.registryOrigin,
      );
      if (res.status !== 401 || authTry > 0) return res;
      // A 401 from a redirect target (e.g. a storage host) is not the registry's challenge:
      // following it would send our credentials to a token realm that host names.
      if (new URL(res.url).origin !== this.registryOrigin) return res;
      let again: boolean;
      try {
        again = await this.auth.onUnauthorized(res, req.scope, operation, authorization);
      } catch (err) {
        discard(res);
        throw err;
      }
      if (!again) return res; // the caller reads the registry's error body
      discard(res);
    }
  }

  private async sendRaw(
    req: Omit<SessionRequest, 'scope' | 'headers'> & { headers: OutgoingHttpHeaders },
    operation: string,
    authorization: string | undefined,
    /**
     * scheme://host:port allowed to see `authorization` (the registry's, or the token realm's):
     * never another host, and never the same host over another scheme (plain HTTP).
     */
    authorizedOrigin: string,
  ): Promise<HttpResponse> {
    const authorizationFor = (u: URL): string | undefined =>
      authorization !== undefined && u.origin === authorizedOrigin ? authorization : undefined;
    try {
      return await sendFollowingRedirects(
        this.transport,
        {
          method: req.method,
          url: req.url,
          headers: req.headers,
          ...(req.body ? { body: req.body } : {}),
          ...(req.onBodyBytes ? { onBodyBytes: req.onBodyBytes } : {}),
        },
        authorizationFor,
        operation,
      );
    } catch (err) {
      throw asNetworkError(err, operation, req.url);
    }
  }

  /** Turns an unexpected response into a typed error (reads at most 64 KiB of its body). */
  async errorFor(res: HttpResponse, operation: string, expected?: string): Promise<RegistryError> {
    const text = res.body.readableEnded ? '' : await readErrorText(res);
    const errors = parseErrorBody(text);
    const first = errors[0];
    const retryAfterMs = parseRetryAfter(header(res, 'retry-after'));
    const init: RegistryErrorInit = {
      operation,
      status: res.status,
      url: res.url,
      errors,
      retryable: isRetryableStatus(res.status, text),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
    if (first) {
      init.code = first.code;
      init.detail =
        errors
          .map((e) => e.message)
          .filter((m) => m !== '')
          .join('; ') || undefined;
      if (init.detail === undefined) delete init.detail;
    } else {
      init.detail = describeStatus(res, text, expected);
    }
    if (res.status === 401 && this.rejectsBasicCredentials(res))
      return new CredentialsRejectedError(init);
    if ((res.status === 401 || res.status === 403) && !isSecondaryRateLimit(text))
      return new AuthError(init);
    return new RegistryError(init);
  }

  /**
   * A 401 from the registry itself while we speak Basic auth with credentials: the username and
   * password were refused (the registry has no other way to say so).
   */
  private rejectsBasicCredentials(res: HttpResponse): boolean {
    return this.auth.sendsBasicCredentials() && new URL(res.url).origin === this.registryOrigin;
  }

  /**
   * Runs `attempt` until it succeeds, fails for good, or maxAttempts is reached (registry/retry.ts
   * `retrying` with the client's policy). What it throws is a RegistryError where it can be; after
   * more than one attempt its message ends "(gave up after N attempts)".
   */
  async retrying<T>(operation: string, attempt: (n: number) => Promise<T>): Promise<T> {
    try {
      return await retrying(operation, attempt, this.retryPolicy);
    } catch (err) {
      if (err instanceof RetriesExhaustedError)
        throw asRegistryError(err.cause, operation, err.attempts);
      throw asRegistryError(err, operation);
    }
  }

  dispose(): void {
    this.transport.dispose();
  }
}

/** Whether another attempt may help; looks through wrappers (unpack wraps fetch errors). */
function isRetryable(err: unknown): boolean {
  return findCause(err, RegistryError)?.retryable ?? isRetryableNetworkError(err);
}

function asNetworkError(err: unknown, operation: string, url: string): RegistryError {
  if (err instanceof RegistryError) return err;
  const e = err instanceof Error ? err : new Error(String(err));
  if (err instanceof TransportError || isRetryableNetworkError(err)) {
    return new NetworkError({
      operation,
      url,
      detail: e.message,
      cause: e,
      ...(isUnknownHost(e) ? { retryable: false } : {}),
    });
  }
  // e.g. the blob's file could not be read: not something another attempt fixes
  return new RegistryError({ operation, url, detail: e.message, cause: e });
}

/**
 * The error an operation ends with: a RegistryError as it is, a connection failure as a
 * NetworkError (not retryable any more), anything else as it is. With `attempts` (retries ran
 * out), the message says so: the same class of RegistryError restated, or a RetriesExhaustedError
 * around anything else.
 */
function asRegistryError(err: unknown, operation: string, attempts?: number): unknown {
  if (err instanceof RegistryError)
    return attempts === undefined ? err : err.afterAttempts(attempts);
  if (isRetryableNetworkError(err)) {
    return new NetworkError({
      operation,
      detail: (err as Error).message,
      cause: err,
      retryable: false,
      ...(attempts !== undefined ? { attempts } : {}),
    });
  }
  return attempts === undefined ? err : new RetriesExhaustedError(attempts, err);
}

function errorSummary(err: unknown): string {
  const problem = networkProblem(err);
  if (problem !== undefined) return problem.words;
  if (err instanceof RegistryError) {
    return [err.status, err.code, err.detail].filter((x) => x !== undefined).join(' ');
  }
  return err instanceof Error ? err.message : String(err);
}

function describeStatus(res: HttpResponse, text: string, expected?: string): string {
  if (res.status === 401 || res.status === 403) {
    const bearer = parseChallenges(res.headers['www-authenticate']).find(
      (c) => c.scheme === 'bearer',
    );
    const error = bearer?.params['error'];
    if (error === 'insufficient_scope') {
      return `access denied: the token does not grant ${bearer?.params['scope'] ?? 'the requested access'} (insufficient_scope)`;
    }
    if (error !== undefined) return `access denied (${error})`;
    if (text.trim() === '') return 'access denied';
  }
  const statusText = STATUS_CODES[res.status] ?? 'unexpected status';
  const snippet = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
  const base = snippet !== '' && snippet !== statusText ? `${statusText}: ${snippet}` : statusText;
  return expected ? `${base} (expected ${expected})` : base;
}
