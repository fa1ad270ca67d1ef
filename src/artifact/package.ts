import { buildConfig, serializeConfig } from './config.js';
import { checkContent, digestCacheFile } from './content.js';
import { CacheContentGate, fileIdentity } from './contentGate.js';
import { bufferBlob, describedFileBlob } from './descriptor.js';
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
import type { Blob, ContentFacts, ExportInfo, PackagedArtifact, PackageOptions } from './types.js';
import { collectWarnings } from './warnings.js';

const ARTIFACT_TITLE = 'lei-cache';
const ARTIFACT_DESCRIPTION = 'LEI analysis cache snapshot';

/**
 * Keys the artifact sets from the export itself. A user annotation may not replace them:
 * `created` is the snapshot's own time (the digest must not depend on who packages it) and
 * `title` is what tools show as the artifact's name.
 */
export const RESERVED_ANNOTATIONS: readonly string[] = [CREATED_ANNOTATION, TITLE_ANNOTATION];

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
 * files runs before any hashing; cache.jsonl.gz is streamed (never held in memory). The content
 * check runs in the read that hashes it, or with `checkContentOnUpload` as the gate of its upload
 * (contentGate.ts). The result is reproducible: the same export and options give the same
 * manifest bytes and digest.
 */
export async function packageExport(
  dir: string,
  options: PackageOptions = {},
): Promise<PackagedArtifact> {
  const { warnings, warn } = collectWarnings(options.onWarning);
  const exp = await readExport(dir, warn);
  const verify = options.verifyContent ?? true;
  // The check waits for the upload only when the config does not need the counted lines.
  const onUpload =
    verify && options.checkContentOnUpload === true && exp.declared.entryCount !== undefined;
  const identity = onUpload ? await fileIdentity(exp.cachePath) : undefined;
  // One read of cache.jsonl.gz: its digest and, with verification while packaging, its content.
  const cache = await digestCacheFile(exp.cachePath, verify && !onUpload, CACHE_JSONL_FILENAME);
  if (cache.size !== exp.cacheSize) {
    throw new ExportError(
      exp.cachePath,
      `${exp.cachePath} changed while it was being packaged (${exp.cacheSize} bytes, then ${cache.size}); wait for the export to finish and run again`,
    );
  }
  const info = { ...exp.info };
  let verified: ContentFacts | undefined;
  if (cache.facts !== undefined) {
    const checked = checkContent(exp.declared, cache.facts, CACHE_JSONL_FILENAME);
    for (const message of checked.warnings) warn(message);
    info.entryCount = checked.entryCount;
    verified = cache.facts;
  } else if (exp.declared.entryCount === undefined) {
    warn(`${exp.manifestPath} has no "entry_count"; using ${info.entryCount}`);
  }
  const annotations = manifestAnnotations(info, options.annotations);

  const config = bufferBlob(serializeConfig(buildConfig(info)), CONFIG_MEDIA_TYPE);
  const manifestLayer = bufferBlob(exp.manifestBytes, CACHE_MANIFEST_MEDIA_TYPE, {
    [TITLE_ANNOTATION]: CACHE_MANIFEST_FILENAME,
  });
  const cacheDescriptor = {
    mediaType: CACHE_JSONL_MEDIA_TYPE,
    digest: cache.digest,
    size: cache.size,
    annotations: { [TITLE_ANNOTATION]: CACHE_JSONL_FILENAME },
  };
  const gate =
    identity !== undefined
      ? new CacheContentGate(
          exp.cachePath,
          cacheDescriptor,
          identity,
          exp.declared,
          CACHE_JSONL_FILENAME,
          warn,
        )
      : undefined;
  const cacheLayer = describedFileBlob(exp.cachePath, cacheDescriptor, gate);

  const artifact = assembleArtifact(
    config,
    [manifestLayer, cacheLayer],
    annotations,
    info,
    warnings,
  );
  return {
    ...artifact,
    ...(verified !== undefined ? { verified } : {}),
    ...(gate !== undefined ? { contentGate: gate } : {}),
    ...(verified === undefined && exp.declared.entryCount === undefined
      ? { entryCountUnknown: true }
      : {}),
  };
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
