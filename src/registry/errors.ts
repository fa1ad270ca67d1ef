import { STATUS_CODES } from 'node:http';
import { gaveUpMessage } from './retry.js';

/** One entry of the distribution spec's error body: `{"errors":[{code,message,detail}]}`. */
export interface RegistryErrorEntry {
  code: string;
  message: string;
  detail?: unknown;
}

export interface RegistryErrorInit {
  /** What the client was doing, e.g. `push blob sha256:abc… to ghcr.io/org/repo`. */
  operation: string;
  status?: number;
  /** The registry's error code (e.g. DENIED), when it sent one. */
  code?: string;
  /** The registry's own message (or a short description of the failure). */
  detail?: string;
  /** The URL involved, query string removed (signed URLs carry secrets). */
  url?: string;
  errors?: RegistryErrorEntry[];
  /** Whether another attempt could succeed (network errors, 5xx, 429...). */
  retryable?: boolean;
  /** Seconds/ms the registry asked us to wait (Retry-After), in milliseconds. */
  retryAfterMs?: number;
  /** Set on the error a retry loop gives up with: how many attempts failed like this one. */
  attempts?: number;
  cause?: unknown;
}

/*
 * The registry room's errors, all with `cause` where there is one:
 *   UsageError            a call the client refuses before any network traffic
 *     InvalidReferenceError  a reference string that is not `host/name[:tag][@digest]`
 *   RegistryError         a registry operation that failed (status, code, detail, retryable)
 *     AuthError             401/403 or a failed token exchange
 *       CredentialsRejectedError  the token endpoint (or a Basic-auth registry) refused the
 *                                 username and password themselves: not a missing permission
 *     NetworkError          resets, refused connections, stalls, redirect trouble
 *     VerificationError     content or digests that do not match
 * Failures below HTTP are transport.ts's TransportError, which never leaves the room: the session
 * wraps it in a NetworkError (as its cause).
 */

/**
 * A call the client refuses before sending anything: a bad repository, tag, digest or host.
 */
export class UsageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * A reference string that does not parse; `problem` says what is wrong with it.
 */
export class InvalidReferenceError extends UsageError {
  constructor(
    readonly reference: string,
    readonly problem: string,
    /** A reference the user probably meant (e.g. with the missing host), when there is one. */
    readonly example?: string,
  ) {
    super(`invalid OCI reference "${reference}": ${problem}${example ? `; e.g. ${example}` : ''}`);
  }
}

/** A failed registry operation. Its message and detail never contain headers, tokens or query strings. */
export class RegistryError extends Error {
  readonly operation: string;
  readonly status?: number;
  readonly code?: string;
  readonly detail?: string;
  readonly url?: string;
  readonly errors: RegistryErrorEntry[];
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly attempts?: number;

