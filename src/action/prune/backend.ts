import type { Deletion, TaggedManifest } from '../../artifact/index.js';

/** What became of one deletion. */
export type DeleteOutcome =
  /** `restore`: a command that undoes it, when the service can (GitHub keeps versions 30 days). */
  | { status: 'deleted'; restore?: string }
  /** Nothing to delete any more (e.g. removed since the listing). */
  | { status: 'gone' }
  /** The service refused this one; the run goes on (a warning names it and the fix). */
  | { status: 'refused'; reason: string; fix: string };

/**
 * Where prune lists and deletes: GitHub's Packages API for ghcr.io, the OCI distribution API
 * for any other registry. The retention policy (src/artifact/retention.ts) sits above both.
 */
export interface PruneBackend {
  /** Every manifest of the repository (package) with its tags. Throws when it cannot list. */
  list(): Promise<TaggedManifest[]>;
  /** The manifest digests a referrers index (an OCI image index) lists. */
  indexMembers(indexDigest: string): Promise<string[]>;
  /** Deletes one manifest (package version). Throws only when the run cannot go on. */
  delete(deletion: Deletion): Promise<DeleteOutcome>;
  /** Releases connections. */
  close(): void;
}
