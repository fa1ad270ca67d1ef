import { defaultTags } from '../../artifact/index.js';
import { InputError } from '../errors.js';

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
