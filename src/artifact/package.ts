import { buildConfig, serializeConfig } from './config.js';
import { bufferBlob, fileBlob } from './descriptor.js';
import { sha256Digest } from './digest.js';
import { ExportError } from './errors.js';
import { readExport } from './exportDir.js';
import { buildManifest, serializeManifest } from './manifest.js';
import {
  CACHE_JSONL_FILENAME,
  CACHE_JSONL_MEDIA_TYPE,
  CACHE_MANIFEST_FILENAME,
  CACHE_MANIFEST_MEDIA_TYPE,
  CONFIG_MEDIA_TYPE,
  CREATED_ANNOTATION,
  TITLE_ANNOTATION,
} from './mediaTypes.js';
import type { Blob, ExportInfo, PackagedArtifact, PackageOptions } from './types.js';

const ARTIFACT_TITLE = 'lei-cache';
const ARTIFACT_DESCRIPTION = 'LEI analysis cache snapshot';

/**
 * The manifest annotations: created (from the export), title, description, then the caller's
 * extra ones (source, revision, the user's) in the order given. An extra annotation with the
 * same key as a fixed one replaces its value.
 */
function manifestAnnotations(
  info: ExportInfo,
  extra: Record<string, string> = {},
): Record<string, string> {
  const out: Record<string, string> = {
    [CREATED_ANNOTATION]: info.created,
    [TITLE_ANNOTATION]: ARTIFACT_TITLE,
    'org.opencontainers.image.description': ARTIFACT_DESCRIPTION,
  };
  for (const [key, value] of Object.entries(extra)) {
    if (key === '' || typeof value !== 'string') {
      throw new TypeError(
        `annotation ${JSON.stringify(key)} must have a non-empty key and a string value`,
      );
    }
    out[key] = value;
  }
  return out;
}

/**
 * Validates an export directory and packages it as an LEI cache OCI artifact. Every check on the
 * files runs before any hashing; cache.jsonl.gz is streamed (never held in memory). The result is
 * reproducible: the same export and options give the same manifest bytes and digest.
 */
export async function packageExport(
  dir: string,
  options: PackageOptions = {},
): Promise<PackagedArtifact> {
  const exp = await readExport(dir, options.onWarning);
  const annotations = manifestAnnotations(exp.info, options.annotations);

  const config = bufferBlob(serializeConfig(buildConfig(exp.info)), CONFIG_MEDIA_TYPE);
  const manifestLayer = bufferBlob(exp.manifestBytes, CACHE_MANIFEST_MEDIA_TYPE, {
    [TITLE_ANNOTATION]: CACHE_MANIFEST_FILENAME,
  });
  const cacheLayer = await fileBlob(exp.cachePath, CACHE_JSONL_MEDIA_TYPE, {
    [TITLE_ANNOTATION]: CACHE_JSONL_FILENAME,
  });
  if (cacheLayer.descriptor.size !== exp.cacheSize) {
    throw new ExportError(
      exp.cachePath,
      `${exp.cachePath} changed while it was being packaged (${exp.cacheSize} bytes, then ${cacheLayer.descriptor.size}); wait for the export to finish and run again`,
    );
  }

  return assembleArtifact(config, [manifestLayer, cacheLayer], annotations, exp.info, exp.warnings);
}

/**
 * Builds the manifest over a config and layers that are already described, and returns the whole
 * artifact (manifest object, its exact bytes and digest, and every blob in push order).
 */
export function assembleArtifact(
  config: Blob,
  layers: Blob[],
  annotations: Record<string, string> | undefined,
  info: ExportInfo,
  warnings: string[] = [],
): PackagedArtifact {
  const manifest = buildManifest(
    config.descriptor,
    layers.map((l) => l.descriptor),
    annotations,
  );
  const manifestBytes = serializeManifest(manifest);
  return {
    manifest,
    manifestBytes,
    digest: sha256Digest(manifestBytes),
    config,
    layers,
    blobs: [config, ...layers],
    info,
    warnings,
  };
}
