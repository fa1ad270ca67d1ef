import { open, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ExportError, SnapshotError } from './errors.js';
import { CACHE_JSONL_FILENAME, CACHE_MANIFEST_FILENAME } from './mediaTypes.js';
import {
  parseSnapshotManifest,
  type DeclaredContent,
  type SnapshotDescription,
} from './snapshot.js';
import type { ExportInfo } from './types.js';
import { collectWarnings } from './warnings.js';

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
  /** what manifest.json says about the content, for the content check */
  declared: DeclaredContent;
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

async function checkDirectory(root: string): Promise<void> {
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
}

/** manifest.json, byte for byte, and what parseSnapshotManifest reads from it. */
async function readManifest(
  manifestPath: string,
  size: number,
): Promise<{ bytes: Buffer; snapshot: SnapshotDescription }> {
  if (size > MAX_EXPORT_MANIFEST_SIZE) {
    throw new ExportError(
      manifestPath,
      `${manifestPath} is ${size} bytes, more than the ${MAX_EXPORT_MANIFEST_SIZE} a LowEndInsight export manifest can be; give the export directory itself`,
    );
  }
  const bytes = await readHead(manifestPath, size);
  try {
    return { bytes, snapshot: parseSnapshotManifest(bytes, manifestPath) };
  } catch (err) {
    if (!(err instanceof SnapshotError)) throw err;
    throw new ExportError(manifestPath, err.message, { cause: err });
  }
}

/** cache.jsonl.gz starts as gzip does and has the size manifest.json declares (if it does). */
async function checkCache(
  cachePath: string,
  cacheSize: number,
  manifestPath: string,
  declared: DeclaredContent,
): Promise<void> {
  const magic = await readHead(cachePath, 2);
  if (magic.length < 2 || magic[0] !== 0x1f || magic[1] !== 0x8b) {
    throw new ExportError(
      cachePath,
      `${cachePath} is not gzip data (it does not start with the gzip magic bytes 1f 8b); the export writes cache.jsonl.gz gzip-compressed, run it again`,
    );
  }
  const { compressedSize } = declared;
  if (compressedSize !== undefined && compressedSize !== cacheSize) {
    throw new ExportError(
      cachePath,
      `${cachePath} is ${cacheSize} bytes but ${manifestPath} says compressed_size ${compressedSize}: the export is truncated or its files come from different exports; run the export again`,
    );
  }
}

/** A warning naming the other entries of the directory (not packaged), if there are any. */
async function otherEntries(root: string): Promise<string | undefined> {
  const known = new Set([CACHE_MANIFEST_FILENAME, CACHE_JSONL_FILENAME]);
  const extra = (await readdir(root)).filter((n) => !known.has(n)).sort();
  if (extra.length === 0) return undefined;
  return `${root} also holds ${extra.join(', ')}: not packaged (an LEI cache artifact carries only ${CACHE_MANIFEST_FILENAME} and ${CACHE_JSONL_FILENAME})`;
}

/**
 * Validates an export directory without hashing anything: the directory, both files (present,
 * regular, non-empty), manifest.json (read by parseSnapshotManifest: a JSON object with
 * well-formed fields), the gzip magic of cache.jsonl.gz and its size against `compressed_size`.
 * Lenient fields get defaults and a warning. The content itself is checked while it is hashed
 * (packageExport).
 */
export async function readExport(
  dir: string,
  onWarning?: (message: string) => void,
): Promise<ValidatedExport> {
  const root = resolve(dir);
  const { warnings, warn } = collectWarnings(onWarning);
  await checkDirectory(root);
  const manifestPath = join(root, CACHE_MANIFEST_FILENAME);
  const cachePath = join(root, CACHE_JSONL_FILENAME);
  const manifestSize = await checkFile(manifestPath, CACHE_MANIFEST_FILENAME);
  const cacheSize = await checkFile(cachePath, CACHE_JSONL_FILENAME);
  const { bytes: manifestBytes, snapshot } = await readManifest(manifestPath, manifestSize);
  for (const message of snapshot.warnings) warn(message);
  await checkCache(cachePath, cacheSize, manifestPath, snapshot.declared);
  const other = await otherEntries(root);
  if (other !== undefined) warn(other);
  const { info, declared } = snapshot;
  return { dir: root, manifestPath, cachePath, manifestBytes, cacheSize, info, declared, warnings };
}
