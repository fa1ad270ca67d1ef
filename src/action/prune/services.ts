import { getOctokit } from '@actions/github';
import type { ActionIO } from '../deps.js';
import { GitHubPackagesBackend } from './githubPackages.js';
import { OciPruneBackend, type OciRepositoryOps } from './ociBackend.js';
import type { PruneBackend } from './backend.js';
import type { PruneInputs } from './inputs.js';
import { inline } from '../untrusted.js';

export type OpenRepository = (
  inputs: PruneInputs,
  io: ActionIO,
  access: 'pull' | 'pull,delete',
) => OciRepositoryOps;

/**
 * The real backends: GitHub's Packages API (at GITHUB_API_URL) for ghcr.io, with the referrers
 * indexes read over the registry API; the OCI distribution API for any other registry.
 */
export function pruneBackendFactory(
  env: Record<string, string | undefined>,
  openRepository: OpenRepository,
): (inputs: PruneInputs, io: ActionIO) => PruneBackend {
  return (inputs, io) => {
    if (inputs.registry !== 'ghcr.io')
      return new OciPruneBackend(openRepository(inputs, io, 'pull,delete'), (m) => io.debug(m));
    const apiUrl = (env['GITHUB_API_URL'] || 'https://api.github.com').replace(/\/+$/, '');
    const token = inputs.credentials?.password ?? '';
    io.setSecret(token);
    const quiet = (message: string): void => io.debug(`octokit: ${inline(message)}`);
    const octokit = getOctokit(token, {
      baseUrl: apiUrl,
      userAgent: 'lei-cache-action',
      log: { debug: () => undefined, info: () => undefined, warn: quiet, error: quiet },
    });
    let repo: OciRepositoryOps | undefined;
    const backend = new GitHubPackagesBackend({
      octokit,
      apiUrl,
      repository: inputs.repository,
      readIndex: async (digest) => {
        repo ??= openRepository(inputs, io, 'pull');
        const ops = new OciPruneBackend(repo, (m) => io.debug(m));
        return ops.indexMembers(digest);
      },
      debug: (m) => io.debug(m),
    });
    const close = backend.close.bind(backend);
    backend.close = () => {
      close();
      repo?.close();
    };
    return backend;
  };
}
