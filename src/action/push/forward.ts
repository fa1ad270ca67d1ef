/**
 * Moving tags only move forward. `latest`, `weekly` and every other tag that is not a YYYY-MM-DD
 * date name "the newest snapshot" to the sites that follow them; a re-run of an old job, or a late
 * job overtaken by a newer one, must not send them back in time. This file decides, for one tag,
 * from what it points at now and the snapshot being pushed; it does no I/O.
 */

import type { SnapshotStamp } from '../../artifact/index.js';
import type { TagTarget } from '../../registry/index.js';

const DATE_TAG = /^\d{4}-\d{2}-\d{2}$/;

/** A date tag (YYYY-MM-DD) names one snapshot and is always pushed; any other tag moves. */
export function isMovingTag(tag: string): boolean {
  return !DATE_TAG.test(tag);
}

export type TagDecision =
  /** the tag does not exist yet: create it */
  | { action: 'create' }
  /** the tag already points at this snapshot: nothing to move */
  | { action: 'unchanged' }
  /** it points at an older (or equally old) snapshot: move it forward */
  | { action: 'move'; from: TagTarget & { kind: 'snapshot' } }
  /** it points at a newer snapshot: leave it there (warning) */
  | { action: 'keep'; newer: TagTarget & { kind: 'snapshot' } }
  /** it points at a newer snapshot and allow-older is set: move it back (warning) */
  | { action: 'move-back'; newer: TagTarget & { kind: 'snapshot' } }
  /** it points at something that is not an LEI snapshot: move it as asked (warning) */
  | { action: 'replace'; other: TagTarget & { kind: 'other' } };

/** Milliseconds since the epoch of an RFC 3339 time, or NaN. */
function instant(created: string): number {
  return Date.parse(created);
}

/**
 * Negative when `a` is older than `b`, positive when newer, 0 when neither: the later snapshot
 * date wins; on the same date the later `created` (compared as instants, so offsets do not
 * matter). A `created` that cannot be read counts as the start of its day.
 */
export function compareSnapshots(a: SnapshotStamp, b: SnapshotStamp): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  const start = (s: SnapshotStamp): number => {
    const t = instant(s.created);
    return Number.isNaN(t) ? Date.parse(`${s.date}T00:00:00Z`) : t;
  };
  return Math.sign(start(a) - start(b));
}

/**
 * What to do with one moving tag. `ours` is the snapshot being pushed (its manifest digest,
 * date and created). A target with the same date and created but another digest (the same
 * export pushed with other annotations) is not newer, so the tag moves.
 */
export function decideTag(
  target: TagTarget,
  ours: SnapshotStamp & { digest: string },
  allowOlder: boolean,
): TagDecision {
  switch (target.kind) {
    case 'absent':
      return { action: 'create' };
    case 'other':
      return target.digest === ours.digest
        ? { action: 'unchanged' }
        : { action: 'replace', other: target };
    case 'snapshot':
      if (target.digest === ours.digest) return { action: 'unchanged' };
      if (compareSnapshots(target, ours) > 0) {
        return allowOlder
          ? { action: 'move-back', newer: target }
          : { action: 'keep', newer: target };
      }
      return { action: 'move', from: target };
  }
}

/** Whether the decision writes the tag (create, move forward, move back, replace). */
export function movesTag(decision: TagDecision): boolean {
  return decision.action !== 'unchanged' && decision.action !== 'keep';
}
