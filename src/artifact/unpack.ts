import { mkdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isDigest } from './digest.js';
import { ArtifactError, ManifestError, type BlobLabel } from './errors.js';
import {
  CACHE_JSONL_FILENAME,
  CACHE_JSONL_MEDIA_TYPE,
  CACHE_MANIFEST_FILENAME,
  CACHE_MANIFEST_MEDIA_TYPE,
  mediaTypeToFilename,
} from './mediaTypes.js';
import { tempPathFor, writeVerifiedTemp } from './verify.js';
import type { Descriptor, FetchBlob, OciManifest, UnpackOptions, UnpackResult } from './types.js';

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
 * fetch. Each layer streams into a temporary file inside targetDir while its size and digest are
 * checked. Files are renamed into place only after every layer was verified, so a failure leaves
 * no partial or wrong file and existing files untouched.
 */
export async function unpack(
  manifest: OciManifest,
  targetDir: string,
  fetchBlob: FetchBlob,
  options: UnpackOptions = {},
): Promise<UnpackResult> {
  const target = resolve(targetDir);
  const plan: Planned[] = [];
  const seen = new Set<string>();
  if (!Array.isArray(manifest.layers)) {
    throw new ManifestError('invalid OCI manifest: layers must be an array of descriptors');
  }
  for (const layer of manifest.layers) {
    const name = mediaTypeToFilename(layer.mediaType);
    if (name === undefined) {
      options.onWarning?.(
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
  const temps: string[] = [];
  try {
    for (const p of plan) {
      const temp = tempPathFor(p.path);
      let stream;
      try {
        stream = await fetchBlob(p.descriptor);
      } catch (err) {
        throw new ArtifactError(
          `could not fetch ${p.label.name} (${p.label.mediaType}, ${p.descriptor.digest}): ${(err as Error).message}`,
          { cause: err },
        );
      }
      await writeVerifiedTemp(stream, p.descriptor, temp, p.label);
      temps.push(temp);
    }
    for (const [i, p] of plan.entries()) {
      await rename(temps[i] as string, p.path);
    }
  } catch (err) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw err;
  }
  return { files: plan.map((p) => ({ path: p.path, descriptor: p.descriptor })) };
}
