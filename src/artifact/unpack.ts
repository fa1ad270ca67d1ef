import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isDigest } from './digest.js';
import { checkContent } from './content.js';
import { ArtifactError, ContentMismatchError, ManifestError, type BlobLabel } from './errors.js';
import {
  CACHE_JSONL_FILENAME,
  CACHE_JSONL_MEDIA_TYPE,
  CACHE_MANIFEST_FILENAME,
  CACHE_MANIFEST_MEDIA_TYPE,
  mediaTypeToFilename,
} from './mediaTypes.js';
import { parseSnapshotManifest, type SnapshotDescription } from './snapshot.js';
import { stageVerifiedFile, tempPathFor, type StagedFile } from './stagedFile.js';
import type {
  ContentFacts,
  Descriptor,
  ExportInfo,
  FetchBlob,
  OciManifest,
  UnpackOptions,
  UnpackResult,
} from './types.js';
import { collectWarnings, type Warnings } from './warnings.js';

/** How messages name the staged files of a pull. */
const PULLED_MANIFEST = `the pulled ${CACHE_MANIFEST_FILENAME}`;
const PULLED_CACHE = `the pulled ${CACHE_JSONL_FILENAME}`;

interface Planned {
  descriptor: Descriptor;
  path: string;
  label: BlobLabel;
}

/** The two files an LEI cache artifact restores to. */
interface Plan {
  manifest: Planned;
  cache: Planned;
}

/**
 * Which layer becomes which file in `target`, from the closed media type map alone. Layers of
 * other media types are skipped with a warning; a manifest without exactly one of each LEI layer,
 * or with a malformed LEI layer descriptor, is refused (before anything is fetched).
 */
function planFiles(manifest: OciManifest, target: string, warn: Warnings['warn']): Plan {
  if (!Array.isArray(manifest.layers)) {
    throw new ManifestError('invalid OCI manifest: layers must be an array of descriptors');
  }
  const planned = new Map<string, Planned>();
  for (const layer of manifest.layers) {
    const name = mediaTypeToFilename(layer.mediaType);
    if (name === undefined) {
      warn(
        `skipping layer ${layer.digest} of unknown media type ${JSON.stringify(layer.mediaType)}: not part of an LEI cache artifact`,
      );
      continue;
    }
    if (planned.has(name)) {
      throw new ManifestError(
        `the manifest has more than one ${layer.mediaType} layer; an LEI cache artifact has exactly one ${name}`,
      );
    }
    if (!isDigest(layer.digest) || !Number.isSafeInteger(layer.size) || layer.size < 0) {
      throw new ManifestError(
        `invalid layer ${name} (${layer.mediaType}): digest must be sha256:<64 hex> and size a non-negative integer`,
      );
    }
    const label = { name, mediaType: layer.mediaType };
    planned.set(name, { descriptor: layer, path: join(target, name), label });
  }
  if (planned.size === 0) {
    throw new ManifestError(
      'the manifest has no LEI cache layers (application/vnd.lei.cache.*); is this an LEI cache artifact?',
    );
  }
  // Both files or neither: one new file beside an older restore's other file would not match.
  const file = (mediaType: string, name: string): Planned => {
    const p = planned.get(name);
    if (p === undefined) {
      throw new ManifestError(
        `the manifest has no ${mediaType} layer (${name}); an LEI cache artifact has both ${CACHE_MANIFEST_FILENAME} and ${CACHE_JSONL_FILENAME}`,
      );
    }
    return p;
  };
  return {
    manifest: file(CACHE_MANIFEST_MEDIA_TYPE, CACHE_MANIFEST_FILENAME),
    cache: file(CACHE_JSONL_MEDIA_TYPE, CACHE_JSONL_FILENAME),
  };
}

async function createTarget(target: string): Promise<void> {
  try {
    await mkdir(target, { recursive: true });
  } catch (err) {
    throw new ArtifactError(
      `cannot create the target directory ${target}: ${(err as Error).message}; choose a directory path (not a file)`,
      { cause: err },
    );
  }
}

/** Fetches one planned blob into a temporary file beside its destination, verified. */
async function fetchAndStage(
  p: Planned,
  fetchBlob: FetchBlob,
  contentSource?: string,
): Promise<StagedFile> {
  let stream;
  try {
    stream = await fetchBlob(p.descriptor);
  } catch (err) {
    throw new ArtifactError(
      `could not fetch ${p.label.name} (${p.label.mediaType}, ${p.descriptor.digest}): ${(err as Error).message}`,
      { cause: err },
    );
  }
  return stageVerifiedFile(stream, p.descriptor, tempPathFor(p.path), p.label, contentSource);
}

