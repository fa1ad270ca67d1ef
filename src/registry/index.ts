// The registry room's public API (OCI distribution, no GitHub): what action/, the tests and the
// scripts may use. Anything not listed here is internal to the room.

// The client: one per registry; repository(name) gives the repository-bound operations.
export { RegistryClient } from './client.js';
export type { FetchedManifest, ManifestContent, Repository } from './repository.js';
export type {
  Credentials,
  PushResult,
  Reference,
  Registry,
  RegistryClientOptions,
  TagGuard,
  TagPush,
  TagTarget,
  TransferProgress,
} from './types.js';

// Errors: classify with instanceof (see errors.ts for the hierarchy).
export {
  AuthError,
  CredentialsRejectedError,
  DeletionUnsupportedError,
  InvalidReferenceError,
  NetworkError,
  RegistryError,
  UsageError,
  VerificationError,
  parseErrorBody,
  stripQuery,
} from './errors.js';

// References: the distribution spec's grammar (tags and digests are the artifact room's).
export {
  formatReference,
  isLoopbackHost,
  isValidRegistryHost,
  isValidRepository,
  parseReference,
  registryBaseUrl,
  repositoryProblem,
} from './reference.js';
export { isValidTag } from '../artifact/index.js';

// Retries: the loop and backoff every client of an HTTP API here uses (the registry's session,
// GitHub's Packages API in action/prune), with its own policy of what to retry.
export {
  RetriesExhaustedError,
  parseRetryAfter,
  retrying,
  retryMessage,
  type RetryEvent,
  type RetryPolicy,
} from './retry.js';

// Failures below HTTP in a few words (`connection refused`), for retry lines and advice.
export { networkProblem } from './network.js';

// Protocol helpers with tests of their own.
export { parseChallenges } from './challenge.js';
export { nextLink } from './link.js';
export { resolveUploadLocation } from './location.js';
