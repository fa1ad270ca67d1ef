import { open, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ExportError } from './errors.js';
import { isObject } from './json.js';
import { CACHE_JSONL_FILENAME, CACHE_MANIFEST_FILENAME } from './mediaTypes.js';
import { isDate, rfc3339UtcDay } from './timestamps.js';
import type { ExportInfo } from './types.js';

/** Defaults for fields LowEndInsight's reference module treats leniently (each applied with a warning). */
const EXPORT_DEFAULTS = {
  formatVersion: '1.0',
  leiVersion: 'unknown',
  entryCount: 0,
} as const;

/** manifest.json is a small index; anything bigger than this is not LowEndInsight's. */
export const MAX_EXPORT_MANIFEST_SIZE = 64 * 1024 * 1024;

const FIX_EXPORT =
  "point the path at the directory LowEndInsight's cache export wrote (it holds manifest.json and cache.jsonl.gz), or run the export again";

/** The export directory after validation, before any hashing. */
export interface ValidatedExport {
  dir: string;
  manifestPath: string;
  cachePath: string;
  /** manifest.json, byte for byte */
  manifestBytes: Buffer;
  cacheSize: number;
  info: ExportInfo;
  warnings: string[];
}

async function statOrUndefined(path: string) {
  try {
    return await stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ExportError(path, `cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
}

async function checkFile(path: string, what: string): Promise<number> {
  const st = await statOrUndefined(path);
  if (st === undefined) {
    throw new ExportError(path, `${what} is missing: ${path} does not exist; ${FIX_EXPORT}`);
  }
  if (!st.isFile()) {
    throw new ExportError(
      path,
      `${what} is not a regular file: ${path}; replace it with the file LowEndInsight's export wrote`,
    );
  }
  if (st.size === 0) {
    throw new ExportError(
      path,
      `${what} is empty: ${path} has 0 bytes (an interrupted export?); run the export again`,
    );
  }
  return st.size;
}

