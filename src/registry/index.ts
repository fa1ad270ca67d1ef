export type * from './types.js';
export { RegistryClient } from './client.js';
export {
  DEFAULT_TAG,
  digestProblem,
  formatReference,
  isLoopbackHost,
  isValidDigest,
  isValidRegistryHost,
  isValidRepository,
  isValidTag,
  parseReference,
  registryBaseUrl,
  repositoryProblem,
  tagProblem,
} from './reference.js';
export {
  AuthError,
  InvalidReferenceError,
  NetworkError,
  RegistryError,
  UsageError,
  VerificationError,
  parseErrorBody,
  stripQuery,
} from './errors.js';
export type { RegistryErrorEntry, RegistryErrorInit, RegistryErrorKind } from './errors.js';
export { parseChallenges, type Challenge } from './challenge.js';
export { parseRetryAfter } from './retry.js';
export { resolveUploadLocation } from './location.js';
export { DEFAULTS } from './session.js';
