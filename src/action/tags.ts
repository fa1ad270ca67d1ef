import { isDate } from '../artifact/index.js';
import { InputError } from './errors.js';

/** The weekday (0 = Sunday) of a YYYY-MM-DD date, computed in UTC. */
export function utcWeekday(date: string): number {
  if (!isDate(date)) throw new Error(`not a YYYY-MM-DD calendar date: '${date}'`);
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/**
 * The tags LowEndInsight's own client uses for a snapshot of `date`:
 * the date itself, `latest`, and `weekly` when the date is a Sunday.
 */
export function defaultTags(date: string): string[] {
  const tags = [date, 'latest'];
  if (utcWeekday(date) === 0) tags.push('weekly');
  return tags;
}

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
