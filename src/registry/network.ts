/** Failures below HTTP (DNS, connections), named in a few words for log lines and advice. */
import { causes } from '../artifact/index.js';

/**
 * Node's errno-style codes in the words a log line uses. The transport's own failures (a stall)
 * say it in their message already.
 */
const WORDS: Record<string, string> = {
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'DNS lookup failed',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ECONNABORTED: 'connection aborted',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed',
  ENETUNREACH: 'network unreachable',
  EHOSTUNREACH: 'host unreachable',
  ENETDOWN: 'network down',
  UND_ERR_SOCKET: 'connection closed',
  ERR_STREAM_PREMATURE_CLOSE: 'connection closed early',
};

export interface NetworkProblem {
  /** The errno-style code, e.g. ECONNREFUSED. */
  code: string;
  /** The failure in a few words, e.g. "connection refused". */
  words: string;
}

/** The first failure below HTTP in an error's cause chain, or undefined when there is none. */
export function networkProblem(error: unknown): NetworkProblem | undefined {
  for (const e of causes(error)) {
    if (!(e instanceof Error)) continue;
    const code = (e as NodeJS.ErrnoException).code;
    const words = typeof code === 'string' ? WORDS[code] : undefined;
    if (code !== undefined && words !== undefined) return { code, words };
  }
  return undefined;
}

/**
 * A host name DNS says does not exist (ENOTFOUND: getaddrinfo's "no such name"). Asking the same
 * resolver again gets the same answer, so it is not retried; a resolver that could not answer at
 * all (EAI_AGAIN) is.
 */
export function isUnknownHost(error: unknown): boolean {
  return networkProblem(error)?.code === 'ENOTFOUND';
}
