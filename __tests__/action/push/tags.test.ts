import { describe, expect, it } from 'vitest';
import { isValidTag } from '../../../src/registry/index.js';
import { readPushInputs } from '../../../src/action/push/inputs.js';
import {
  DEFAULT_MOVING_TAGS,
  caseTwinWarnings,
  parseTags,
  snapshotTags,
  tagsLine,
} from '../../../src/action/push/tags.js';
import { defaultTags, utcWeekday } from '../../../src/artifact/snapshot.js';
import { env, getter } from '../inputKit.js';

describe('default tags', () => {
  it('adds weekly only for a Sunday (weekday computed in UTC)', () => {
    expect(defaultTags('2026-11-22')).toEqual(['2026-11-22', 'latest', 'weekly']);
    expect(defaultTags('2026-11-23')).toEqual(['2026-11-23', 'latest']);
    expect(defaultTags('2026-11-21')).toEqual(['2026-11-21', 'latest']);
  });

  it('does not depend on the local time zone', () => {
    const saved = process.env['TZ'];
    try {
      for (const tz of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
        process.env['TZ'] = tz;
        expect(utcWeekday('2026-11-22')).toBe(0);
      }
    } finally {
      if (saved === undefined) delete process.env['TZ'];
      else process.env['TZ'] = saved;
    }
  });

  it('rejects non-dates', () => {
    expect(() => utcWeekday('2026-02-30')).toThrow(/calendar/);
    expect(() => utcWeekday('22.11.2026')).toThrow(/YYYY-MM-DD/);
  });

  it('parses an empty tags input to no tags', () => {
    expect(parseTags(' \n , ', isValidTag)).toEqual([]);
  });
});

describe('the snapshot date tag is always pushed', () => {
  it('no tags: the defaults; given tags without the date tag: the date tag first', () => {
    expect(snapshotTags([], '2026-11-22')).toEqual(['2026-11-22', 'latest', 'weekly']);
    expect(snapshotTags(['nightly'], '2026-11-22')).toEqual(['2026-11-22', 'nightly']);
    expect(snapshotTags(['v1', '2026-11-21'], '2026-11-22')).toEqual([
      '2026-11-22',
      'v1',
      '2026-11-21',
    ]);
    // given with the date tag: kept as given, in the given order
    expect(snapshotTags(['nightly', '2026-11-22'], '2026-11-22')).toEqual([
      'nightly',
      '2026-11-22',
    ]);
  });

  it('the log line says where the tags came from', () => {
    expect(tagsLine([], ['2026-11-22', 'latest', 'weekly'], '2026-11-22')).toBe(
      'Tags: 2026-11-22, latest, weekly (defaults for the snapshot date)',
    );
    expect(tagsLine(['nightly'], ['2026-11-22', 'nightly'], '2026-11-22')).toBe(
      "Tags: 2026-11-22, nightly (2026-11-22 added: the snapshot's date tag is always pushed)",
    );
    expect(tagsLine(['2026-11-22', 'v1'], ['2026-11-22', 'v1'], '2026-11-22')).toBe(
      'Tags: 2026-11-22, v1',
    );
  });
});

describe('tags that differ only in case', () => {
  it('the default moving tags are those defaultTags gives besides the date', () => {
    expect(DEFAULT_MOVING_TAGS).toEqual(defaultTags('2026-11-22').slice(1));
  });

  it('warns about a tag like a default one, naming both', () => {
    expect(caseTwinWarnings(['Latest', 'WEEKLY', 'nightly'])).toEqual([
      "Input 'tags': 'Latest' differs only in case from the default tag 'latest'; registries keep tags case-sensitive, so it is a tag of its own and whatever follows 'latest' will not see it. Write 'latest' if that tag is meant.",
      "Input 'tags': 'WEEKLY' differs only in case from the default tag 'weekly'; registries keep tags case-sensitive, so it is a tag of its own and whatever follows 'weekly' will not see it. Write 'weekly' if that tag is meant.",
    ]);
  });

  it('warns about two given tags alike but for case, once', () => {
    expect(caseTwinWarnings(['nightly', 'Nightly', 'latest'])).toEqual([
      "Input 'tags': 'Nightly' and 'nightly' differ only in case; registries keep tags case-sensitive, so both are pushed as two separate tags. Keep one of them.",
    ]);
  });

  it('says nothing about tags unlike in more than case', () => {
    expect(caseTwinWarnings(['latest', 'weekly', '2026-11-22', 'v1', 'V2'])).toEqual([]);
  });

  it('readPushInputs carries the warnings', () => {
    const warnings = readPushInputs(getter({ 'export-dir': 'e', tags: 'Latest' }), env).warnings;
    expect(warnings).toEqual([expect.stringMatching(/^Input 'tags': 'Latest' differs only/)]);
  });
});