  constructor(init: RegistryErrorInit) {
    super(formatMessage(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'RegistryError';
    this.operation = init.operation;
    if (init.status !== undefined) this.status = init.status;
    if (init.code !== undefined) this.code = init.code;
    if (init.detail !== undefined) this.detail = redactUrls(init.detail);
    if (init.url !== undefined) this.url = stripQuery(init.url);
    this.errors = init.errors ?? [];
    this.retryable = init.retryable ?? false;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.attempts !== undefined) this.attempts = init.attempts;
  }

  /**
   * This failure as the last of `attempts` tries: a new error of the same class and fields whose
   * message ends "(gave up after N attempts)", with this one as its cause. This one is unchanged.
   */
  afterAttempts(attempts: number): RegistryError {
    const Kind = this.constructor as new (init: RegistryErrorInit) => RegistryError;
    return new Kind({ ...initOf(this), attempts, cause: this });
  }
}

/** What built `error`, as it keeps it (URLs without query strings). */
function initOf(error: RegistryError): RegistryErrorInit {
  const init: RegistryErrorInit = {
    operation: error.operation,
    errors: error.errors,
    retryable: error.retryable,
  };
  if (error.status !== undefined) init.status = error.status;
  if (error.code !== undefined) init.code = error.code;
  if (error.detail !== undefined) init.detail = error.detail;
  if (error.url !== undefined) init.url = error.url;
  if (error.retryAfterMs !== undefined) init.retryAfterMs = error.retryAfterMs;
  return init;
}

/** 401/403 (or a failed token exchange): the caller may add hints about permissions. */
export class AuthError extends RegistryError {
  constructor(init: RegistryErrorInit) {
    super(init);
    this.name = 'AuthError';
  }
}

/**
 * The credentials were refused as such: the token endpoint answered 401/403 to the username and
 * password we sent (ghcr.io: `403 DENIED: denied` for an expired or wrong token), or a registry
 * speaking Basic auth answered 401 to them. Unlike its parent (a 401/403 from the registry for a
 * token it issued: authenticated, but not allowed), no permission setting fixes this; other
 * credentials do.
 */
export class CredentialsRejectedError extends AuthError {
  constructor(init: RegistryErrorInit) {
    super(init);
    this.name = 'CredentialsRejectedError';
  }
}

/** Network failures (resets, refused connections, stalls), before or during a transfer. */
export class NetworkError extends RegistryError {
  constructor(init: RegistryErrorInit) {
    super({ retryable: true, ...init });
    this.name = 'NetworkError';
  }
}

/** Content that does not match its digest or size, or a digest the registry disagrees with. */
export class VerificationError extends RegistryError {
  constructor(init: RegistryErrorInit) {
    super(init);
    this.name = 'VerificationError';
  }
}

/**
 * The registry does not allow deleting manifests (405, or the error code UNSUPPORTED): only its
 * operator can change that. Carries the registry's own answer as its cause.
 */
export class DeletionUnsupportedError extends RegistryError {
  constructor(answer: RegistryError) {
    super({
      operation: answer.operation,
      ...(answer.status !== undefined ? { status: answer.status } : {}),
      ...(answer.code !== undefined ? { code: answer.code } : {}),
      detail: answer.detail ?? 'the registry does not allow deleting manifests',
      ...(answer.url !== undefined ? { url: answer.url } : {}),
      errors: answer.errors,
      ...(answer.attempts !== undefined ? { attempts: answer.attempts } : {}),
      cause: answer,
    });
    this.name = 'DeletionUnsupportedError';
  }

  /** Its constructor takes the registry's answer, so the answer is what gets the count. */
  override afterAttempts(attempts: number): RegistryError {
    return new DeletionUnsupportedError((this.cause as RegistryError).afterAttempts(attempts));
  }
}

function formatMessage(init: RegistryErrorInit): string {
  let tail = '';
  if (init.status !== undefined && init.code !== undefined) tail = `${init.status} ${init.code}:`;
  else if (init.status !== undefined) tail = String(init.status);
  else if (init.code !== undefined) tail = `${init.code}:`;
  const detail = init.detail;
  if (detail !== undefined && detail !== '') {
    // `502 Bad Gateway: …` reads on; other free text after a bare status gets a colon.
    const statusText = init.status !== undefined ? STATUS_CODES[init.status] : undefined;
    const glue =
      init.code === undefined &&
      init.status !== undefined &&
      !(statusText && detail.startsWith(statusText))
        ? ': '
        : ' ';
    tail = tail === '' ? detail : `${tail}${glue}${detail}`;
  }
  const message = tail === '' ? init.operation : `${init.operation}: ${redactUrls(tail)}`;
  return init.attempts === undefined ? message : gaveUpMessage(message, init.attempts);
}

/** Removes the query string and fragment of a URL (they may carry signatures or state). */
export function stripQuery(url: string): string {
  const q = url.search(/[?#]/);
  return q >= 0 ? url.slice(0, q) : url;
}

/** Removes query strings from any URLs inside free text (registry messages may echo them). */
function redactUrls(text: string): string {
  return text.replace(/(https?:\/\/[^\s?#"']*)[?#][^\s"']*/gi, '$1');
}

/**
 * Parses the distribution spec's error body. Returns [] for anything else (HTML error pages,
 * empty bodies).
 */
export function parseErrorBody(body: string): RegistryErrorEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null) return [];
  const errors = (parsed as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  const out: RegistryErrorEntry[] = [];
  for (const e of errors as unknown[]) {
    if (typeof e !== 'object' || e === null) continue;
    const { code, message, detail } = e as { code?: unknown; message?: unknown; detail?: unknown };
    const entry: RegistryErrorEntry = {
      code: typeof code === 'string' ? code : 'UNKNOWN',
      message: typeof message === 'string' ? message : '',
    };
    if (detail !== undefined) entry.detail = detail;
    out.push(entry);
  }
  return out;
}

/** `sha256:0123456789ab…` for messages. */
export function shortDigest(digest: string): string {
  const [alg, hex] = digest.split(':');
  return hex !== undefined && hex.length > 12 ? `${alg}:${hex.slice(0, 12)}…` : digest;
}
