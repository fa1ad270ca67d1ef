import { RegistryClient } from '../../registry/index.js';
import type { ActionIO } from '../deps.js';
import type { PruneInputs } from './inputs.js';
import type { OciRepositoryOps } from './ociBackend.js';

/**
 * The repository to prune (access `pull,delete`), or to read ghcr.io's referrers indexes from
 * (`pull`: ghcr.io deletes through GitHub's API), over the OCI distribution API.
 */
export function openRepository(
  inputs: PruneInputs,
  io: ActionIO,
  access: 'pull' | 'pull,delete',
): OciRepositoryOps {
  const client = new RegistryClient(inputs.registry, {
    ...(inputs.credentials ? { credentials: inputs.credentials } : {}),
    onSecret: (secret) => io.setSecret(secret),
    onDebug: (message) => io.debug(message),
  });
  const repository = client.repository(inputs.repository, access);
  return {
    location: repository.location,
    listTags: () => repository.listTags(),
    resolve: (tag) => repository.resolve(tag),
    fetchIndex: (digest) => repository.fetchIndex(digest),
    deleteManifest: (digest) => repository.deleteManifest(digest),
    close: () => client.close(),
  };
}
