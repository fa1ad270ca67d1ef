/**
 * The prune backend for any registry but ghcr.io: the OCI distribution API. The repository's
 * tagged manifests come from its tags list (Repository.taggedManifests), and a snapshot is
 * deleted by digest (which removes every tag on it). Untagged manifests are invisible to the tags
 * list, so only referrers reached through a `sha256-<hex>` index are deleted among them.
 */
import {
  findCause,
  parseIndexMembers,
  type Deletion,
  type TaggedManifest,
} from '../../artifact/index.js';
import {
  AuthError,
  DeletionUnsupportedError,
  type RegistryClient,
  type Repository,
} from '../../registry/index.js';
import { messageOf } from '../errors.js';
import { PruneError } from './errors.js';
import type { DeleteOutcome, PruneBackend } from './backend.js';
import { inline } from '../untrusted.js';

export class OciPruneBackend implements PruneBackend {
  private readonly repo: Repository;

  /** Prunes `repository` through `client` (access `pull,delete`); close() closes the client. */
  constructor(
    private readonly client: RegistryClient,
    repository: string,
  ) {
    this.repo = client.repository(repository, 'pull,delete');
  }

  list(): Promise<TaggedManifest[]> {
    return this.repo.taggedManifests();
  }

  async indexMembers(indexDigest: string): Promise<string[]> {
    return parseIndexMembers(await this.repo.fetchIndex(indexDigest));
  }

  async delete(deletion: Deletion): Promise<DeleteOutcome> {
    try {
      return { status: await this.repo.deleteManifest(deletion.digest) };
    } catch (error) {
      if (findCause(error, DeletionUnsupportedError) !== undefined) {
        throw new PruneError(
          `${this.repo.location} does not allow deleting manifests (it answered 405 / UNSUPPORTED to DELETE ${deletion.digest}). ` +
            "The registry's operator has to enable deletion (for the distribution registry: storage.delete.enabled: true); " +
            "even then a DELETE only removes the manifest and its tags: the blobs are reclaimed only by the registry's garbage collection.",
          { cause: error },
        );
      }
      const hint =
        findCause(error, AuthError) !== undefined
          ? ' The registry refused this token the delete action on the repository: give it delete rights there (the action asks for the scope pull,delete).'
          : '';
      throw new PruneError(
        `Deleting ${deletion.digest} from ${this.repo.location} failed: ${inline(messageOf(error))}${hint}`,
        { cause: error },
      );
    }
  }

  close(): void {
    this.client.close();
  }
}
