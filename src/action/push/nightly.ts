/**
 * The nightly's look back: before anything is uploaded, the push reads the snapshot `latest`
 * points at (its manifest.json layer, bounded and verified) and compares it with the export it
 * is about to publish. The shrink guard holds every moving tag back when the new snapshot lost
 * more than max-shrink percent of latest's entries: a nearly empty export (a lost database, a
 * crashed analysis) is still pushed under its date tag, but the sites that follow latest keep
 * the snapshot they have, and the step fails.
 */

import {
  SnapshotError,
  parseSnapshotManifest,
  shrankBeyond,
  snapshotChange,
  type PackagedArtifact,
  type SnapshotChange,
} from '../../artifact/index.js';
import type { Registry } from '../../registry/index.js';
import type { ActionIO } from '../deps.js';
import { messageOf } from '../errors.js';
import { inline } from '../untrusted.js';
import { compareSnapshots } from './forward.js';
import type { PushInputs } from './inputs.js';

/**
 * The tag compared with: what sites follow. It is read whether or not `tags` names it, since a
 * collapsed snapshot matters to those sites even when this push moves only other moving tags.
 */
export const COMPARED_TAG = 'latest';

/** The new snapshot against the one `latest` pointed at before the upload. */
export interface Since {
  change: SnapshotChange;
  /** latest is a newer snapshot than this one */
  latestNewer: boolean;
  maxShrink: number;
  /** the shrink guard holds every moving tag back */
  held: boolean;
}

/**
 * Reads `latest` and compares it with the artifact. Undefined (with a debug line) when there is
 * nothing to compare with: no latest, not an LEI snapshot, its manifest.json unreadable, or
 * latest already this snapshot. Registry failures are thrown (the push would meet them too).
 */
export async function readSince(
  client: Registry,
  inputs: PushInputs,
  artifact: PackagedArtifact,
  io: ActionIO,
): Promise<Since | undefined> {
  const name = `${inputs.registry}/${inputs.repository}:${COMPARED_TAG}`;
  const read = await client.readTag(inputs.repository, COMPARED_TAG, 'pull,push');
  if (read.kind === 'absent') {
    io.debug(`${name} does not exist yet: nothing to compare this snapshot with.`);
    return undefined;
  }
  if (read.kind === 'other') {
    io.debug(`${name} is ${inline(read.what)}, not an LEI snapshot: nothing to compare with.`);
    return undefined;
  }
  if (read.digest === artifact.digest) {
    io.debug(`${name} already points at this snapshot: nothing to compare with.`);
    return undefined;
  }
  if (artifact.entryCountUnknown === true) {
    io.warning(
      `Not compared with ${name}, and the shrink guard did not judge this snapshot: manifest.json has no "entry_count" and verify-content is false, so nobody counted its entries.`,
    );
    return undefined;
  }
  let previous;
  try {
    previous = parseSnapshotManifest(read.manifestJson, `the manifest.json of ${name}`);
  } catch (error) {
    if (!(error instanceof SnapshotError)) throw error;
    io.debug(`Not compared with ${name}: ${inline(messageOf(error))}`);
    return undefined;
  }
  const latestNewer = compareSnapshots(read, artifact.info) > 0;
  const change = snapshotChange(previous.info, artifact.info);
  // A newer latest stays where it is by the forward rule unless allow-older moves it back.
  const applies = !latestNewer || inputs.allowOlder;
  const held = applies && shrankBeyond(change, inputs.maxShrink);
  const since = { change, latestNewer, maxShrink: inputs.maxShrink, held };
  io.info(sinceLine(since));
  return since;
}

const count = (n: number): string => n.toLocaleString('en-US');

/** `+11`, `-4`, `±0` */
export function signed(n: number): string {
  return n > 0 ? `+${count(n)}` : n < 0 ? `-${count(-n)}` : '±0';
}

/** "Since 2026-11-21 (latest): 10,240 -> 10,251 entries (+11); 14 repos added, 3 dropped" */
function sinceLine({ change, latestNewer }: Since): string {
  const { before, after, added, dropped } = change;
  const against = latestNewer
    ? `Against ${COMPARED_TAG} (${before.date}, newer than this snapshot)`
    : `Since ${before.date} (${COMPARED_TAG})`;
  return (
    `${against}: ${count(before.entryCount)} -> ${count(after.entryCount)} entries ` +
    `(${signed(change.entryDelta)}); ${count(added.count)} repos added, ${count(dropped.count)} dropped`
  );
}

/** The share of latest's entries the new snapshot lost, in percent (one decimal at most). */
export function lostPercent({ before, after }: SnapshotChange): string {
  const lost = ((before.entryCount - after.entryCount) * 100) / before.entryCount;
  return `${Number(lost.toFixed(1))}%`;
}

/** The step's one error when the shrink guard held the moving tags back. */
export class ShrinkError extends Error {
  constructor(since: Since, pushedAs: string, heldTags: readonly string[]) {
    const { before, after } = since.change;
    const stay =
      heldTags.length === 0
        ? ' only'
        : `; ${heldTags.join(', ')} ${heldTags.length === 1 ? 'stays where it was' : 'stay where they were'}`;
    super(
      `The snapshot ${after.date} has ${count(after.entryCount)} entries, ${lostPercent(since.change)} fewer than ` +
        `the ${count(before.entryCount)} of ${COMPARED_TAG} (${before.date}), more than max-shrink (${since.maxShrink}%) allows: ` +
        `it was pushed as ${pushedAs}${stay}. If the shrink is intended, run again with max-shrink: 100; ` +
        'otherwise fix the export and run again.',
    );
    this.name = 'ShrinkError';
  }
}
