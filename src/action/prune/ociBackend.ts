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
import { credentialsHint, hostFailure, isCredentialsRejected, messageOf } from '../errors.js';
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

  /**
   * The repository's tagged manifests. A registry host that cannot be reached, or credentials it
   * rejects, are said as such (the `registry` input, or `username`/`token`).
   */
  async list(): Promise<TaggedManifest[]> {
    try {
      return await this.repo.taggedManifests();
    } catch (error) {
      const host = hostFailure(error, 'registry', this.client.registry);
      if (host !== undefined) throw host;
      if (!isCredentialsRejected(error)) throw error;
      throw new PruneError(
        `Listing ${this.repo.location} failed: ${inline(messageOf(error))}. ${credentialsHint(this.client.registry, 'pull and delete rights on the repository')}`,
        { cause: error },
      );
    }
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
