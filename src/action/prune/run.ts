import {
  deletionGroups,
  judgeSnapshots,
  referrersTagOf,
  utcDay,
  withinBudget,
  type DeletionGroup,
  type SnapshotVerdict,
  type TaggedManifest,
} from '../../artifact/index.js';
import type { ActionIO } from '../deps.js';
import { messageOf } from '../errors.js';
import type { PruneBackend } from './backend.js';
import type { PruneInputs } from './inputs.js';
import type { DeletedManifest, PruneResult, Refusal } from './result.js';
import { pruneSummary } from './summary.js';
import { inline } from '../untrusted.js';

export interface PruneDeps {
  io: ActionIO;
  env: Record<string, string | undefined>;
  /** The backend for these inputs (GitHub's Packages API for ghcr.io, else the OCI API). */
  createBackend(inputs: PruneInputs, io: ActionIO): PruneBackend;
  now?: () => number;
}

function describeTags(tags: readonly string[]): string {
  return tags.length > 0 ? tags.map(inline).join(', ') : 'untagged';
}

function whereOf(inputs: PruneInputs): string {
  return `${inputs.registry}/${inputs.repository}`;
}

/** Lists, decides by the retention policy, deletes (unless dry-run), sets outputs, writes the summary. */
export async function runPrune(inputs: PruneInputs, deps: PruneDeps): Promise<PruneResult> {
  const { io } = deps;
  const today = utcDay((deps.now ?? Date.now)());
  const backend = deps.createBackend(inputs, io);
  try {
    const manifests = await listManifests(backend, inputs, io);
    const plan = await planDeletions(manifests, backend, inputs, today, io);
    const done = await deleteGroups(plan, backend, inputs, io);
    const result: PruneResult = {
      today,
      deleted: done.deleted,
      kept: plan.kept,
      refused: [...plan.refusedReading, ...done.refused],
      later: plan.later,
      listed: manifests.length,
      dryRun: inputs.dryRun,
    };
    setPruneOutputs(result, io);
    await io.group('Job summary', () =>
      io.writeSummary(pruneSummary({ ...result, inputs, ghcr: inputs.registry === 'ghcr.io' })),
    );
    return result;
  } finally {
    backend.close();
  }
}

/** Every manifest of the repository (package) with its tags. */
function listManifests(
  backend: PruneBackend,
  inputs: PruneInputs,
  io: ActionIO,
): Promise<TaggedManifest[]> {
  const where = whereOf(inputs);
  return io.group(`List ${where}`, async () => {
    const listed = await backend.list();
    io.info(`${listed.length} manifest(s) in ${where}.`);
    return listed;
  });
}

/** What the retention policy keeps, and what goes now and later (max-deletions). */
interface PrunePlan {
  kept: SnapshotVerdict[];
  now: DeletionGroup[];
  later: DeletionGroup[];
  /** Snapshots kept because their referrers index could not be read. */
  refusedReading: Refusal[];
}

/** Judges the snapshots, reads the referrers indexes of those that go, and splits off max-deletions. */
function planDeletions(
  manifests: readonly TaggedManifest[],
  backend: PruneBackend,
  inputs: PruneInputs,
  today: string,
  io: ActionIO,
): Promise<PrunePlan> {
  return io.group('Apply the retention policy', async () => {
    io.info(
      `Today (UTC) is ${today}: keep ${inputs.keepDays} day(s), Sundays of ${inputs.keepWeeks} week(s), the newest snapshot, and anything tagged other than a date.`,
    );
    const verdicts = judgeSnapshots(manifests, {
      today,
      keepDays: inputs.keepDays,
      keepWeeks: inputs.keepWeeks,
    });
    const members = await readReferrers(verdicts, manifests, backend, inputs.maxDeletions, io);
    const groups = deletionGroups(
      verdicts.filter((v) => !members.unreadable.has(v.digest)),
      manifests,
      (index) => members.byIndex.get(index) ?? [],
    );
    const { now, later } = withinBudget(groups, inputs.maxDeletions);
    const kept = verdicts.filter((v) => v.keep.length > 0);
    io.info(
      `${verdicts.length} snapshot(s): ${kept.length} kept, ${groups.length} to delete` +
        (later.length > 0 ? ` (${now.length} in this run)` : '') +
        '.',
    );
    return { kept, now, later, refusedReading: members.refusals };
  });
}

/** What the deletions came to: deleted (or, in a dry run, what would be) and refused. */
interface Deletions {
  deleted: DeletedManifest[];
  refused: Refusal[];
}

/** Deletes this run's groups oldest first (or says what it would), then what is left for later. */
async function deleteGroups(
  plan: PrunePlan,
  backend: PruneBackend,
  inputs: PruneInputs,
  io: ActionIO,
): Promise<Deletions> {
  const done: Deletions = { deleted: [], refused: [] };
  const title = inputs.dryRun ? 'Dry run: what would be deleted' : `Delete from ${whereOf(inputs)}`;
  await io.group(title, async () => {
    for (const group of plan.now) await deleteGroup(group, backend, inputs.dryRun, io, done);
    if (plan.now.length === 0) io.info('Nothing to delete.');
    reportLater(plan.later, inputs.maxDeletions, io);
  });
  return done;
}

