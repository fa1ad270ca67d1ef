/**
 * The prune backend for any registry but ghcr.io: the OCI distribution API. Tags are listed
 * (`n`/`last` pagination), each resolved to its manifest digest, and a snapshot is deleted by
 * digest (which removes every tag on it). Untagged manifests are invisible to tags/list, so
 * only referrers reached through a `sha256-<hex>` index are deleted among them.
 */
import {
  findCause,
  parseIndexMembers,
  type Deletion,
  type TaggedManifest,
} from '../../artifact/index.js';
import { AuthError, DeletionUnsupportedError } from '../../registry/index.js';
import { messageOf } from '../errors.js';
import { PruneError } from './errors.js';
import type { DeleteOutcome, PruneBackend } from './backend.js';
import { inline } from '../untrusted.js';

/** The repository-bound registry operations this backend needs (registry/repository.ts). */
export interface OciRepositoryOps {
  /** `host/name`, for messages */
  readonly location: string;
  listTags(): Promise<string[]>;
  /** The manifest digest a tag points at (undefined: the tag went since the listing). */
  resolve(tag: string): Promise<string | undefined>;
  /** An image index's bytes, by digest (verified). */
  fetchIndex(digest: string): Promise<Buffer>;
  /** DELETE by digest: 'gone' when the registry no longer has it. */
  deleteManifest(digest: string): Promise<'deleted' | 'gone'>;
  close(): void;
}

/** Tags resolved at once (HEAD requests). */
const RESOLVE_CONCURRENCY = 4;

export class OciPruneBackend implements PruneBackend {
  constructor(
    private readonly repo: OciRepositoryOps,
    private readonly debug: (message: string) => void,
  ) {}

  /** Lists the tags and resolves them, a few at a time, grouping the tags by digest. */
  async list(): Promise<TaggedManifest[]> {
    const tags = await this.repo.listTags();
    const resolved: (string | undefined)[] = new Array<string | undefined>(tags.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < tags.length) {
        const i = next++;
        resolved[i] = await this.repo.resolve(tags[i] as string);
      }
    };
    await Promise.all(Array.from({ length: Math.min(RESOLVE_CONCURRENCY, tags.length) }, worker));
    const byDigest = new Map<string, string[]>();
    tags.forEach((tag, i) => {
      const digest = resolved[i];
      if (digest === undefined) return; // the tag went since the listing
      byDigest.set(digest, [...(byDigest.get(digest) ?? []), tag]);
    });
    this.debug(`${tags.length} tag(s) on ${byDigest.size} manifest(s)`);
    return [...byDigest].map(([digest, t]) => ({ digest, tags: t }));
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
    this.repo.close();
  }
}
