import type { SnapshotStamp } from '../../artifact/index.js';
import type { TagPush, TagTarget } from '../../registry/index.js';
import { decideTag } from './forward.js';
import { code, html, inline } from '../untrusted.js';

/** One tag of a push, as the log and the job summary tell it. */
export interface TagLine {
  tag: string;
  /** whether the tag points at this snapshot after the push */
  current: boolean;
  /** one log line (already safe for the log) */
  log: string;
  /** whether the log line is a warning */
  warning: boolean;
  /** the job summary's "what happened" cell (HTML) */
  cell: string;
}

function short(digest: string): string {
  return `${digest.slice(0, 19)}…`;
}

function describe(target: TagTarget): string {
  switch (target.kind) {
    case 'absent':
      return 'nothing';
    case 'snapshot':
      return `snapshot ${inline(target.date)} (created ${inline(target.created)}, ${short(target.digest)})`;
    case 'other':
      return `${inline(target.what)} (${short(target.digest)})`;
  }
}

function describeHtml(target: TagTarget): string {
  switch (target.kind) {
    case 'absent':
      return 'nothing';
    case 'snapshot':
      return `snapshot ${html(target.date)} (created ${html(target.created)}, ${code(short(target.digest))})`;
    case 'other':
      return `${html(target.what)} (${code(short(target.digest))})`;
  }
}

/**
 * What happened to each tag of a push: date tags pushed as they are, moving tags created, moved
 * forward, left where they were (already here, or on a newer snapshot), moved back (allow-older)
 * or moved over something that is not an LEI snapshot. With `held` (the shrink guard), a moving
 * tag the forward rule would have moved stayed where it was.
 */
export function tagLines(
  pushes: TagPush[],
  ours: SnapshotStamp & { digest: string },
  allowOlder: boolean,
  base: string,
  held = false,
): TagLine[] {
  return pushes.map((push) =>
    held && isHeld(push, ours, allowOlder)
      ? heldLine(push, base)
      : withOvertaken(firstLine(push, ours, allowOlder, base), push, base),
  );
}

/** A guarded tag that did not move although the forward rule would have moved it. */
function isHeld(
  { before, current }: TagPush,
  ours: SnapshotStamp & { digest: string },
  allowOlder: boolean,
): boolean {
  return before !== undefined && !current && decideTag(before, ours, allowOlder).action !== 'keep';
}

function heldLine({ tag, before }: TagPush, base: string): TagLine {
  const name = `${base}:${tag}`;
  const line = (log: string, cell: string): TagLine => ({
    tag,
    current: false,
    log: `${log}: held back by the shrink guard (max-shrink)`,
    warning: false,
    cell: `<strong>held back</strong> by the shrink guard: ${cell}`,
  });
  if (before === undefined || before.kind === 'absent')
    return line(`${name} was not created`, 'not created');
  return line(`${name} stays on ${describe(before)}`, `stays on ${describeHtml(before)}`);
}

/** What another push did to a tag meanwhile (found by the check after every tag was pushed). */
function withOvertaken(line: TagLine, push: TagPush, base: string): TagLine {
  const now = push.overtaken;
  if (now === undefined) return line;
  const outcome = push.current
    ? 'moved it to this snapshot again'
    : 'left it there, as that snapshot is newer';
  return {
    ...line,
    current: push.current,
    warning: true,
    log:
      `${line.log}. Then another push moved ${base}:${push.tag} to ${describe(now)} while this one ran; ` +
      `${outcome}. Pushes to one package should run one at a time (a concurrency group).`,
    cell:
      `${line.cell}; then <strong>overtaken</strong> by another push (to ${describeHtml(now)}): ` +
      (push.current ? 'moved back here' : 'left there'),
  };
}

function firstLine(
  { tag, before, current }: TagPush,
  ours: SnapshotStamp & { digest: string },
  allowOlder: boolean,
  base: string,
): TagLine {
  const name = `${base}:${tag}`;
  const line = (log: string, cell: string, warning = false): TagLine => ({
    tag,
    current,
    log,
    warning,
    cell,
  });
  if (before === undefined) return line(`Tagged ${name}`, 'pushed');
  const decision = decideTag(before, ours, allowOlder);
  switch (decision.action) {
    case 'create':
      return line(`Tagged ${name} (a new tag)`, 'pushed (new tag)');
    case 'unchanged':
      return line(
        `${name} already points at this snapshot: nothing to move`,
        'unchanged (already here)',
      );
    case 'move':
      return line(
        `Moved ${name} forward from the ${describe(decision.from)}`,
        `moved forward from the ${describeHtml(decision.from)}`,
      );
    case 'keep':
      return line(
        `${name} stays on the newer ${describe(decision.newer)}; this snapshot is ` +
          `${inline(ours.date)} (created ${inline(ours.created)}). ` +
          'Set allow-older: true to move it back on purpose.',
        `<strong>stayed</strong> on the newer ${describeHtml(decision.newer)}`,
        true,
      );
    case 'move-back':
      return line(
        `Moved ${name} back from the newer ${describe(decision.newer)} to this snapshot ` +
          `${inline(ours.date)}, as allow-older is true`,
        `<strong>moved back</strong> from the newer ${describeHtml(decision.newer)} (allow-older)`,
        true,
      );
    case 'replace':
      return line(
        `${name} pointed at ${describe(decision.other)}, not an LEI cache snapshot; moved it to this snapshot as asked`,
        `<strong>moved</strong> from ${describeHtml(decision.other)}, not an LEI cache snapshot`,
        true,
      );
  }
}
