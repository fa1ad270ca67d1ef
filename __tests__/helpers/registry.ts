/**
 * Test harness: a real distribution registry (Debian's `docker-registry`, distribution 2.8)
 * on a free loopback port, with real Docker token auth, htpasswd Basic auth, or no auth.
 *
 * (Implementation in progress: the exported API below is stable.)
 */
import { describe } from 'vitest';

export type RegistryAuth = 'token' | 'htpasswd' | 'none';

export interface StartRegistryOptions {
  /** default 'token' */
  auth?: RegistryAuth;
  /** token auth: push/pull granted only for repositories under `${namespace}/` (default 'lei-org') */
  namespace?: string;
  /** default 300 */
  tokenTtlSeconds?: number;
}

export interface TokenServerStats {
  /** the realm URL */
  url: string;
  /** every request to the realm */
  requests: number;
  /** tokens issued (including anonymous / partially granted ones) */
  issued: number;
  /** requests answered 401 (bad credentials) */
  denied: number;
}

export interface TestRegistry {
  /** '127.0.0.1:PORT' (what a reference uses) */
  host: string;
  auth: RegistryAuth;
  /** token auth: any username works, password = the token; htpasswd: a user in the htpasswd file */
  username: string;
  password: string;
  namespace: string;
  /** filesystem storage root */
  storageDir: string;
  /** token auth only; live counters */
  tokenServer?: TokenServerStats;
  /** Raw manifest for repo:tag or repo@digest, using admin credentials (bypasses the client under test). */
  getManifest(
    repository: string,
    reference: string,
  ): Promise<{ status: number; bytes: Buffer; digest?: string; contentType?: string }>;
  /** Tags of a repository (empty when the repository does not exist). */
  listTags(repository: string): Promise<string[]>;
  /** A blob's bytes (small blobs only); throws when it is not there. */
  getBlob(repository: string, digest: string): Promise<Buffer>;
  /** Authorization header value with pull (and push) on `repository` for admin use, or undefined for auth 'none'. */
  adminAuthorization(repository: string, actions?: string): Promise<string | undefined>;
  stop(): Promise<void>;
}

export function registryBinary(): string | undefined {
  throw new Error('not yet');
}

export function skopeoBinary(): string | undefined {
  throw new Error('not yet');
}

export function startRegistry(_options: StartRegistryOptions = {}): Promise<TestRegistry> {
  return Promise.reject(new Error('not yet'));
}

/** A `describe`-like function: describe, describe.skip (tool missing), or a failing suite (tool missing and LEI_REQUIRE_TOOLS=1). */
export type DescribeFn = (name: string, fn: () => void) => void;

export const describeWithRegistry: DescribeFn = describe;
export const describeWithSkopeo: DescribeFn = describe;
