import { getOctokit } from '@actions/github';
import { RegistryClient } from '../../registry/index.js';
import type { ActionIO } from '../deps.js';
import { retryLine } from '../progress.js';
import { registryOptions } from '../services.js';
import { inline } from '../untrusted.js';
import { GitHubPackagesBackend } from './githubPackages.js';
import { OciPruneBackend } from './ociBackend.js';
import type { PruneBackend } from './backend.js';
import type { PruneInputs } from './inputs.js';

/**
 * The real backends: GitHub's Packages API (at GITHUB_API_URL) for ghcr.io, with the referrers
 * indexes read over the registry API; the OCI distribution API for any other registry.
 */
export function pruneBackendFactory(
  env: Record<string, string | undefined>,
): (inputs: PruneInputs, io: ActionIO) => PruneBackend {
  return (inputs, io) =>
    inputs.registry === 'ghcr.io'
      ? gitHubPackagesBackend(inputs, io, env)
      : new OciPruneBackend(registryClient(inputs, io), inputs.repository);
}

/** A client for the registry of the inputs, with the action's credentials and logging. */
function registryClient(inputs: PruneInputs, io: ActionIO): RegistryClient {
  return new RegistryClient(inputs.registry, registryOptions(inputs.credentials, io));
}

function gitHubPackagesBackend(
  inputs: PruneInputs,
  io: ActionIO,
  env: Record<string, string | undefined>,
): GitHubPackagesBackend {
  const apiUrl = (env['GITHUB_API_URL'] || 'https://api.github.com').replace(/\/+$/, '');
  const token = inputs.credentials?.password ?? '';
  io.setSecret(token);
  const quiet = (message: string): void => io.debug(`octokit: ${inline(message)}`);
  const octokit = getOctokit(token, {
    baseUrl: apiUrl,
    userAgent: 'lei-cache-action',
    log: { debug: () => undefined, info: () => undefined, warn: quiet, error: quiet },
  });
  return new GitHubPackagesBackend({
    octokit,
    apiUrl,
    repository: inputs.repository,
    openRegistry: () => registryClient(inputs, io),
    debug: (m) => io.debug(m),
    onRetry: (retry) => io.info(retryLine(retry)),
  });
}
