import { isDigest } from './digest.js';
import { ManifestError } from './errors.js';
import { isObject } from './json.js';
import {
  DOCKER_MANIFEST_LIST_MEDIA_TYPE,
  INDEX_MEDIA_TYPE,
  MANIFEST_MEDIA_TYPE,
} from './mediaTypes.js';
import type { Descriptor, OciManifest } from './types.js';

/**
 * The largest manifest this project reads (from a registry or a layout): manifests are small,
 * and the distribution spec lets registries refuse anything above 4 MiB.
 */
export const MAX_MANIFEST_SIZE = 4 * 1024 * 1024;

/** Builds an OCI image manifest (schemaVersion 2) from a config and layer descriptors. */
export function buildManifest(
  config: Descriptor,
  layers: Descriptor[],
  annotations?: Record<string, string>,
): OciManifest {
  const manifest: OciManifest = {
    schemaVersion: 2,
    mediaType: MANIFEST_MEDIA_TYPE,
    config: canonicalDescriptor(config),
    layers: layers.map(canonicalDescriptor),
  };
  if (annotations && Object.keys(annotations).length > 0) {
    manifest.annotations = { ...annotations };
  }
  return manifest;
}

/** A copy of a descriptor with its keys in a fixed order (mediaType, digest, size, annotations). */
function canonicalDescriptor(d: Descriptor): Descriptor {
  const out: Descriptor = { mediaType: d.mediaType, digest: d.digest, size: d.size };
  if (d.annotations && Object.keys(d.annotations).length > 0) {
    out.annotations = { ...d.annotations };
  }
  return out;
}

/**
 * The manifest's exact bytes: compact JSON (no whitespace), keys in a fixed order
 * (schemaVersion, mediaType, artifactType, config, layers, annotations; descriptors as mediaType,
 * digest, size, annotations; annotations in the order given), HTML-safe (`htmlSafeJson`). Same
 * manifest in, same bytes out.
 */
export function serializeManifest(manifest: OciManifest): Buffer {
  const ordered: Record<string, unknown> = {
    schemaVersion: manifest.schemaVersion,
    mediaType: manifest.mediaType,
  };
  if (manifest.artifactType !== undefined) ordered.artifactType = manifest.artifactType;
  ordered.config = canonicalDescriptor(manifest.config);
  ordered.layers = manifest.layers.map(canonicalDescriptor);
  if (manifest.annotations && Object.keys(manifest.annotations).length > 0) {
    ordered.annotations = { ...manifest.annotations };
  }
  return Buffer.from(htmlSafeJson(JSON.stringify(ordered)), 'utf8');
}

/**
 * JSON text with `<`, `>`, `&`, U+2028 and U+2029 written as `\u` escapes, as Go's encoding/json
 * writes them (so oras, crane and the distribution registry do too): the same JSON value, but the
 * bytes (which the action also sets as its `manifest` output) can never be read as HTML markup.
 * These characters occur only inside strings (annotation values), where the escape is valid.
 */
function htmlSafeJson(json: string): string {
  return json.replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function checkAnnotations(v: unknown, where: string): void {
  if (v === undefined) return;
  if (!isObject(v)) {
    throw new ManifestError(
      `invalid OCI manifest: ${where}.annotations must be an object of strings`,
    );
  }
  for (const [k, val] of Object.entries(v)) {
    if (typeof val !== 'string') {
      throw new ManifestError(
        `invalid OCI manifest: ${where}.annotations[${JSON.stringify(k)}] must be a string`,
      );
    }
  }
}

function checkDescriptor(v: unknown, where: string): asserts v is Descriptor {
  if (!isObject(v)) {
    throw new ManifestError(`invalid OCI manifest: ${where} must be a descriptor object`);
  }
  if (typeof v.mediaType !== 'string' || v.mediaType === '') {
    throw new ManifestError(`invalid OCI manifest: ${where}.mediaType must be a non-empty string`);
  }
  if (!isDigest(v.digest)) {
    throw new ManifestError(
      `invalid OCI manifest: ${where}.digest ${JSON.stringify(v.digest)} is not a sha256 digest (sha256: followed by 64 lowercase hex digits)`,
    );
  }
  if (typeof v.size !== 'number' || !Number.isSafeInteger(v.size) || v.size < 0) {
    throw new ManifestError(
      `invalid OCI manifest: ${where}.size ${JSON.stringify(v.size)} must be a non-negative integer`,
    );
  }
  checkAnnotations(v.annotations, where);
}

/**
 * Why a manifest of this media type (a Content-Type or a manifest's `mediaType`) cannot be an LEI
 * cache snapshot (a phrase starting with "is"), when it is a list of manifests (an OCI image index or a Docker manifest list);
 * else undefined.
 */
export function multiManifestProblem(mediaType: string | undefined): string | undefined {
  const type = mediaType?.split(';')[0]?.trim().toLowerCase();
  const what =
    type === INDEX_MEDIA_TYPE
      ? 'an OCI image index'
      : type === DOCKER_MANIFEST_LIST_MEDIA_TYPE
        ? 'a Docker manifest list'
        : undefined;
  if (what === undefined) return undefined;
  return `is ${what} (${type}), not an LEI cache snapshot: a snapshot is one OCI image manifest (${MANIFEST_MEDIA_TYPE}) with the LEI cache layers; reference the snapshot itself, by its tag or digest`;
}

/**
 * Parses and validates manifest bytes (as pulled from a registry or read from a layout):
 * schemaVersion 2, mediaType (when present) the OCI image manifest type, config and layers
 * well-formed descriptors with sha256 digests and non-negative integer sizes. A missing mediaType
 * is filled in with the OCI manifest type in the returned object (the bytes stay what they are).
 */
export function parseManifest(bytes: Uint8Array | string): OciManifest {
  const text = typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ManifestError(`invalid OCI manifest: not valid JSON (${(err as Error).message})`, {
      cause: err,
    });
  }
  if (!isObject(parsed)) {
    throw new ManifestError('invalid OCI manifest: the JSON is not an object');
  }
  const multi =
    multiManifestProblem(typeof parsed.mediaType === 'string' ? parsed.mediaType : undefined) ??
    (Array.isArray(parsed.manifests) ? multiManifestProblem(INDEX_MEDIA_TYPE) : undefined);
  if (multi !== undefined) throw new ManifestError(`the manifest ${multi}`);
  if (parsed.schemaVersion !== 2) {
    throw new ManifestError(
      `invalid OCI manifest: schemaVersion must be 2, got ${JSON.stringify(parsed.schemaVersion)}`,
    );
  }
  if (parsed.mediaType !== undefined && parsed.mediaType !== MANIFEST_MEDIA_TYPE) {
    throw new ManifestError(
      `unsupported manifest media type ${JSON.stringify(parsed.mediaType)}: expected ${MANIFEST_MEDIA_TYPE}`,
    );
  }
  if (parsed.artifactType !== undefined && typeof parsed.artifactType !== 'string') {
    throw new ManifestError('invalid OCI manifest: artifactType must be a string');
  }
  checkDescriptor(parsed.config, 'config');
  if (!Array.isArray(parsed.layers)) {
    throw new ManifestError('invalid OCI manifest: layers must be an array of descriptors');
  }
  parsed.layers.forEach((layer, i) => checkDescriptor(layer, `layers[${i}]`));
  checkAnnotations(parsed.annotations, 'manifest');
  if (parsed.mediaType === undefined) parsed.mediaType = MANIFEST_MEDIA_TYPE;
  return parsed as unknown as OciManifest;
}
