/**
 * Which LEI cache snapshots a retention run keeps, decided from their tags alone (never from
 * upload timestamps). Pure: no network, no clock (the caller passes today's UTC day), so both
 * prune backends (GitHub's Packages API and the OCI distribution API) share one policy.
 *
 * - A snapshot is a manifest with at least one YYYY-MM-DD tag; its day is the newest of them
 *   (an unchanged export pushed on several days carries several).
 * - Kept: a day within `keepDays` days of today (age 0 .. keepDays-1; today is age 0), a Sunday
 *   within `keepWeeks` weeks (age < 7 * keepWeeks), a day after today (clock skew), and the
 *   newest snapshot whatever its age.
 * - Never deleted: a manifest with any tag other than a date or a `sha256-<hex>` referrers tag
 *   (`latest`, `weekly`, `v1`, a non-calendar date like 2026-02-30 ...); a manifest without a
 *   date tag, unless it is a referrer of a snapshot that goes.
 * - A snapshot that goes takes its referrers along: the index tagged `sha256-<hex>` of its
 *   digest (the OCI referrers tag schema, which `actions/attest` uses on ghcr.io) and the
 *   manifests that index lists, except any that is itself kept or carries another tag.
 */
import { isDigest } from './digest.js';
import { isDate } from './timestamps.js';
import { utcWeekday } from './snapshot.js';

/** A manifest (or GHCR package version) and the tags on it. */
export interface TaggedManifest {
  digest: string;
  tags: readonly string[];
}

export interface RetentionRules {
  /** Today's UTC day, YYYY-MM-DD. */
  today: string;
  keepDays: number;
  keepWeeks: number;
}

type KeepReason = 'newest' | 'recent' | 'sunday' | 'future' | 'tagged';

export interface SnapshotVerdict {
  digest: string;
  tags: readonly string[];
  /** The newest date tag. */
  day: string;
  /** Whole days from `day` to today (0 = today, negative = after today). */
  age: number;
  /** Why it stays; empty when it goes. */
  keep: KeepReason[];
  /** The tags that protect it (`latest`, `weekly`, ...), when `keep` holds 'tagged'. */
  protectedBy: string[];
}

/** One deletion: a snapshot, or a referrer removed with it. */
export interface Deletion {
  digest: string;
  tags: readonly string[];
  /** The snapshot this goes with (its own digest for the snapshot itself). */
  subject: string;
  role: 'snapshot' | 'referrers-index' | 'referrer';
}

/** A snapshot and its referrers, deleted together or not at all (snapshot first). */
export interface DeletionGroup {
  snapshot: SnapshotVerdict;
  deletions: Deletion[];
}

const DAY_MS = 86_400_000;
const REFERRERS_TAG = /^sha256-[a-f0-9]{64}$/;

/** Days since 1970-01-01 of a YYYY-MM-DD calendar date, or undefined for anything else. */
export function dayNumber(date: string): number | undefined {
  if (!isDate(date)) return undefined;
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) /
    DAY_MS
  );
}

/** The UTC day (YYYY-MM-DD) of an instant given in milliseconds since the epoch. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** True for a YYYY-MM-DD tag that names a real calendar day. */
function isDateTag(tag: string): boolean {
  return dayNumber(tag) !== undefined;
}

/** True for a referrers-tag-schema tag, `sha256-<64 hex>`. */
function isReferrersTag(tag: string): boolean {
  return REFERRERS_TAG.test(tag);
}

/** The referrers tag of a `sha256:<hex>` digest (`sha256-<hex>`), or undefined for other digests. */
export function referrersTagOf(digest: string): string | undefined {
  const tag = digest.replace(/^sha256:/, 'sha256-');
  return isReferrersTag(tag) ? tag : undefined;
}

/** Tags that keep a manifest whatever its age: everything but dates and referrers tags. */
function protectingTags(tags: readonly string[]): string[] {
  return tags.filter((tag) => !isDateTag(tag) && !isReferrersTag(tag));
}

function checkRules(rules: RetentionRules): number {
  const today = dayNumber(rules.today);
  if (today === undefined) throw new RangeError(`today is not a YYYY-MM-DD day: '${rules.today}'`);
  for (const [name, value] of [
    ['keepDays', rules.keepDays],
    ['keepWeeks', rules.keepWeeks],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`${name} must be a whole number >= 0, not ${value}`);
  }
  return today;
}

/**
 * The verdict on every snapshot in `manifests` (those with a date tag), oldest first. Manifests
 * without a date tag are not snapshots and get no verdict: nothing here deletes them.
 */
