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
 * The snapshot day and export time of an export's manifest.json (e.g. one read back from a
 * registry), by the same rule as packaging: `date`, else the UTC day of `created`; `created`,
 * else midnight UTC of `date`. Undefined when the bytes are not a JSON object with one of them.
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
  const day = typeof date === 'string' && isDate(date) ? date : undefined;
  const createdDay = typeof created === 'string' ? rfc3339UtcDay(created) : undefined;
  if (day !== undefined)
    return {
      date: day,
      created: createdDay !== undefined ? (created as string) : `${day}T00:00:00Z`,
    };
  if (createdDay !== undefined) return { date: createdDay, created: created as string };
  return undefined;
}
