import type { Deletion, DeletionGroup, SnapshotVerdict } from '../../artifact/index.js';

/** What a prune run did, for its outputs and job summary. */
export interface DeletedManifest {
  digest: string;
  tags: string[];
  /** the snapshot's day (for referrers: their subject's) */
  day: string;
  role: Deletion['role'];
  restore?: string;
}

export interface Refusal {
  digest: string;
  tags: string[];
  day: string;
  role: Deletion['role'];
  reason: string;
  fix: string;
}

export interface PruneResult {
  today: string;
  /** Deleted (or, in a dry run, what would be), in order. */
  deleted: DeletedManifest[];
  /** Snapshots the policy keeps, oldest first. */
  kept: SnapshotVerdict[];
  refused: Refusal[];
  /** Snapshot groups left for the next run by max-deletions. */
  later: DeletionGroup[];
  /** Manifests listed. */
  listed: number;
  dryRun: boolean;
}
