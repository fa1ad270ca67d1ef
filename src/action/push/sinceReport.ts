import type { SnapshotChange } from '../../artifact/index.js';
import { code, html } from '../untrusted.js';
import { COMPARED_TAG, lostPercent, signed, type Since } from './nightly.js';

/** The repos added or dropped: how many, the first names (foreign text, escaped), the rest counted. */
function repoCell({ count, names }: SnapshotChange['added']): string {
  if (count === 0) return '0';
  const more = count - names.length;
  return (
    `${count.toLocaleString('en-US')}: ${names.map(code).join(', ')}` +
    (more > 0 ? ` and ${more.toLocaleString('en-US')} more` : '')
  );
}

/** The job summary's paragraph when the shrink guard held the moving tags back. */
function heldParagraph(since: Since, heldTags: readonly string[]): string[] {
  const { before, after } = since.change;
  const tags = heldTags.length > 0 ? heldTags.map(code).join(', ') : 'no moving tag';
  return [
    `<p><strong>Shrink guard:</strong> this snapshot has ${lostPercent(since.change)} fewer entries than ` +
      `${code(COMPARED_TAG)} (${html(before.date)}: ${before.entryCount.toLocaleString('en-US')} → ` +
      `${after.entryCount.toLocaleString('en-US')}), more than <code>max-shrink</code> (${since.maxShrink}%) allows. ` +
      `It was pushed under its date tag only; ${tags} stayed where ${heldTags.length === 1 ? 'it was' : 'they were'}, and the step failed. ` +
      'If the shrink is intended, run again with <code>max-shrink: 100</code>; otherwise fix the export and run again.</p>',
    '',
  ];
}

/**
 * The job summary's section on what changed since the snapshot `latest` pointed at: entries
 * before and after, repos added and dropped; and the shrink guard's verdict when it held tags.
 */
export function sinceSection(since: Since, heldTags: readonly string[]): string[] {
  const { before, after, added, dropped } = since.change;
  const heading = since.latestNewer
    ? `#### Against ${COMPARED_TAG} (${html(before.date)}, newer than this snapshot)`
    : `#### Since ${html(before.date)} (${COMPARED_TAG})`;
  const rows: [string, string][] = [
    [
      'Entries',
      `${before.entryCount.toLocaleString('en-US')} → ${after.entryCount.toLocaleString('en-US')} (${signed(since.change.entryDelta)})`,
    ],
    ['Repos added', repoCell(added)],
    ['Repos dropped', repoCell(dropped)],
  ];
  return [
    heading,
    '',
    ...(since.held ? heldParagraph(since, heldTags) : []),
    '<table>',
    ...rows.map(([k, v]) => `<tr><th align="left">${k}</th><td>${v}</td></tr>`),
    '</table>',
    '',
  ];
}