export function judgeSnapshots(
  manifests: readonly TaggedManifest[],
  rules: RetentionRules,
): SnapshotVerdict[] {
  const today = checkRules(rules);
  const verdicts: SnapshotVerdict[] = [];
  for (const manifest of manifests) {
    let newest: { day: string; n: number } | undefined;
    for (const tag of manifest.tags) {
      const n = dayNumber(tag);
      if (n !== undefined && (newest === undefined || n > newest.n)) newest = { day: tag, n };
    }
    if (newest === undefined) continue;
    const age = today - newest.n;
    const keep: KeepReason[] = [];
    if (age < 0) keep.push('future');
    else if (age < rules.keepDays) keep.push('recent');
    if (age >= 0 && utcWeekday(newest.day) === 0 && age < 7 * rules.keepWeeks) keep.push('sunday');
    const protectedBy = protectingTags(manifest.tags);
    if (protectedBy.length > 0) keep.push('tagged');
    verdicts.push({
      digest: manifest.digest,
      tags: [...manifest.tags],
      day: newest.day,
      age,
      keep,
      protectedBy,
    });
  }
  // Oldest first; one day on two digests cannot happen in a registry (a tag names one
  // manifest), but the digest breaks the tie so the order never depends on the listing.
  verdicts.sort(
    (a, b) => b.age - a.age || (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0),
  );
  const newest = verdicts[verdicts.length - 1];
  if (newest !== undefined && !newest.keep.includes('newest')) newest.keep.unshift('newest');
  return verdicts;
}

/**
 * The deletion groups for the snapshots that go, oldest first. `indexMembers(indexDigest)`
 * gives the digests a referrers index lists (the caller fetched them); a referrers index is
 * found in `manifests` by its `sha256-<hex>` tag. A referrer is left alone when it carries a
 * protecting tag, is a snapshot that stays, or is the referrers index of another subject.
 */
export function deletionGroups(
  verdicts: readonly SnapshotVerdict[],
  manifests: readonly TaggedManifest[],
  indexMembers: (indexDigest: string) => readonly string[],
): DeletionGroup[] {
  const going = new Set(verdicts.filter((v) => v.keep.length === 0).map((v) => v.digest));
  const byDigest = new Map(manifests.map((m) => [m.digest, m]));
  const staying = new Set(verdicts.filter((v) => v.keep.length > 0).map((v) => v.digest));
  const taken = new Set<string>();
  const groups: DeletionGroup[] = [];
  for (const snapshot of verdicts) {
    if (snapshot.keep.length > 0) continue;
    taken.add(snapshot.digest);
    const deletions: Deletion[] = [
      { digest: snapshot.digest, tags: snapshot.tags, subject: snapshot.digest, role: 'snapshot' },
    ];
    const refTag = referrersTagOf(snapshot.digest);
    const index = refTag === undefined ? undefined : manifests.find((m) => m.tags.includes(refTag));
    // The index goes only when every tag on it is the referrers tag of a snapshot that goes.
    const indexGoes =
      index !== undefined &&
      !taken.has(index.digest) &&
      !staying.has(index.digest) &&
      index.tags.every((t) => isReferrersTag(t) && going.has(t.replace(/^sha256-/, 'sha256:')));
    if (index !== undefined && indexGoes) {
      taken.add(index.digest);
      deletions.push({
        digest: index.digest,
        tags: [...index.tags],
        subject: snapshot.digest,
        role: 'referrers-index',
      });
      for (const member of indexMembers(index.digest)) {
        if (taken.has(member) || staying.has(member) || going.has(member)) continue;
        const known = byDigest.get(member);
        if (known !== undefined && known.tags.length > 0) continue;
        taken.add(member);
        deletions.push({ digest: member, tags: [], subject: snapshot.digest, role: 'referrer' });
      }
    }
    groups.push({ snapshot, deletions });
  }
  return groups;
}

/** The groups that fit in `maxDeletions` deletions, oldest first, and the ones left for later. */
export function withinBudget(
  groups: readonly DeletionGroup[],
  maxDeletions: number,
): { now: DeletionGroup[]; later: DeletionGroup[] } {
  let used = 0;
  let cut = groups.length;
  for (let i = 0; i < groups.length; i++) {
    const size = (groups[i] as DeletionGroup).deletions.length;
    if (used + size > maxDeletions) {
      cut = i;
      break;
    }
    used += size;
  }
  return { now: groups.slice(0, cut), later: groups.slice(cut) };
}

/**
 * The manifest digests an OCI image index lists (a referrers index: `manifests[].digest`).
 * Throws when the bytes are not an image index; entries without a sha256 digest are skipped.
 */
export function parseIndexMembers(bytes: Buffer): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new Error('the referrers index is not JSON', { cause: error });
  }
  const manifests = (parsed as { manifests?: unknown } | null)?.manifests;
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray(manifests))
    throw new Error('the referrers index is not an OCI image index (no manifests list)');
  const digests: string[] = [];
  for (const entry of manifests as unknown[]) {
    const digest = (entry as { digest?: unknown } | null)?.digest;
    if (typeof digest === 'string' && isDigest(digest) && !digests.includes(digest))
      digests.push(digest);
  }
  return digests;
}
