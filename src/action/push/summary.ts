import type { ExportInfo } from '../../artifact/index.js';
import type { Since } from './nightly.js';
import { sinceSection } from './sinceReport.js';
import type { TagLine } from './tagReport.js';
import { formatBytes } from '../progress.js';
import { code, html } from '../untrusted.js';

export interface PushSummaryData {
  registry: string;
  repository: string;
  digest: string;
  tags: string[];
  /** what happened to each tag (when pushed) */
  tagReport?: TagLine[];
  pushed: boolean;
  /** bytes of config + layers */
  size: number;
  /** bytes of cache.jsonl.gz */
  cacheSize: number;
  /** bytes actually uploaded (undefined when nothing was pushed) */
  uploadedBytes?: number;
  info: ExportInfo;
  ociLayout?: string;
  /** owner/name of this action (GITHUB_ACTION_REPOSITORY), for the pull example */
  actionRepository?: string;
  /** the comparison with the snapshot latest pointed at (when there was one) */
  since?: Since;
}

/** GITHUB_ACTION_REPOSITORY as GitHub spells owner/name (it goes into a code block as it is). */
const OWNER_NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** What happened to each tag, and why a tag that stayed on a newer snapshot stayed. */
function tagSection(tagReport: TagLine[] | undefined): string[] {
  if (tagReport === undefined) return [];
  return [
    '#### Tags',
    '',
    '<table>',
    '<tr><th align="left">Tag</th><th align="left">What happened</th></tr>',
    ...tagReport.map((t) => `<tr><td>${code(t.tag)}</td><td>${t.cell}</td></tr>`),
    '</table>',
    '',
    ...(tagReport.some((t) => !t.current && t.warning)
      ? [
          '<p>A tag that stayed points at a newer snapshot: moving tags only move forward. Set <code>allow-older: true</code> to move them back on purpose.</p>',
          '',
        ]
      : []),
  ];
}

function title(data: PushSummaryData): string {
  const snapshot = `### LEI cache snapshot ${html(data.info.date)}`;
  if (data.since?.held) return `${snapshot} pushed; moving tags held back (shrink guard)`;
  return data.pushed ? `${snapshot} pushed` : `${snapshot} packaged (not pushed)`;
}

/** The pull action, LEI's own tasks, skopeo, oras and Zarf, each pointed at this snapshot. */
function gettingItBack(data: PushSummaryData): string[] {
  const base = `${data.registry}/${data.repository}`;
  const pinned = `${base}@${data.digest}`;
  const firstTag = data.tags[0] ?? 'latest';
  return [
    '#### Getting it back',
    '',
    ...(data.pushed
      ? []
      : [
          // an HTML block, not a Markdown paragraph: the path is an input and stays text
          data.ociLayout !== undefined
            ? `<p>Nothing was pushed (push: false). Copy the layout to the registry first, keeping the digest: ${code(`skopeo copy oci:${data.ociLayout}:${firstTag} docker://${base}:${firstTag}`)}. Then:</p>`
            : 'Nothing was pushed (push: false). Once the artifact is in the registry:',
          '',
        ]),
    'With the pull action:',
    '',
    '```yaml',
    `- uses: ${data.actionRepository !== undefined && OWNER_NAME.test(data.actionRepository) ? data.actionRepository : '<owner>/lei-cache-action'}/pull@v1`,
    '  with:',
    `    reference: ${pinned}`,
    '    output-dir: lei-cache',
    '```',
    '',
    // LEI's client parses host/repository[:tag] only: a digest reference would name a wrong URL.
    "With LowEndInsight's own tasks (they take a tag, not a digest):",
    '',
    '```sh',
    `mix lei.cache.pull ${base}:${data.info.date} -o lei-cache`,
    'mix lei.cache.import lei-cache',
    '```',
    '',
    'With skopeo or oras:',
    '',
    '```sh',
    `skopeo copy docker://${pinned} oci:lei-cache-layout:${firstTag}`,
    `oras pull ${pinned} -o lei-cache`,
    '```',
    '',
    'In a zarf.yaml (pinned by digest, for air-gapped sites):',
    '',
    '```yaml',
    'images:',
    `  - ${base}:${firstTag}@${data.digest}`,
    '```',
    '',
  ];
}

/** The job summary of the push action, as GitHub-flavoured Markdown/HTML. */
export function pushSummary(data: PushSummaryData): string {
  const pinned = `${data.registry}/${data.repository}@${data.digest}`;
  const rows: [string, string][] = [
    ['Reference', code(pinned)],
    ['Digest', code(data.digest)],
    [
      'Tags',
      (data.tagReport ? data.tagReport.filter((t) => t.current).map((t) => t.tag) : data.tags)
        .map(code)
        .join(' ') || '(none)',
    ],
    ['Snapshot date', html(data.info.date)],
    ['Entries', data.info.entryCount.toLocaleString('en-US')],
    ['Size', `${formatBytes(data.size)} (cache.jsonl.gz ${formatBytes(data.cacheSize)})`],
    ['LEI version', html(data.info.leiVersion)],
  ];
  if (data.uploadedBytes !== undefined) rows.push(['Uploaded', formatBytes(data.uploadedBytes)]);
  if (data.ociLayout !== undefined) rows.push(['OCI layout', code(data.ociLayout)]);
  const stayed = data.tagReport?.filter((t) => !t.current).map((t) => t.tag) ?? [];
  return [
    title(data),
    '',
    '<table>',
    ...rows.map(([k, v]) => `<tr><th align="left">${k}</th><td>${v}</td></tr>`),
    '</table>',
    '',
    ...(data.since ? sinceSection(data.since, stayed) : []),
    ...tagSection(data.tagReport),
    ...gettingItBack(data),
  ].join('\n');
}
