import { SnapshotError } from './errors.js';
import { isObject } from './json.js';
import { resolveStamp } from './stamp.js';
import { isDate, rfc3339UtcDay } from './timestamps.js';
import type { ExportInfo } from './types.js';

/**
 * The one reader of LowEndInsight's export manifest.json (LEI 0.9, `Lei.Cache.Exporter`). Push
 * reads the export's copy, pull the staged copy it just fetched; both get the same description,
 * the same defaults and the same date rule.
 */

/** Defaults for fields LowEndInsight's reference module treats leniently (each applied with a warning). */
const EXPORT_DEFAULTS = {
  formatVersion: '1.0',
  leiVersion: 'unknown',
  entryCount: 0,
} as const;

/** `content_hash` as LEI writes it: lowercase hex SHA-256, no prefix. */
const LEI_CONTENT_HASH_RE = /^[0-9a-f]{64}$/;

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/** What manifest.json says about the content of cache.jsonl.gz; absent fields stay undefined. */
export interface DeclaredContent {
  /** `entry_count`: the number of reports (the JSONL's non-blank lines) */
  entryCount?: number;
  /** `raw_size`: bytes of the uncompressed JSONL, newlines included */
  rawSize?: number;
  /** `compressed_size`: bytes of cache.jsonl.gz */
  compressedSize?: number;
  /** `content_hash` in LEI's form (64 lowercase hex digits), else undefined */
  contentHash?: string;
  /** `content_hash` as written when it is in another form (so it cannot be verified) */
  otherContentHash?: string;
}

/** The typed description of a snapshot, read from its manifest.json. */
export interface SnapshotDescription {
  /**
   * Metadata with defaults applied. `entryCount` is the declared count (0 when absent); content
   * verification replaces it by the counted entries when the field is absent.
   */
  info: ExportInfo;
  declared: DeclaredContent;
  /** Non-fatal findings (defaults applied), in order. */
  warnings: string[];
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/**
 * Parses manifest.json bytes into a snapshot description. `source` names the file in messages
 * (a path, or "the pulled manifest.json"). Throws SnapshotError naming the field and the fix.
 * Date rule: `date`, else the UTC day of `created`.
 */
export function parseSnapshotManifest(bytes: Uint8Array, source: string): SnapshotDescription {
  const warnings: string[] = [];
  if (UTF8_BOM.every((b, i) => bytes[i] === b)) {
    throw new SnapshotError(
      source,
      `${source} starts with a UTF-8 byte-order mark (bytes EF BB BF), which JSON does not allow; save the file as UTF-8 without a BOM or run the export again`,
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (err) {
    throw new SnapshotError(
      source,
      `${source} is not valid JSON (${(err as Error).message}); run the export again or repair the file`,
      { cause: err },
    );
  }
  if (!isObject(doc)) {
    throw new SnapshotError(
      source,
      `${source} must hold a JSON object (LowEndInsight's export manifest), not ${Array.isArray(doc) ? 'an array' : doc === null ? 'null' : typeof doc}; run the export again`,
    );
  }
  const bad = (field: string, expected: string): SnapshotError =>
    new SnapshotError(
      source,
      `${source}: "${field}" must be ${expected}, got ${JSON.stringify(doc[field])}; fix the field or run the export again`,
      { field },
    );
  const optionalCount = (field: string): number | undefined => {
    const v = doc[field];
    if (v === undefined) return undefined;
    if (!isCount(v)) throw bad(field, 'a non-negative integer');
    return v;
  };

  let formatVersion: string = EXPORT_DEFAULTS.formatVersion;
  if (doc.format_version === undefined) {
    warnings.push(`${source} has no "format_version"; assuming "${formatVersion}"`);
  } else if (typeof doc.format_version !== 'string' || doc.format_version === '') {
    throw bad('format_version', 'a string such as "1.0"');
  } else {
    formatVersion = doc.format_version;
    if (formatVersion !== EXPORT_DEFAULTS.formatVersion) {
      warnings.push(
        `${source} has format_version "${formatVersion}"; this action knows "${EXPORT_DEFAULTS.formatVersion}", packaging the files as they are`,
      );
    }
  }

  let leiVersion: string = EXPORT_DEFAULTS.leiVersion;
  if (doc.lei_version === undefined) {
    warnings.push(`${source} has no "lei_version"; using "${leiVersion}"`);
  } else if (typeof doc.lei_version !== 'string' || doc.lei_version === '') {
    throw bad('lei_version', 'a non-empty string such as "0.9.1"');
  } else {
    leiVersion = doc.lei_version;
  }

  const declared: DeclaredContent = {};
  const entryCount = optionalCount('entry_count');
  if (entryCount !== undefined) declared.entryCount = entryCount;
  const rawSize = optionalCount('raw_size');
  if (rawSize !== undefined) declared.rawSize = rawSize;
  const compressedSize = optionalCount('compressed_size');
  if (compressedSize !== undefined) declared.compressedSize = compressedSize;
  if (doc.content_hash !== undefined) {
    if (typeof doc.content_hash !== 'string' || doc.content_hash === '') {
      throw bad('content_hash', 'the lowercase hex SHA-256 of the reports (64 hex digits)');
    }
    if (LEI_CONTENT_HASH_RE.test(doc.content_hash)) declared.contentHash = doc.content_hash;
    else declared.otherContentHash = doc.content_hash;
  }

  let repos: string[] = [];
  if (doc.repos !== undefined) {
    if (!Array.isArray(doc.repos) || !doc.repos.every((r) => typeof r === 'string')) {
      throw bad('repos', 'an array of repository URLs');
    }
    repos = doc.repos as string[];
  }

  let date: string | undefined;
  if (doc.date !== undefined) {
    if (typeof doc.date !== 'string' || !isDate(doc.date)) {
      throw bad('date', 'a calendar day written YYYY-MM-DD (e.g. "2026-11-22")');
    }
    date = doc.date;
  }
  let created: string | undefined;
  if (doc.created !== undefined) {
    if (typeof doc.created !== 'string' || rfc3339UtcDay(doc.created) === undefined) {
      throw bad('created', 'an RFC 3339 date-time (e.g. "2026-11-22T03:14:07Z")');
    }
    created = doc.created;
  }
  const stamp = resolveStamp(date, created);
  if (stamp === undefined) {
    throw new SnapshotError(
      source,
      `${source} has neither "created" (RFC 3339) nor "date" (YYYY-MM-DD); the artifact's creation time comes from the export, so add one or run the export again`,
      { field: 'created' },
    );
  }
  if (created === undefined) {
    warnings.push(`${source} has no "created"; using midnight UTC of its date: ${stamp.created}`);
  }

  return {
    info: {
      formatVersion,
      leiVersion,
      created: stamp.created,
      date: stamp.date,
      entryCount: entryCount ?? EXPORT_DEFAULTS.entryCount,
      repos,
    },
    declared,
    warnings,
  };
}

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
