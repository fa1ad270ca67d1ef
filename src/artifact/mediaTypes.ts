/** The OCI image manifest media type (image-spec manifest.md). */
export const MANIFEST_MEDIA_TYPE = 'application/vnd.oci.image.manifest.v1+json';
/** The OCI image index media type (image-spec image-index.md), used by index.json in a layout. */
export const INDEX_MEDIA_TYPE = 'application/vnd.oci.image.index.v1+json';
/** Docker's manifest list (a multi-platform image, like an OCI index). */
export const DOCKER_MANIFEST_LIST_MEDIA_TYPE =
  'application/vnd.docker.distribution.manifest.list.v2+json';
/** The LEI cache config blob. */
export const CONFIG_MEDIA_TYPE = 'application/vnd.lei.cache.config.v1+json';
/** Layer 1: the export's manifest.json, byte for byte. */
export const CACHE_MANIFEST_MEDIA_TYPE = 'application/vnd.lei.cache.manifest+json';
/** Layer 2: the export's cache.jsonl.gz, byte for byte. */
export const CACHE_JSONL_MEDIA_TYPE = 'application/vnd.lei.cache.jsonl+gzip';

export const CACHE_MANIFEST_FILENAME = 'manifest.json';
export const CACHE_JSONL_FILENAME = 'cache.jsonl.gz';

/** The snapshot's own time (the export's `created`), on the manifest. */
export const CREATED_ANNOTATION = 'org.opencontainers.image.created';
/** The annotation oras and Zarf read to name a layer's file (and tools show as a manifest's name). */
export const TITLE_ANNOTATION = 'org.opencontainers.image.title';

/**
 * The closed media type -> file name map. A Map, not an object literal, so that keys such as
 * `__proto__` or `constructor` can never resolve to something.
 */
const FILENAMES: ReadonlyMap<string, string> = new Map([
  [CACHE_MANIFEST_MEDIA_TYPE, CACHE_MANIFEST_FILENAME],
  [CACHE_JSONL_MEDIA_TYPE, CACHE_JSONL_FILENAME],
]);

/**
 * The file name a layer of this media type is written to, or `undefined` for any media type that
 * is not one of the two LEI layer types. Never derives a name from anything else.
 */
export function mediaTypeToFilename(mediaType: string): string | undefined {
  return FILENAMES.get(mediaType);
}
