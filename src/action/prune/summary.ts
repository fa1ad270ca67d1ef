import type { SnapshotVerdict } from '../../artifact/index.js';
import type { PruneResult } from './result.js';
import type { PruneInputs } from './inputs.js';
import { html } from '../untrusted.js';

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

function code(text: string): string {
  return `<code>${html(text)}</code>`;
}

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
  const where = `${data.inputs.registry}/${data.inputs.repository}`;
  const verb = data.dryRun ? 'Would delete' : 'Deleted';
  const lines: string[] = [
    `### LEI cache prune of ${code(where)}${data.dryRun ? ' (dry run: nothing deleted)' : ''}`,
    '',
    `Today (UTC) ${data.today}; keep-days ${data.inputs.keepDays}, keep-weeks ${data.inputs.keepWeeks}, max-deletions ${data.inputs.maxDeletions}. ` +
      `${data.listed} manifest(s) listed; ${data.kept.length} snapshot(s) kept, ${data.deleted.length} manifest(s) ${data.dryRun ? 'would be ' : ''}deleted` +
      (data.refused.length > 0 ? `, ${data.refused.length} refused` : '') +
      (data.later.length > 0 ? `, ${data.later.length} snapshot(s) left for the next run` : '') +
      '.',
    '',
    `#### ${verb}`,
    '',
  ];
  lines.push(
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
  );
  if (data.refused.length > 0) {
    lines.push(
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
    );
  }
  if (data.later.length > 0) {
    lines.push(
      `${data.later.length} more snapshot(s) from ${data.later[0]?.snapshot.day} on are left for the next run (max-deletions ${data.inputs.maxDeletions}).`,
      '',
    );
  }
  lines.push(
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
  );
  const restorable = data.deleted.filter((d) => d.restore !== undefined);
  if (data.ghcr) {
    lines.push(
      '#### Restoring',
      '',
      'GitHub keeps deleted package versions for 30 days: restore one in the package settings on GitHub, or with the GitHub CLI' +
        (restorable.length > 0
          ? ':'
          : ' (`gh api --method POST /orgs/<org>/packages/container/<name>/versions/<id>/restore`).'),
      '',
    );
    if (restorable.length > 0) {
      lines.push(
        '```sh',
        ...restorable.map((d) => `${d.restore ?? ''}   # ${d.day} ${d.digest}`),
        '```',
        '',
      );
    }
  } else if (!data.dryRun && data.deleted.length > 0) {
    lines.push(
      '#### Restoring',
      '',
      `A registry does not undelete manifests: push the snapshot again (the same export gives the same digest). The blobs stay on disk until the registry's garbage collection runs.`,
      '',
    );
  }
  return lines.join('\n');
}
