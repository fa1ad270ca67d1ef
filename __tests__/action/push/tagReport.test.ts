import { describe, expect, it } from 'vitest';
import { pushSummary } from '../../../src/action/push/summary.js';
import { tagLines } from '../../../src/action/push/tagReport.js';
import type { TagPush } from '../../../src/registry/index.js';

const D = (c: string): string => `sha256:${c.repeat(64)}`;
const ours = { digest: D('1'), date: '2026-11-22', created: '2026-11-22T03:14:07Z' };
const base = 'ghcr.io/lei-org/lei-cache';

describe('tagLines', () => {
  it('held by the shrink guard: info lines that say so; a tag on a newer snapshot keeps its own line', () => {
    const older = {
      kind: 'snapshot' as const,
      digest: D('2'),
      date: '2026-11-15',
      created: '2026-11-15T03:00:00Z',
    };
    const newer = { ...older, digest: D('4'), date: '2026-11-29', created: '2026-11-29T03:00:00Z' };
    const pushes: TagPush[] = [
      { tag: '2026-11-22', moved: true, current: true },
      { tag: 'latest', before: older, moved: false, current: false },
      { tag: 'weekly', before: { kind: 'absent' }, moved: false, current: false },
      { tag: 'stable', before: newer, moved: false, current: false },
      { tag: 'same', before: { ...older, digest: D('1') }, moved: false, current: true },
    ];
    const lines = tagLines(pushes, ours, false, base, true);
    expect(lines.map((l) => [l.tag, l.current, l.warning, l.log])).toEqual([
      ['2026-11-22', true, false, `Tagged ${base}:2026-11-22`],
      [
        'latest',
        false,
        false,
        `${base}:latest stays on snapshot 2026-11-15 (created 2026-11-15T03:00:00Z, sha256:222222222222…): held back by the shrink guard (max-shrink)`,
      ],
      [
        'weekly',
        false,
        false,
        `${base}:weekly was not created: held back by the shrink guard (max-shrink)`,
      ],
      [
        'stable',
        false,
        true,
        `${base}:stable stays on the newer snapshot 2026-11-29 (created 2026-11-29T03:00:00Z, sha256:444444444444…); this snapshot is 2026-11-22 (created 2026-11-22T03:14:07Z). Set allow-older: true to move it back on purpose.`,
      ],
      ['same', true, false, `${base}:same already points at this snapshot: nothing to move`],
    ]);
    expect(lines[1]?.cell).toBe(
      '<strong>held back</strong> by the shrink guard: stays on snapshot 2026-11-15 (created 2026-11-15T03:00:00Z, <code>sha256:222222222222…</code>)',
    );
  });

  it('one line per tag: pushed, new, unchanged, forward, stayed, back, replaced', () => {
    const newer = {
      kind: 'snapshot' as const,
      digest: D('4'),
      date: '2026-11-29',
      created: '2026-11-29T03:00:00Z',
    };
    const older = {
      kind: 'snapshot' as const,
      digest: D('2'),
      date: '2026-11-15',
      created: '2026-11-15T03:00:00Z',
    };
    const pushes: TagPush[] = [
      { tag: '2026-11-22', moved: true, current: true },
      { tag: 'a', before: { kind: 'absent' }, moved: true, current: true },
      { tag: 'b', before: { ...older, digest: D('1') }, moved: false, current: true },
      { tag: 'c', before: older, moved: true, current: true },
      { tag: 'd', before: newer, moved: false, current: false },
    ];
    const lines = tagLines(pushes, ours, false, base);
    expect(lines.map((l) => [l.tag, l.current, l.warning, l.log])).toEqual([
      ['2026-11-22', true, false, `Tagged ${base}:2026-11-22`],
      ['a', true, false, `Tagged ${base}:a (a new tag)`],
      ['b', true, false, `${base}:b already points at this snapshot: nothing to move`],
      [
        'c',
        true,
        false,
        `Moved ${base}:c forward from the snapshot 2026-11-15 (created 2026-11-15T03:00:00Z, sha256:222222222222…)`,
      ],
      [
        'd',
        false,
        true,
        `${base}:d stays on the newer snapshot 2026-11-29 (created 2026-11-29T03:00:00Z, sha256:444444444444…); this snapshot is 2026-11-22 (created 2026-11-22T03:14:07Z). Set allow-older: true to move it back on purpose.`,
      ],
    ]);
    const back = tagLines(
      [{ tag: 'd', before: newer, moved: true, current: true }],
      ours,
      true,
      base,
    );
    expect(back[0]?.log).toBe(
      `Moved ${base}:d back from the newer snapshot 2026-11-29 (created 2026-11-29T03:00:00Z, sha256:444444444444…) to this snapshot 2026-11-22, as allow-older is true`,
    );
    expect(back[0]?.warning).toBe(true);
  });

  it("a registry's description and created of the old target stay text in the log and the summary", () => {
    const hostile: TagPush[] = [
      {
        tag: 'latest',
        before: {
          kind: 'other',
          digest: D('5'),
          what: 'a manifest of media type x\n::add-mask::y <img src=z>',
        },
        moved: true,
        current: true,
      },
      {
        tag: 'weekly',
        before: {
          kind: 'snapshot',
          digest: D('6'),
          date: '2026-11-29',
          created: '2026-11-29T03:00:00Z</td>',
        },
        moved: false,
        current: false,
      },
    ];
    const lines = tagLines(hostile, ours, false, base);
    expect(lines[0]?.log).toBe(
      `${base}:latest pointed at a manifest of media type x\\n::add-mask::y <img src=z> (sha256:555555555555…), not an LEI cache snapshot; moved it to this snapshot as asked`,
    );
    expect(lines[1]?.log).toContain('(created 2026-11-29T03:00:00Z</td>, ');
    const summary = pushSummary({
      registry: 'ghcr.io',
      repository: 'lei-org/lei-cache',
      digest: ours.digest,
      tags: ['latest', 'weekly'],
      tagReport: lines,
      pushed: true,
      size: 1,
      cacheSize: 1,
      info: {
        formatVersion: '1.0',
        leiVersion: '0.9.1',
        created: ours.created,
        date: ours.date,
        entryCount: 1,
        repos: [],
      },
    });
    expect(summary).toContain(
      '<tr><td><code>latest</code></td><td><strong>moved</strong> from a manifest of media type x&#92;n::add-mask::y &#60;img src&#61;z&#62; (<code>sha256:555555555555…</code>), not an LEI cache snapshot</td></tr>',
    );
    expect(summary).toContain('(created 2026-11-29T03:00:00Z&#60;/td&#62;, ');
    expect(summary).not.toContain('<img');
    // the Tags row lists the tags that point at this snapshot; the one that stayed is explained
    expect(summary).toContain('<tr><th align="left">Tags</th><td><code>latest</code></td></tr>');
    expect(summary).toContain('moving tags only move forward');
  });

  it('a tag another push moved meanwhile: a warning that says what it found and what it did', () => {
    const older = {
      kind: 'snapshot' as const,
      digest: D('2'),
      date: '2026-11-15',
      created: '2026-11-15T03:00:00Z',
    };
    const newer = { ...older, digest: D('4'), date: '2026-11-29', created: '2026-11-29T03:00:00Z' };
    const lines = tagLines(
      [
        { tag: 'latest', before: { kind: 'absent' }, moved: true, current: true, overtaken: older },
        {
          tag: 'weekly',
          before: { kind: 'absent' },
          moved: true,
          current: false,
          overtaken: newer,
        },
      ],
      ours,
      false,
      base,
    );
    expect(lines.map((l) => [l.current, l.warning, l.log])).toEqual([
      [
        true,
        true,
        `Tagged ${base}:latest (a new tag). Then another push moved ${base}:latest to snapshot 2026-11-15 (created 2026-11-15T03:00:00Z, sha256:222222222222…) while this one ran; moved it to this snapshot again. Pushes to one package should run one at a time (a concurrency group).`,
      ],
      [
        false,
        true,
        `Tagged ${base}:weekly (a new tag). Then another push moved ${base}:weekly to snapshot 2026-11-29 (created 2026-11-29T03:00:00Z, sha256:444444444444…) while this one ran; left it there, as that snapshot is newer. Pushes to one package should run one at a time (a concurrency group).`,
      ],
    ]);
    expect(lines[1]?.cell).toBe(
      'pushed (new tag); then <strong>overtaken</strong> by another push (to snapshot 2026-11-29 (created 2026-11-29T03:00:00Z, <code>sha256:444444444444…</code>)): left there',
    );
  });
});