/** One snapshot and its referrers; a refused snapshot keeps its referrers. */
async function deleteGroup(
  group: DeletionGroup,
  backend: PruneBackend,
  dryRun: boolean,
  io: ActionIO,
  done: Deletions,
): Promise<void> {
  const day = group.snapshot.day;
  for (const deletion of group.deletions) {
    const entry = { digest: deletion.digest, tags: [...deletion.tags], day, role: deletion.role };
    const label = `${deletion.role === 'snapshot' ? `snapshot ${day}` : `${deletion.role} of ${day}`} ${deletion.digest} (${describeTags(deletion.tags)})`;
    if (dryRun) {
      done.deleted.push(entry);
      io.info(`Would delete ${label}`);
      continue;
    }
    const outcome = await backend.delete(deletion);
    if (outcome.status === 'refused') {
      done.refused.push({ ...entry, reason: outcome.reason, fix: outcome.fix });
      io.warning(`Not deleted: ${label}. ${outcome.reason}. ${outcome.fix}`);
      // The snapshot stays, so its referrers stay with it.
      if (deletion.role === 'snapshot') return;
      continue;
    }
    const restore = outcome.status === 'deleted' ? outcome.restore : undefined;
    done.deleted.push({ ...entry, ...(restore ? { restore } : {}) });
    io.info(`${outcome.status === 'gone' ? 'Already gone' : 'Deleted'}: ${label}`);
  }
}

/** Says what max-deletions leaves for the next run, and warns when a group can never fit. */
function reportLater(later: readonly DeletionGroup[], maxDeletions: number, io: ActionIO): void {
  const first = later[0];
  if (first === undefined) return;
  const manifestsLeft = later.reduce((n, g) => n + g.deletions.length, 0);
  io.info(
    `${later.length} more snapshot(s) (${manifestsLeft} manifest(s) with their referrers, oldest ${first.snapshot.day}) are left for the next run: max-deletions is ${maxDeletions}.`,
  );
  if (first.deletions.length > maxDeletions) {
    // A snapshot and its referrers are never split, so this one would wait forever.
    io.warning(
      `Snapshot ${first.snapshot.day} ${first.snapshot.digest} goes with its referrers, ${first.deletions.length} manifest(s) together, ` +
        `more than max-deletions (${maxDeletions}); raise max-deletions to at least ${first.deletions.length} or neither it nor any newer snapshot goes.`,
    );
  }
}

/** The action's outputs: deleted (JSON digests and tags), kept (a count), dry-run. */
function setPruneOutputs(result: PruneResult, io: ActionIO): void {
  io.setOutput(
    'deleted',
    JSON.stringify(result.deleted.map((d) => ({ digest: d.digest, tags: d.tags }))),
  );
  io.setOutput('kept', String(result.kept.length));
  io.setOutput('dry-run', String(result.dryRun));
}

/**
 * Reads the referrers index of each snapshot that goes, oldest first, until max-deletions is
 * certainly used up (later groups are left for the next run anyway). A snapshot whose index
 * cannot be read stays, with a warning: deleting it would orphan its referrers.
 */
async function readReferrers(
  verdicts: readonly SnapshotVerdict[],
  manifests: readonly TaggedManifest[],
  backend: PruneBackend,
  maxDeletions: number,
  io: ActionIO,
): Promise<{ byIndex: Map<string, string[]>; unreadable: Set<string>; refusals: Refusal[] }> {
  const byIndex = new Map<string, string[]>();
  const unreadable = new Set<string>();
  const refusals: Refusal[] = [];
  let planned = 0;
  for (const verdict of verdicts) {
    if (verdict.keep.length > 0) continue;
    if (planned > maxDeletions) break;
    planned += 1;
    const tag = referrersTagOf(verdict.digest);
    const index = tag === undefined ? undefined : manifests.find((m) => m.tags.includes(tag));
    if (index === undefined || byIndex.has(index.digest)) continue;
    try {
      const members = await backend.indexMembers(index.digest);
      byIndex.set(index.digest, members);
      planned += 1 + members.length;
    } catch (error) {
      unreadable.add(verdict.digest);
      const reason = `its referrers index ${index.digest} could not be read (${inline(messageOf(error))})`;
      const fix = 'It is kept so its referrers are not orphaned; the next run tries again.';
      refusals.push({
        digest: verdict.digest,
        tags: [...verdict.tags],
        day: verdict.day,
        role: 'snapshot',
        reason,
        fix,
      });
      io.warning(`Not deleted: snapshot ${verdict.day} ${verdict.digest}: ${reason}. ${fix}`);
    }
  }
  return { byIndex, unreadable, refusals };
}
