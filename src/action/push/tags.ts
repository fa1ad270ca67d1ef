import { defaultTags } from '../../artifact/index.js';
import { InputError } from '../errors.js';
import { inline } from '../untrusted.js';

/**
 * Splits the `tags` input (newline- or comma-separated) into a list without blanks or
 * duplicates, validating each with `isValidTag`. An empty input gives an empty list.
 */
export function parseTags(raw: string, isValidTag: (tag: string) => boolean): string[] {
  const tags: string[] = [];
  for (const part of raw.split(/[\n,]/)) {
    const tag = part.trim();
    if (tag === '' || tags.includes(tag)) continue;
    if (!isValidTag(tag)) {
      throw new InputError(
        'tags',
        `'${tag}' is not a valid OCI tag. A tag is 1 to 128 characters of letters, digits, '_', '.' and '-', ` +
          `and does not start with '.' or '-' (e.g. 2026-11-22, latest, weekly). Separate tags with commas or newlines.`,
      );
    }
    tags.push(tag);
  }
  return tags;
}

/**
 * The tags a snapshot of `date` is pushed with: the defaults (the date, latest, weekly on a
 * Sunday) when none are given; else the given ones, with the date tag first when it is missing.
 * The date tag is always pushed because prune keeps and deletes snapshots by their date tags:
 * a snapshot without one would never be pruned.
 */
export function snapshotTags(given: readonly string[], date: string): string[] {
  if (given.length === 0) return defaultTags(date);
  return given.includes(date) ? [...given] : [date, ...given];
}

/** The log's Tags line: where the tags came from (defaults, given, the date tag added). */
export function tagsLine(given: readonly string[], tags: readonly string[], date: string): string {
  if (given.length === 0) return `Tags: ${tags.join(', ')} (defaults for the snapshot date)`;
  if (given.includes(date)) return `Tags: ${tags.join(', ')}`;
  return `Tags: ${tags.join(', ')} (${date} added: the snapshot's date tag is always pushed)`;
}

/**
 * The moving tags the push gives by default besides the date (artifact's defaultTags: latest
 * always, weekly on Sundays): what a given tag is compared with, ignoring case.
 */
export const DEFAULT_MOVING_TAGS: readonly string[] = ['latest', 'weekly'];

/**
 * A warning for each given tag that differs only in case from an earlier given tag or from a
 * default one (`Latest` next to `latest`). Registries keep tags case-sensitive, so both would
 * exist, and whatever follows `latest` would not see `Latest`.
 */
export function caseTwinWarnings(tags: readonly string[]): string[] {
  const warnings: string[] = [];
  tags.forEach((tag, i) => {
    const twin = (other: string): boolean =>
      other !== tag && other.toLowerCase() === tag.toLowerCase();
    const given = tags.slice(0, i).find(twin);
    const fallback = DEFAULT_MOVING_TAGS.find(twin);
    if (given !== undefined) {
      warnings.push(
        `Input 'tags': '${inline(tag)}' and '${inline(given)}' differ only in case; registries keep tags case-sensitive, so both are pushed as two separate tags. Keep one of them.`,
      );
    } else if (fallback !== undefined) {
      warnings.push(
        `Input 'tags': '${inline(tag)}' differs only in case from the default tag '${fallback}'; registries keep tags case-sensitive, so it is a tag of its own and whatever follows '${fallback}' will not see it. Write '${fallback}' if that tag is meant.`,
      );
    }
  });
  return warnings;
}