/** Refuses a cache layer whose size is not the `compressed_size` manifest.json declares. */
function checkDeclaredSize(snapshot: SnapshotDescription, cache: Descriptor): void {
  const declared = snapshot.declared.compressedSize;
  if (declared !== undefined && declared !== cache.size) {
    throw new ContentMismatchError(
      PULLED_MANIFEST,
      'compressed_size',
      `${PULLED_MANIFEST} says compressed_size ${declared}, but the artifact's ${CACHE_JSONL_FILENAME} layer is ${cache.size} bytes: the artifact does not hold the export its manifest.json describes`,
      { expected: String(declared), actual: String(cache.size) },
    );
  }
}

/** What staging found: the snapshot, with the counted lines when they were counted. */
interface Staged {
  info: ExportInfo;
  verified?: ContentFacts;
}

/**
 * Stages both files (their paths pushed onto `temps` as they are created): manifest.json first
 * and read, then cache.jsonl.gz, checked against it while it streams (unless `verify` is false).
 */
async function stageFiles(
  plan: Plan,
  fetchBlob: FetchBlob,
  verify: boolean,
  warn: Warnings['warn'],
  temps: string[],
): Promise<Staged> {
  const manifestFile = await fetchAndStage(plan.manifest, fetchBlob);
  temps.push(manifestFile.path);
  const snapshot = parseSnapshotManifest(await readFile(manifestFile.path), PULLED_MANIFEST);
  for (const message of snapshot.warnings) warn(message);

  if (verify) checkDeclaredSize(snapshot, plan.cache.descriptor);
  const cacheFile = await fetchAndStage(plan.cache, fetchBlob, verify ? PULLED_CACHE : undefined);
  temps.push(cacheFile.path);
  const facts = cacheFile.facts;
  if (facts !== undefined) {
    const checked = checkContent(snapshot.declared, facts, PULLED_CACHE);
    for (const message of checked.warnings) warn(message);
    return { info: { ...snapshot.info, entryCount: checked.entryCount }, verified: facts };
  }
  if (snapshot.declared.entryCount === undefined) {
    warn(`${PULLED_MANIFEST} has no "entry_count"; using ${snapshot.info.entryCount}`);
  }
  return { info: snapshot.info };
}

/** Renames each staged file (temps, in the order of `files`) over its destination. */
async function moveIntoPlace(files: Planned[], temps: string[]): Promise<void> {
  for (const [i, p] of files.entries()) await rename(temps[i] as string, p.path);
}

/**
 * Restores the LEI files of an artifact into `targetDir` (created when missing).
 *
 * Only layers whose media type is in the closed map (mediaTypeToFilename) are written, under the
 * map's file name; titles and every other string from the manifest are ignored for paths. Other
 * layers are skipped with a warning; a manifest without both LEI layers is refused before any
 * fetch. manifest.json is fetched first and read (parseSnapshotManifest, as the push reads it);
 * then cache.jsonl.gz streams into a temporary file inside targetDir while its size, digest and
 * (unless `verifyContent` is false) its content are checked against that manifest.json. Files are
 * renamed into place only after every check passed, so a failure leaves no partial or wrong file
 * and existing files untouched.
 */
export async function unpack(
  manifest: OciManifest,
  targetDir: string,
  fetchBlob: FetchBlob,
  options: UnpackOptions = {},
): Promise<UnpackResult> {
  const target = resolve(targetDir);
  const { warnings, warn } = collectWarnings(options.onWarning);
  const plan = planFiles(manifest, target, warn);
  await createTarget(target);
  const files = [plan.manifest, plan.cache];
  const temps: string[] = [];
  let staged: Staged;
  try {
    staged = await stageFiles(plan, fetchBlob, options.verifyContent ?? true, warn, temps);
    // Every check passed: only now does anything move into place.
    await moveIntoPlace(files, temps);
  } catch (err) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw err;
  }
  return {
    files: files.map((p) => ({ path: p.path, descriptor: p.descriptor })),
    info: staged.info,
    warnings,
    ...(staged.verified !== undefined ? { verified: staged.verified } : {}),
  };
}
