import type { ExportInfo } from './types.js';

/**
 * What changed from one LEI snapshot to the next, from their manifest.json alone: the entry
 * counts and LEI's `repos` lists. No I/O; the push compares the snapshot `latest` points at with
 * the export it is about to publish.
 */

/** What the comparison reads of a snapshot. */
export type SnapshotFacts = Pick<ExportInfo, 'date' | 'entryCount' | 'repos'>;

/** Repository names shown each way; the rest are counted. */
const REPO_NAMES_SHOWN = 10;

/** Repos on one side only: how many, and the first of them in sorted order. */
interface RepoChange {
  count: number;
  /** at most the limit given to `snapshotChange`, sorted by UTF-16 code units */
  names: string[];
}

export interface SnapshotChange {
  before: { date: string; entryCount: number };
  after: { date: string; entryCount: number };
  /** after.entryCount - before.entryCount */
  entryDelta: number;
  /** in the new snapshot's repos and not in the previous one's */
  added: RepoChange;
  /** in the previous snapshot's repos and not in the new one's */
  dropped: RepoChange;
}

/** The members of `list` not in `other`, once each, sorted; at most `limit` of them named. */
function onlyIn(list: readonly string[], other: ReadonlySet<string>, limit: number): RepoChange {
  const only = [...new Set(list)].filter((name) => !other.has(name));
  only.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { count: only.length, names: only.slice(0, limit) };
}

/**
 * Compares two snapshots: entries before and after, and the repos added and dropped (each name
 * once, sorted by code units so the order does not depend on the reports' order or a locale).
 */
export function snapshotChange(
  before: SnapshotFacts,
  after: SnapshotFacts,
  limit: number = REPO_NAMES_SHOWN,
): SnapshotChange {
  return {
    before: { date: before.date, entryCount: before.entryCount },
    after: { date: after.date, entryCount: after.entryCount },
    entryDelta: after.entryCount - before.entryCount,
    added: onlyIn(after.repos, new Set(before.repos), limit),
    dropped: onlyIn(before.repos, new Set(after.repos), limit),
  };
}

/**
 * Whether the new snapshot lost more than `maxShrink` percent (0-100) of the previous one's
 * entries: after < before * (1 - maxShrink / 100), in integers. A previous snapshot of 0 entries
 * never counts, and 100 never blocks.
 */
export function shrankBeyond(change: SnapshotChange, maxShrink: number): boolean {
  const { before, after } = change;
  if (before.entryCount === 0 || maxShrink >= 100) return false;
  return after.entryCount * 100 < before.entryCount * (100 - maxShrink);
}