async function readHead(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/**
 * Validates an export directory without hashing anything: the directory, both files (present,
 * regular, non-empty), manifest.json (a JSON object with well-formed fields), the gzip magic of
 * cache.jsonl.gz and its size against `compressed_size`. Lenient fields get defaults and a warning.
 */
export async function readExport(
  dir: string,
  onWarning?: (message: string) => void,
): Promise<ValidatedExport> {
  const root = resolve(dir);
  const warnings: string[] = [];
  const warn = (message: string): void => {
    warnings.push(message);
    onWarning?.(message);
  };

  const st = await statOrUndefined(root);
  if (st === undefined) {
    throw new ExportError(root, `export directory ${root} does not exist; ${FIX_EXPORT}`);
  }
  if (!st.isDirectory()) {
    throw new ExportError(
      root,
      `export path ${root} is not a directory; ${FIX_EXPORT} (the directory, not a file in it)`,
    );
  }

  const manifestPath = join(root, CACHE_MANIFEST_FILENAME);
  const cachePath = join(root, CACHE_JSONL_FILENAME);
  const manifestSize = await checkFile(manifestPath, CACHE_MANIFEST_FILENAME);
  const cacheSize = await checkFile(cachePath, CACHE_JSONL_FILENAME);
  if (manifestSize > MAX_EXPORT_MANIFEST_SIZE) {
    throw new ExportError(
      manifestPath,
      `${manifestPath} is ${manifestSize} bytes, more than the ${MAX_EXPORT_MANIFEST_SIZE} a LowEndInsight export manifest can be; give the export directory itself`,
    );
  }

  const manifestBytes = await readHead(manifestPath, manifestSize);
  let doc: unknown;
  try {
    doc = JSON.parse(manifestBytes.toString('utf8'));
  } catch (err) {
    throw new ExportError(
      manifestPath,
      `${manifestPath} is not valid JSON (${(err as Error).message}); run the export again or repair the file`,
      { cause: err },
    );
  }
  if (!isObject(doc)) {
    throw new ExportError(
      manifestPath,
      `${manifestPath} must hold a JSON object (LowEndInsight's export manifest), not ${Array.isArray(doc) ? 'an array' : doc === null ? 'null' : typeof doc}; run the export again`,
    );
  }
  const bad = (field: string, expected: string): ExportError =>
    new ExportError(
      manifestPath,
      `${manifestPath}: "${field}" must be ${expected}, got ${JSON.stringify(doc[field])}; fix the field or run the export again`,
    );

  const magic = await readHead(cachePath, 2);
  if (magic.length < 2 || magic[0] !== 0x1f || magic[1] !== 0x8b) {
    throw new ExportError(
      cachePath,
      `${cachePath} is not gzip data (it does not start with the gzip magic bytes 1f 8b); the export writes cache.jsonl.gz gzip-compressed, run it again`,
    );
  }
  if (doc.compressed_size !== undefined) {
    if (!isCount(doc.compressed_size)) throw bad('compressed_size', 'a non-negative integer');
    if (doc.compressed_size !== cacheSize) {
      throw new ExportError(
        cachePath,
        `${cachePath} is ${cacheSize} bytes but ${manifestPath} says compressed_size ${doc.compressed_size}: the export is truncated or its files come from different exports; run the export again`,
      );
    }
  }

  let formatVersion: string = EXPORT_DEFAULTS.formatVersion;
  if (doc.format_version === undefined) {
    warn(`${manifestPath} has no "format_version"; assuming "${formatVersion}"`);
  } else if (typeof doc.format_version !== 'string' || doc.format_version === '') {
    throw bad('format_version', 'a string such as "1.0"');
  } else {
    formatVersion = doc.format_version;
    if (formatVersion !== EXPORT_DEFAULTS.formatVersion) {
      warn(
        `${manifestPath} has format_version "${formatVersion}"; this action knows "${EXPORT_DEFAULTS.formatVersion}", packaging the files as they are`,
      );
    }
  }

  let leiVersion: string = EXPORT_DEFAULTS.leiVersion;
  if (doc.lei_version === undefined) {
    warn(`${manifestPath} has no "lei_version"; using "${leiVersion}"`);
  } else if (typeof doc.lei_version !== 'string' || doc.lei_version === '') {
    throw bad('lei_version', 'a non-empty string such as "0.9.1"');
  } else {
    leiVersion = doc.lei_version;
  }

  let entryCount: number = EXPORT_DEFAULTS.entryCount;
  if (doc.entry_count === undefined) {
    warn(`${manifestPath} has no "entry_count"; using ${entryCount}`);
  } else if (!isCount(doc.entry_count)) {
    throw bad('entry_count', 'a non-negative integer');
  } else {
    entryCount = doc.entry_count;
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
  let created: string;
  if (doc.created !== undefined) {
    const day = typeof doc.created === 'string' ? rfc3339UtcDay(doc.created) : undefined;
    if (day === undefined) {
      throw bad('created', 'an RFC 3339 date-time (e.g. "2026-11-22T03:14:07Z")');
    }
    created = doc.created as string;
    date ??= day;
  } else if (date !== undefined) {
    created = `${date}T00:00:00Z`;
    warn(`${manifestPath} has no "created"; using midnight UTC of its date: ${created}`);
  } else {
    throw new ExportError(
      manifestPath,
      `${manifestPath} has neither "created" (RFC 3339) nor "date" (YYYY-MM-DD); the artifact's creation time comes from the export, so add one or run the export again`,
    );
  }

  const known = new Set([CACHE_MANIFEST_FILENAME, CACHE_JSONL_FILENAME]);
  const extra = (await readdir(root)).filter((n) => !known.has(n)).sort();
  if (extra.length > 0) {
    warn(
      `${root} also holds ${extra.join(', ')}: not packaged (an LEI cache artifact carries only ${CACHE_MANIFEST_FILENAME} and ${CACHE_JSONL_FILENAME})`,
    );
  }

  return {
    dir: root,
    manifestPath,
    cachePath,
    manifestBytes,
    cacheSize,
    info: { formatVersion, leiVersion, created, date, entryCount, repos },
    warnings,
  };
}
