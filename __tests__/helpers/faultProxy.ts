/**
 * A small fault-injecting HTTP proxy on loopback in front of the real test registry, for
 * behaviours the real registry cannot produce. (Implementation in progress: API stable.)
 */
import type { TestRegistry } from './registry.js';

export interface ProxiedRequest {
  method: string;
  /** path + query */
  path: string;
  hadAuthorization: boolean;
  /** status answered to the client (0 when the connection was destroyed or stalled without an answer) */
  status: number;
  /** the Host header the client sent */
  host: string;
  /** set for cookies seen (other-host server) */
  hadCookie?: boolean;
  /** name of the fault applied, when one was */
  fault?: string;
}

export interface FaultRule {
  /** match the request method (case-insensitive); absent: any */
  method?: string;
  /** match path + query; absent: any */
  path?: RegExp;
  /** how many matching requests the rule applies to (default 1) */
  times?: number;
  /** answer instead of forwarding (e.g. 503, 429 + Retry-After) */
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** forward, but destroy the client socket after N request-body bytes */
  resetAfterBytes?: number;
  /** forward, but flip bytes in the response body */
  corruptResponseBody?: boolean;
  /** rewrite an absolute Location header in the response to a relative one (path + query) */
  relativeLocation?: boolean;
  /** answer a blob GET with 307 to the other-host server, which serves the same bytes */
  redirectTo?: 'otherHost';
  /** answer 401 with the registry's real WWW-Authenticate challenge (token expired mid-push) */
  rejectToken?: boolean;
  /** accept but send nothing for N ms (stalled connection), then destroy the socket */
  stallMs?: number;
}

export interface FaultProxy {
  /** '127.0.0.1:PORT' - use it in references instead of the registry's host */
  host: string;
  requests: ProxiedRequest[];
  /** the redirect target, on a different loopback host ('localhost:PORT') */
  otherHost: { host: string; requests: ProxiedRequest[] };
  addRule(rule: FaultRule): void;
  clearRules(): void;
  stop(): Promise<void>;
}

export function startFaultProxy(_target: TestRegistry): Promise<FaultProxy> {
  return Promise.reject(new Error('not yet'));
}
