import { parseChallenges, type Challenge } from './challenge.js';
import {
  AuthError,
  CredentialsRejectedError,
  RegistryError,
  parseErrorBody,
  stripQuery,
} from './errors.js';
import { isLoopbackHost } from './reference.js';
import { isRetryableStatus, parseRetryAfter } from './retry.js';
import { header, readBody, readErrorText, type HttpResponse } from './transport.js';
import type { Credentials } from './types.js';

/**
 * What a token is asked for: `pull` reads a repository, `pull,push` also writes it, `pull,delete`
 * also deletes manifests (the distribution registry asks for `delete`).
 */
export type RepositoryAccess = 'pull' | 'pull,push' | 'pull,delete';

/** `repository:<name>:<access>`, e.g. `repository:org/cache:pull,push`. */
export function repositoryScope(repository: string, access: RepositoryAccess): string {
  return `repository:${repository}:${access}`;
}

interface CachedToken {
  token: string;
  /** ms since epoch after which we fetch a new one before using it */
  refreshAt: number;
}

/** Sends a GET for the token endpoint (with redirects handled); supplied by the session. */
type TokenGet = (
  url: string,
  authorization: string | undefined,
  operation: string,
) => Promise<HttpResponse>;

export interface AuthenticatorOptions {
  registry: string;
  credentials?: Credentials;
  onSecret?: (secret: string) => void;
  debug: (message: string) => void;
  get: TokenGet;
  now?: () => number;
}

const TOKEN_BODY_LIMIT = 1024 * 1024;

/**
 * Docker token / Basic / anonymous authentication driven by the registry's WWW-Authenticate
 * challenges. Tokens are cached per scope, reused while they work and fetched again once when a
 * request using them gets a 401. The raw password is only ever sent as Basic credentials (to the
 * registry when it asks for Basic, or to the token realm), never as a Bearer token.
 */
export class Authenticator {
  private mode: 'unknown' | 'basic' | 'bearer' | 'anonymous' = 'unknown';
  private bearer?: Challenge;
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<void>>();
  private readonly refused = new Map<string, AuthError>();
  private readonly now: () => number;

