import {
  deletionGroups,
  judgeSnapshots,
  referrersTagOf,
  utcDay,
  withinBudget,
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

/** Lists, decides by the retention policy, deletes (unless dry-run), sets outputs, writes the summary. */
export async function runPrune(inputs: PruneInputs, deps: PruneDeps): Promise<PruneResult> {
  const { io } = deps;
  const where = `${inputs.registry}/${inputs.repository}`;
  const today = utcDay((deps.now ?? Date.now)());
  const backend = deps.createBackend(inputs, io);
  try {
    const manifests = await io.group(`List ${where}`, async () => {
      const listed = await backend.list();
      io.info(`${listed.length} manifest(s) in ${where}.`);
      return listed;
    });

    const plan = await io.group('Apply the retention policy', async () => {
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

    const deleted: DeletedManifest[] = [];
    const refused: Refusal[] = [...plan.refusedReading];
    await io.group(
      inputs.dryRun ? 'Dry run: what would be deleted' : `Delete from ${where}`,
      async () => {
        for (const group of plan.now) {
          for (const deletion of group.deletions) {
            const entry = {
              digest: deletion.digest,
              tags: [...deletion.tags],
              day: group.snapshot.day,
              role: deletion.role,
            };
            const label = `${deletion.role === 'snapshot' ? `snapshot ${group.snapshot.day}` : `${deletion.role} of ${group.snapshot.day}`} ${deletion.digest} (${describeTags(deletion.tags)})`;
            if (inputs.dryRun) {
              deleted.push(entry);
              io.info(`Would delete ${label}`);
              continue;
            }
            const outcome = await backend.delete(deletion);
            if (outcome.status === 'refused') {
              refused.push({ ...entry, reason: outcome.reason, fix: outcome.fix });
              io.warning(`Not deleted: ${label}. ${outcome.reason}. ${outcome.fix}`);
              // The snapshot stays, so its referrers stay with it.
              if (deletion.role === 'snapshot') break;
              continue;
            }
            deleted.push({
              ...entry,
              ...(outcome.status === 'deleted' && outcome.restore
                ? { restore: outcome.restore }
                : {}),
            });
            io.info(`${outcome.status === 'gone' ? 'Already gone' : 'Deleted'}: ${label}`);
          }
        }
        if (plan.now.length === 0) io.info('Nothing to delete.');
        if (plan.later.length > 0) {
          const manifestsLeft = plan.later.reduce((n, g) => n + g.deletions.length, 0);
          io.info(
            `${plan.later.length} more snapshot(s) (${manifestsLeft} manifest(s) with their referrers, oldest ${plan.later[0]?.snapshot.day}) are left for the next run: max-deletions is ${inputs.maxDeletions}.`,
          );
          const first = plan.later[0];
          if (first !== undefined && first.deletions.length > inputs.maxDeletions) {
            // A snapshot and its referrers are never split, so this one would wait forever.
            io.warning(
              `Snapshot ${first.snapshot.day} ${first.snapshot.digest} goes with its referrers, ${first.deletions.length} manifest(s) together, ` +
                `more than max-deletions (${inputs.maxDeletions}); raise max-deletions to at least ${first.deletions.length} or neither it nor any newer snapshot goes.`,
            );
          }
        }
      },
    );

    const result: PruneResult = {
      today,
      deleted,
      kept: plan.kept,
      refused,
      later: plan.later,
      listed: manifests.length,
      dryRun: inputs.dryRun,
    };
    io.setOutput(
      'deleted',
      JSON.stringify(deleted.map((d) => ({ digest: d.digest, tags: d.tags }))),
    );
    io.setOutput('kept', String(plan.kept.length));
    io.setOutput('dry-run', String(inputs.dryRun));
    await io.group('Job summary', () =>
      io.writeSummary(pruneSummary({ ...result, inputs, ghcr: inputs.registry === 'ghcr.io' })),
    );
    return result;
  } finally {
    backend.close();
  }
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
