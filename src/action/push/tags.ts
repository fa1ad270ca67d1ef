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
