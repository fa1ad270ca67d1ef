import { isObject } from './json.js';
import { isDate, rfc3339UtcDay } from './timestamps.js';

/** What orders LEI snapshots: the snapshot day, then the export time. */
export interface SnapshotStamp {
  /** YYYY-MM-DD */
  date: string;
  /** RFC 3339, as in the export (or `<date>T00:00:00Z` when it has none) */
  created: string;
}

/**
 * The date rule, said once for packaging, pull and the tags' forward check: the snapshot day is
 * `date`, else the UTC day of `created`; the export time is `created`, else midnight UTC of that
 * day. Both arguments are already valid (or undefined); undefined when neither is given.
 */
export function resolveStamp(
  date: string | undefined,
  created: string | undefined,
): SnapshotStamp | undefined {
  const day = date ?? (created !== undefined ? rfc3339UtcDay(created) : undefined);
  if (day === undefined) return undefined;
  return { date: day, created: created ?? `${day}T00:00:00Z` };
}

/**
 * The snapshot day and export time of an export's manifest.json (e.g. one read back from a
 * registry), by the same rule as packaging (`resolveStamp`). Lenient: a field that is not valid
 * is ignored. Undefined when the bytes are not a JSON object with a valid `date` or `created`.
 */
export function snapshotStamp(manifestJson: Uint8Array): SnapshotStamp | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.from(manifestJson).toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isObject(doc)) return undefined;
  const { date, created } = doc;
  return resolveStamp(
    typeof date === 'string' && isDate(date) ? date : undefined,
    typeof created === 'string' && rfc3339UtcDay(created) !== undefined ? created : undefined,
  );
}
