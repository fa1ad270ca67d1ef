import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isDigest } from './digest.js';
import { checkContent } from './content.js';
import type { ContentFacts } from './types.js';
import { ArtifactError, ContentMismatchError, ManifestError, type BlobLabel } from './errors.js';
import {
  CACHE_JSONL_FILENAME,
  CACHE_JSONL_MEDIA_TYPE,
  CACHE_MANIFEST_FILENAME,
  CACHE_MANIFEST_MEDIA_TYPE,
  mediaTypeToFilename,
} from './mediaTypes.js';
import { parseSnapshotManifest, type SnapshotDescription } from './snapshot.js';
import { stageVerifiedFile, tempPathFor } from './stagedFile.js';
import type {
  Descriptor,
  ExportInfo,
  FetchBlob,
  OciManifest,
  UnpackOptions,
  UnpackResult,
} from './types.js';

/** How messages name the staged files of a pull. */
const PULLED_MANIFEST = `the pulled ${CACHE_MANIFEST_FILENAME}`;
const PULLED_CACHE = `the pulled ${CACHE_JSONL_FILENAME}`;

interface Planned {
  descriptor: Descriptor;
  path: string;
  label: BlobLabel;
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
  const warnings: string[] = [];
  const warn = (message: string): void => {
    warnings.push(message);
    options.onWarning?.(message);
  };
  const plan: Planned[] = [];
  const seen = new Set<string>();
  if (!Array.isArray(manifest.layers)) {
    throw new ManifestError('invalid OCI manifest: layers must be an array of descriptors');
  }
  for (const layer of manifest.layers) {
    const name = mediaTypeToFilename(layer.mediaType);
    if (name === undefined) {
      warn(
        `skipping layer ${layer.digest} of unknown media type ${JSON.stringify(layer.mediaType)}: not part of an LEI cache artifact`,
      );
      continue;
    }
    if (seen.has(name)) {
      throw new ManifestError(
        `the manifest has more than one ${layer.mediaType} layer; an LEI cache artifact has exactly one ${name}`,
      );
    }
    if (!isDigest(layer.digest) || !Number.isSafeInteger(layer.size) || layer.size < 0) {
      throw new ManifestError(
        `invalid layer ${name} (${layer.mediaType}): digest must be sha256:<64 hex> and size a non-negative integer`,
      );
    }
    seen.add(name);
    plan.push({
      descriptor: layer,
      path: join(target, name),
      label: { name, mediaType: layer.mediaType },
    });
  }
  if (plan.length === 0) {
    throw new ManifestError(
      'the manifest has no LEI cache layers (application/vnd.lei.cache.*); is this an LEI cache artifact?',
    );
  }
  // Both files or neither: one new file beside an older restore's other file would not match.
  for (const [mediaType, name] of [
    [CACHE_MANIFEST_MEDIA_TYPE, CACHE_MANIFEST_FILENAME],
    [CACHE_JSONL_MEDIA_TYPE, CACHE_JSONL_FILENAME],
  ] as const) {
    if (!seen.has(name)) {
      throw new ManifestError(
        `the manifest has no ${mediaType} layer (${name}); an LEI cache artifact has both ${CACHE_MANIFEST_FILENAME} and ${CACHE_JSONL_FILENAME}`,
      );
    }
  }

  try {
    await mkdir(target, { recursive: true });
  } catch (err) {
    throw new ArtifactError(
      `cannot create the target directory ${target}: ${(err as Error).message}; choose a directory path (not a file)`,
      { cause: err },
    );
  }
  // manifest.json first: the cache is checked against what it declares while it streams.
  const isManifest = (p: Planned): number => Number(p.label.name === CACHE_MANIFEST_FILENAME);
  plan.sort((a, b) => isManifest(b) - isManifest(a));
  const verify = options.verifyContent ?? true;
  const temps: string[] = [];
  let snapshot: SnapshotDescription | undefined;
  let info: ExportInfo | undefined;
  let verified: ContentFacts | undefined;
  try {
    for (const p of plan) {
      const isCache = p.label.name === CACHE_JSONL_FILENAME;
      if (isCache && snapshot !== undefined && verify) {
        const declared = snapshot.declared.compressedSize;
        if (declared !== undefined && declared !== p.descriptor.size) {
          throw new ContentMismatchError(
            PULLED_MANIFEST,
            'compressed_size',
            `${PULLED_MANIFEST} says compressed_size ${declared}, but the artifact's ${CACHE_JSONL_FILENAME} layer is ${p.descriptor.size} bytes: the artifact does not hold the export its manifest.json describes`,
            { expected: String(declared), actual: String(p.descriptor.size) },
          );
        }
      }
      let stream;
      try {
        stream = await fetchBlob(p.descriptor);
      } catch (err) {
        throw new ArtifactError(
          `could not fetch ${p.label.name} (${p.label.mediaType}, ${p.descriptor.digest}): ${(err as Error).message}`,
          { cause: err },
        );
      }
      const staged = await stageVerifiedFile(
        stream,
        p.descriptor,
        tempPathFor(p.path),
        p.label,
        isCache && verify ? PULLED_CACHE : undefined,
      );
      temps.push(staged.path);
      if (!isCache) {
        snapshot = parseSnapshotManifest(await readFile(staged.path), PULLED_MANIFEST);
        for (const message of snapshot.warnings) warn(message);
      } else if (staged.facts !== undefined && snapshot !== undefined) {
        const checked = checkContent(snapshot.declared, staged.facts, PULLED_CACHE);
        for (const message of checked.warnings) warn(message);
        info = { ...snapshot.info, entryCount: checked.entryCount };
        verified = staged.facts;
      }
    }
    if (snapshot === undefined)
      throw new ManifestError(`the artifact has no ${CACHE_MANIFEST_FILENAME}`);
    if (info === undefined) {
      info = snapshot.info;
      if (snapshot.declared.entryCount === undefined) {
        warn(`${PULLED_MANIFEST} has no "entry_count"; using ${info.entryCount}`);
      }
    }
    // Every check passed: only now does anything move into place.
    for (const [i, p] of plan.entries()) {
      await rename(temps[i] as string, p.path);
    }
  } catch (err) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw err;
  }
  return {
    files: plan.map((p) => ({ path: p.path, descriptor: p.descriptor })),
    info,
    warnings,
    ...(verified !== undefined ? { verified } : {}),
  };
}
