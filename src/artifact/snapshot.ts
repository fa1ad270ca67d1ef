import { SnapshotError } from './errors.js';
import { isObject, jsonSyntaxError } from './json.js';
import { resolveStamp, type SnapshotStamp } from './stamp.js';
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

function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((r) => typeof r === 'string');
}

function isDateString(v: unknown): v is string {
  return typeof v === 'string' && isDate(v);
}

function isDateTime(v: unknown): v is string {
  return typeof v === 'string' && rfc3339UtcDay(v) !== undefined;
}

/**
 * Reads one optional field: undefined when absent, the value when `accept` takes it, else a
 * SnapshotError naming the field, what it must be (`expected`) and what it is.
 */
type FieldReader = <T>(
  field: string,
  expected: string,
  accept: (v: unknown) => v is T,
) => T | undefined;

function fieldReader(doc: Record<string, unknown>, source: string): FieldReader {
  return (field, expected, accept) => {
    const value = doc[field];
    if (value === undefined || accept(value)) return value;
    throw new SnapshotError(
      source,
      `${source}: "${field}" must be ${expected}, got ${JSON.stringify(value)}; fix the field or run the export again`,
      { field },
    );
  };
}

/** The manifest.json bytes as a JSON object, or a SnapshotError saying why they are not one. */
function parseObject(bytes: Uint8Array, source: string): Record<string, unknown> {
  if (UTF8_BOM.every((b, i) => bytes[i] === b)) {
    throw new SnapshotError(
      source,
      `${source} starts with a UTF-8 byte-order mark (bytes EF BB BF), which JSON does not allow; save the file as UTF-8 without a BOM or run the export again`,
    );
  }
  const text = Buffer.from(bytes).toString('utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const at = jsonSyntaxError(text);
    const where = at
      ? `at line ${at.line}, column ${at.column} (${at.problem})`
      : `(${(err as Error).message})`;
    throw new SnapshotError(
      source,
      `${source} is not valid JSON ${where}; run the export again or repair the file`,
      { cause: err },
    );
  }
  if (!isObject(doc)) {
    throw new SnapshotError(
      source,
      `${source} must hold a JSON object (LowEndInsight's export manifest), not ${Array.isArray(doc) ? 'an array' : doc === null ? 'null' : typeof doc}; run the export again`,
    );
  }
  return doc;
}

/** `format_version` and `lei_version`, defaulted with a warning when absent. */
function readVersions(
  read: FieldReader,
  source: string,
  warnings: string[],
): Pick<ExportInfo, 'formatVersion' | 'leiVersion'> {
  const known = EXPORT_DEFAULTS.formatVersion;
  const formatVersion = read('format_version', 'a string such as "1.0"', isNonEmptyString);
  if (formatVersion === undefined) {
    warnings.push(`${source} has no "format_version"; assuming "${known}"`);
  } else if (formatVersion !== known) {
    warnings.push(
      `${source} has format_version "${formatVersion}"; this action knows "${known}", packaging the files as they are`,
    );
  }
  const leiVersion = read('lei_version', 'a non-empty string such as "0.9.1"', isNonEmptyString);
  if (leiVersion === undefined) {
    warnings.push(`${source} has no "lei_version"; using "${EXPORT_DEFAULTS.leiVersion}"`);
  }
  return {
    formatVersion: formatVersion ?? known,
    leiVersion: leiVersion ?? EXPORT_DEFAULTS.leiVersion,
  };
}

/** What manifest.json declares about the content (only the fields it has). */
function readDeclared(read: FieldReader): DeclaredContent {
  const declared: DeclaredContent = {};
  const entryCount = read('entry_count', 'a non-negative integer', isCount);
  if (entryCount !== undefined) declared.entryCount = entryCount;
  const rawSize = read('raw_size', 'a non-negative integer', isCount);
  if (rawSize !== undefined) declared.rawSize = rawSize;
  const compressedSize = read('compressed_size', 'a non-negative integer', isCount);
  if (compressedSize !== undefined) declared.compressedSize = compressedSize;
  const contentHash = read(
    'content_hash',
    'the lowercase hex SHA-256 of the reports (64 hex digits)',
    isNonEmptyString,
  );
  if (contentHash !== undefined) {
    if (LEI_CONTENT_HASH_RE.test(contentHash)) declared.contentHash = contentHash;
    else declared.otherContentHash = contentHash;
  }
  return declared;
}

/** The snapshot's day and time (the date rule: `date`, else the UTC day of `created`). */
function readStamp(read: FieldReader, source: string, warnings: string[]): SnapshotStamp {
  const date = read('date', 'a calendar day written YYYY-MM-DD (e.g. "2026-11-22")', isDateString);
  const created = read(
    'created',
    'an RFC 3339 date-time (e.g. "2026-11-22T03:14:07Z")',
    isDateTime,
  );
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
  return stamp;
}

/**
 * Parses manifest.json bytes into a snapshot description. `source` names the file in messages
 * (a path, or "the pulled manifest.json"). Throws SnapshotError naming the field and the fix.
 * Date rule: `date`, else the UTC day of `created`.
 */
export function parseSnapshotManifest(bytes: Uint8Array, source: string): SnapshotDescription {
  const read = fieldReader(parseObject(bytes, source), source);
  const warnings: string[] = [];
  const versions = readVersions(read, source, warnings);
  const declared = readDeclared(read);
  const repos = read('repos', 'an array of repository URLs', isStringArray) ?? [];
  const { created, date } = readStamp(read, source, warnings);
  const entryCount = declared.entryCount ?? EXPORT_DEFAULTS.entryCount;
  return { info: { ...versions, created, date, entryCount, repos }, declared, warnings };
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
