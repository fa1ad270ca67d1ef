/**
 * The prune backend for any registry but ghcr.io: the OCI distribution API. Tags are listed
 * (`n`/`last` pagination), each resolved to its manifest digest, and a snapshot is deleted by
 * digest (which removes every tag on it). Untagged manifests are invisible to tags/list, so
 * only referrers reached through a `sha256-<hex>` index are deleted among them.
 */
import { parseIndexMembers, type Deletion, type TaggedManifest } from '../artifact/index.js';
import { PruneError, type DeleteOutcome, type PruneBackend } from './pruneBackend.js';
import { logText } from './untrusted.js';

/** The repository-bound registry operations this backend needs. */
export interface OciRepositoryOps {
  /** `host/name`, for messages */
  readonly location: string;
  listTags(): Promise<string[]>;
  /** The manifest digest a tag points at. */
  resolve(tag: string): Promise<string>;
  /** An image index's bytes, by digest (verified). */
  fetchIndex(digest: string): Promise<Buffer>;
  /** DELETE by digest: 'gone' when the registry no longer has it. */
  deleteManifest(digest: string): Promise<'deleted' | 'gone'>;
  close(): void;
}

/** Throws this (or an error caused by it) when the registry does not allow deletion at all. */
export function isDeletionUnsupported(error: unknown): boolean {
  for (let e: unknown = error, n = 0; typeof e === 'object' && e !== null && n < 8; n++) {
    const r = e as { status?: unknown; code?: unknown; cause?: unknown };
    if (r.status === 405 || r.code === 'UNSUPPORTED') return true;
    e = r.cause;
  }
  return false;
}

export class OciPruneBackend implements PruneBackend {
  constructor(
    private readonly repo: OciRepositoryOps,
    private readonly debug: (message: string) => void,
  ) {}

  async list(): Promise<TaggedManifest[]> {
    const tags = await this.repo.listTags();
    const byDigest = new Map<string, string[]>();
    for (const tag of tags) {
      const digest = await this.repo.resolve(tag);
      const list = byDigest.get(digest) ?? [];
      list.push(tag);
      byDigest.set(digest, list);
    }
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
      if (isDeletionUnsupported(error)) {
        throw new PruneError(
          `${this.repo.location} does not allow deleting manifests (it answered 405 / UNSUPPORTED to DELETE ${deletion.digest}). ` +
            "The registry's operator has to enable deletion (for the distribution registry: storage.delete.enabled: true); " +
            "even then a DELETE only removes the manifest and its tags: the blobs are reclaimed only by the registry's garbage collection.",
          { cause: error },
        );
      }
      throw new PruneError(
        `Deleting ${deletion.digest} from ${this.repo.location} failed: ${logText((error as Error).message ?? String(error))}`,
        {
          cause: error,
        },
      );
    }
  }

  close(): void {
    this.repo.close();
  }
}
