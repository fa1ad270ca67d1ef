import type { SnapshotVerdict } from '../../artifact/index.js';
import type { PruneResult } from './result.js';
import type { PruneInputs } from './inputs.js';
import { code, html } from '../untrusted.js';

export interface PruneSummaryData extends PruneResult {
  inputs: PruneInputs;
  /** ghcr.io: deleted versions can be restored for 30 days */
  ghcr: boolean;
}

const REASONS: Record<string, string> = {
  newest: 'newest',
  recent: 'within keep-days',
  sunday: 'Sunday within keep-weeks',
  future: 'dated after today',
  tagged: 'tagged',
};

function tagsCell(tags: readonly string[]): string {
  return tags.length > 0 ? tags.map(code).join(' ') : '<i>untagged</i>';
}

function table(head: string[], rows: string[][]): string {
  return [
    '<table>',
    `<tr>${head.map((h) => `<th align="left">${h}</th>`).join('')}</tr>`,
    ...rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`),
    '</table>',
  ].join('\n');
}

function why(v: SnapshotVerdict): string {
  return v.keep
    .map((k) =>
      k === 'tagged' ? `tagged ${v.protectedBy.map(code).join(' ')}` : (REASONS[k] ?? k),
    )
    .join(', ');
}

const ROLE: Record<string, string> = {
  snapshot: 'snapshot',
  'referrers-index': 'referrers index',
  referrer: 'referrer',
};

/** The prune action's job summary (HTML tables; every value from the registry escaped). */
export function pruneSummary(data: PruneSummaryData): string {
  return [
    ...headline(data),
    ...deletedSection(data),
    ...refusedSection(data),
    ...laterLine(data),
    ...keptSection(data),
    ...restoringSection(data),
  ].join('\n');
}

/** The title and the run in one sentence: the rules, what was listed, kept, deleted, refused. */
function headline(data: PruneSummaryData): string[] {
  const { inputs } = data;
  return [
    `### LEI cache prune of ${code(`${inputs.registry}/${inputs.repository}`)}${data.dryRun ? ' (dry run: nothing deleted)' : ''}`,
    '',
    `Today (UTC) ${data.today}; keep-days ${inputs.keepDays}, keep-weeks ${inputs.keepWeeks}, max-deletions ${inputs.maxDeletions}. ` +
      `${data.listed} manifest(s) listed; ${data.kept.length} snapshot(s) kept, ${data.deleted.length} manifest(s) ${data.dryRun ? 'would be ' : ''}deleted` +
      (data.refused.length > 0 ? `, ${data.refused.length} refused` : '') +
      (data.later.length > 0 ? `, ${data.later.length} snapshot(s) left for the next run` : '') +
      '.',
    '',
  ];
}

function deletedSection(data: PruneSummaryData): string[] {
  return [
    `#### ${data.dryRun ? 'Would delete' : 'Deleted'}`,
    '',
    data.deleted.length === 0
      ? 'Nothing.'
      : table(
          ['Day', 'What', 'Tags', 'Digest'],
          data.deleted.map((d) => [
            d.day,
            ROLE[d.role] ?? d.role,
            tagsCell(d.tags),
            code(d.digest),
          ]),
        ),
    '',
  ];
}

function refusedSection(data: PruneSummaryData): string[] {
  if (data.refused.length === 0) return [];
  return [
    '#### Refused (kept)',
    '',
    table(
      ['Day', 'What', 'Digest', 'Why', 'What to do'],
      data.refused.map((r) => [
        r.day,
        ROLE[r.role] ?? r.role,
        code(r.digest),
        html(r.reason),
        html(r.fix),
      ]),
    ),
    '',
  ];
}

function laterLine(data: PruneSummaryData): string[] {
  if (data.later.length === 0) return [];
  return [
    `${data.later.length} more snapshot(s) from ${data.later[0]?.snapshot.day} on are left for the next run (max-deletions ${data.inputs.maxDeletions}).`,
    '',
  ];
}

function keptSection(data: PruneSummaryData): string[] {
  return [
    '<details><summary>Kept snapshots</summary>',
    '',
    data.kept.length === 0
      ? 'None.'
      : table(
          ['Day', 'Tags', 'Digest', 'Why'],
          [...data.kept].reverse().map((v) => [v.day, tagsCell(v.tags), code(v.digest), why(v)]),
        ),
    '',
    '</details>',
    '',
  ];
}

/** ghcr.io: GitHub keeps deleted versions 30 days; another registry: push again. */
function restoringSection(data: PruneSummaryData): string[] {
  const restorable = data.deleted.filter((d) => d.restore !== undefined);
  if (data.ghcr) {
    return [
      '#### Restoring',
      '',
      'GitHub keeps deleted package versions for 30 days: restore one in the package settings on GitHub, or with the GitHub CLI' +
        (restorable.length > 0
          ? ':'
          : ' (`gh api --method POST /orgs/<org>/packages/container/<name>/versions/<id>/restore`).'),
      '',
      ...(restorable.length > 0
        ? [
            '```sh',
            ...restorable.map((d) => `${d.restore ?? ''}   # ${d.day} ${d.digest}`),
            '```',
            '',
          ]
        : []),
    ];
  }
  if (data.dryRun || data.deleted.length === 0) return [];
  return [
    '#### Restoring',
    '',
    `A registry does not undelete manifests: push the snapshot again (the same export gives the same digest). The blobs stay on disk until the registry's garbage collection runs.`,
    '',
  ];
}