  constructor(private readonly options: AuthenticatorOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The Authorization header value for a request to the registry in `scope`, if any. */
  authorization(scope: string): string | undefined {
    if (this.mode === 'basic') return this.basic();
    if (this.mode !== 'bearer') return undefined;
    const cached = this.tokens.get(scope);
    return cached ? `Bearer ${cached.token}` : undefined;
  }

  /** True when a cached token for `scope` is about to expire and should be fetched anew first. */
  needsRefresh(scope: string): boolean {
    const cached = this.tokens.get(scope);
    return this.mode === 'bearer' && cached !== undefined && this.now() >= cached.refreshAt;
  }

  /** Fetches a fresh token for `scope` ahead of a request (used before long uploads). */
  async refresh(scope: string, operation: string): Promise<void> {
    if (this.mode === 'bearer' && this.bearer) await this.fetchToken(this.bearer, scope, operation);
  }

  /**
   * Handles a 401 for a request that was sent with `sentAuthorization`. Returns true when the
   * request should be sent once more (new token or credentials), false when another try cannot
   * help (the caller turns the 401 into an error); throws an AuthError when it knows better.
   */
  async onUnauthorized(
    res: HttpResponse,
    scope: string,
    operation: string,
    sentAuthorization: string | undefined,
  ): Promise<boolean> {
    const challenges = parseChallenges(res.headers['www-authenticate']);
    const bearer = challenges.find((c) => c.scheme === 'bearer' && c.params['realm']);
    const basic = challenges.find((c) => c.scheme === 'basic');
    if (bearer) {
      this.mode = 'bearer';
      this.bearer = bearer;
      const cached = this.tokens.get(scope);
      if (cached && `Bearer ${cached.token}` !== sentAuthorization) return true; // refreshed meanwhile
      if (
        sentAuthorization !== undefined &&
        bearer.params['error'] === 'insufficient_scope' &&
        covers(scope, bearer.params['scope'])
      ) {
        // The token is valid but does not grant this: a new one would not either.
        return false;
      }
      await this.fetchToken(bearer, scope, operation);
      return true;
    }
    if (basic) {
      if (!this.options.credentials) {
        throw new AuthError({
          operation,
          status: 401,
          code: 'UNAUTHORIZED',
          detail: `the registry asks for a username and password (Basic auth) and none were given`,
          url: res.url,
        });
      }
      if (this.mode === 'basic' && sentAuthorization !== undefined) return false;
      this.mode = 'basic';
      return true;
    }
    return false;
  }

  /** True when requests to the registry carry the username and password as Basic auth. */
  sendsBasicCredentials(): boolean {
    return this.mode === 'basic' && this.options.credentials !== undefined;
  }

  private basic(): string | undefined {
    const c = this.options.credentials;
    return c
      ? `Basic ${Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')}`
      : undefined;
  }

  /** One token exchange per scope at a time; concurrent callers share it. */
  private fetchToken(challenge: Challenge, scope: string, operation: string): Promise<void> {
    const failed = this.refused.get(scope);
    if (failed) return Promise.reject(failed); // wrong credentials stay wrong: ask once
    const running = this.pending.get(scope);
    if (running) return running;
    const job = this.exchange(challenge, scope, operation)
      .catch((err: unknown) => {
        if (err instanceof AuthError) this.refused.set(scope, err);
        throw err;
      })
      .finally(() => this.pending.delete(scope));
    this.pending.set(scope, job);
    return job;
  }

  /** Asks the token realm of `challenge` for a token for `scope` and caches it. */
  private async exchange(challenge: Challenge, scope: string, operation: string): Promise<void> {
    const realm = challenge.params['realm'] as string;
    const { url, scopes } = tokenUrl(tokenRealm(realm, operation), challenge, scope);
    const tokenOp = `${operation} (token request to ${stripQuery(realm)})`;
    this.options.debug(`requesting a token for ${scopes.join(' ')} from ${stripQuery(realm)}`);
    const authorization = this.basic();
    const res = await this.options.get(url, authorization, tokenOp);
    if (res.status !== 200)
      throw await tokenFailure(res, url, tokenOp, authorization !== undefined);
    const { token, lifetimeS } = parseTokenResponse(await readBody(res, TOKEN_BODY_LIMIT), tokenOp);
    this.options.onSecret?.(token);
    // Refresh a little early so a long upload does not start with a token about to expire.
    const margin = Math.min(30, lifetimeS / 4);
    this.tokens.set(scope, { token, refreshAt: this.now() + (lifetimeS - margin) * 1000 });
  }
}

/** The token realm as a URL; credentials go only to HTTPS (or plain HTTP on loopback). */
function tokenRealm(realm: string, operation: string): URL {
  let realmUrl: URL;
  try {
    realmUrl = new URL(realm);
  } catch (err) {
    throw new AuthError({
      operation,
      detail: `the registry's token realm is not a URL`,
      cause: err,
    });
  }
  if (
    realmUrl.protocol !== 'https:' &&
    !(realmUrl.protocol === 'http:' && isLoopbackHost(realmUrl.host))
  ) {
    throw new AuthError({
      operation,
      url: realm,
      detail: `refusing to send credentials to a token realm that is not HTTPS (${realmUrl.protocol}//${realmUrl.host})`,
    });
  }
  return realmUrl;
}

/**
 * The token request's URL: the realm with `service` and the scopes, ours first, then any other
 * resource the challenge names (the same resource is asked for once, as ours).
 */
function tokenUrl(
  realmUrl: URL,
  challenge: Challenge,
  scope: string,
): { url: string; scopes: string[] } {
  const scopes = [scope];
  for (const s of (challenge.params['scope'] ?? '').split(' ')) {
    if (s !== '' && !scopes.includes(s) && !sameResource(s, scope)) scopes.push(s);
  }
  const params = new URLSearchParams();
  if (challenge.params['service'] !== undefined)
    params.append('service', challenge.params['service']);
  for (const s of scopes) params.append('scope', s);
  const sep = realmUrl.search === '' ? '?' : '&';
  return { url: `${realmUrl.href}${sep}${params.toString()}`, scopes };
}

/**
 * The error for a token response other than 200: retryable when the status says so; a 401/403 to
 * the credentials we sent is a CredentialsRejectedError (ghcr.io answers `403 DENIED: denied` to
 * an expired or wrong token), whatever its body.
 */
async function tokenFailure(
  res: HttpResponse,
  url: string,
  operation: string,
  sentCredentials: boolean,
): Promise<RegistryError> {
  const text = await readErrorText(res);
  const errors = parseErrorBody(text);
  const first = errors[0];
  const init = {
    operation,
    status: res.status,
    url,
    errors,
    ...(first
      ? { code: first.code, detail: first.message }
      : { detail: tokenServerText(text, res.status, sentCredentials) }),
  };
  if (isRetryableStatus(res.status, text)) {
    const retryAfterMs = parseRetryAfter(header(res, 'retry-after'));
    return new RegistryError({
      ...init,
      retryable: true,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  if (sentCredentials && (res.status === 401 || res.status === 403))
    return new CredentialsRejectedError(init);
  return new AuthError(init);
}

/** The token and its lifetime in seconds (60 when the response gives none) from a 200 body. */
function parseTokenResponse(body: Buffer, operation: string): { token: string; lifetimeS: number } {
  let token: unknown;
  let expiresIn: unknown;
  try {
    const json = JSON.parse(body.toString('utf8')) as {
      token?: unknown;
      access_token?: unknown;
      expires_in?: unknown;
    };
    token = json.token ?? json.access_token;
    expiresIn = json.expires_in;
  } catch (err) {
    throw new AuthError({
      operation,
      status: 200,
      detail: 'the token response is not JSON',
      cause: err,
    });
  }
  if (typeof token !== 'string' || token === '') {
    throw new AuthError({ operation, status: 200, detail: 'the token response has no token' });
  }
  const lifetimeS = typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn : 60;
  return { token, lifetimeS };
}

/** Whether the token scope we asked for covers every action the challenge's scope asks for. */
function covers(ours: string, challengeScope: string | undefined): boolean {
  if (challengeScope === undefined) return true;
  return challengeScope.split(' ').every((s) => {
    if (!sameResource(s, ours)) return false;
    const want = (s.split(':')[2] ?? '').split(',');
    const have = (ours.split(':')[2] ?? '').split(',');
    return want.every((a) => a === '' || have.includes(a));
  });
}

function sameResource(a: string, b: string): boolean {
  return a.split(':').slice(0, 2).join(':') === b.split(':').slice(0, 2).join(':');
}

function tokenServerText(text: string, status: number, sentCredentials: boolean): string {
  const trimmed = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  if (status === 401 || status === 403) {
    const what = sentCredentials
      ? 'the token server rejected the credentials'
      : 'the token server refused an anonymous token';
    return `${what}${trimmed ? ` (${trimmed})` : ''}`;
  }
  return trimmed || 'no details';
}
