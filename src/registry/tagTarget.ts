import {
  CACHE_MANIFEST_MEDIA_TYPE,
  CONFIG_MEDIA_TYPE,
  INDEX_MEDIA_TYPE,
  MANIFEST_MEDIA_TYPE,
  MAX_EXPORT_MANIFEST_SIZE,
  isObject,
  snapshotStamp,
  type Descriptor,
} from '../artifact/index.js';
import { RegistryError } from './errors.js';
import {
  ANY_MANIFEST_TYPES,
  DOCKER_LIST_MEDIA_TYPE,
  DOCKER_MANIFEST_MEDIA_TYPE,
  type Repository,
} from './repository.js';
import type { TagRead, TagTarget } from './types.js';

const KIND_NAMES: Readonly<Record<string, string>> = {
  [INDEX_MEDIA_TYPE]: 'an OCI image index',
  [DOCKER_LIST_MEDIA_TYPE]: 'a Docker manifest list',
  [DOCKER_MANIFEST_MEDIA_TYPE]: 'a Docker image manifest',
};

function isDescriptor(v: unknown): v is Descriptor {
  return (
    isObject(v) &&
    typeof v['mediaType'] === 'string' &&
    typeof v['digest'] === 'string' &&
    typeof v['size'] === 'number'
  );
}

/**
 * What `tag` points at now: absent (404), an LEI cache snapshot (an OCI image manifest whose
 * config is LEI's, with date and created from its manifest.json layer, read and verified), or
 * something else, described in a few words. Other failures are thrown. Not retried here.
 */
export async function readTagTarget(repo: Repository, tag: string): Promise<TagTarget> {
  const read = await readTag(repo, tag);
  if (read.kind !== 'snapshot') return read;
  const { kind, digest, date, created } = read;
  return { kind, digest, date, created };
}

/**
 * `readTagTarget`, with the snapshot's manifest.json bytes (bounded by MAX_EXPORT_MANIFEST_SIZE,
 * verified against their digest) kept for a caller that reads more than the date from them.
 */
export async function readTag(repo: Repository, tag: string): Promise<TagRead> {
  let fetched;
  try {
    fetched = await repo.fetchManifest(tag, ANY_MANIFEST_TYPES);
  } catch (error) {
    if (error instanceof RegistryError && error.status === 404) return { kind: 'absent' };
    throw error;
  }
  const { digest } = fetched;
  let doc: unknown;
  try {
    doc = JSON.parse(fetched.bytes.toString('utf8'));
  } catch {
    doc = undefined;
  }
  if (!isObject(doc))
    return { kind: 'other', digest, what: 'a manifest that is not a JSON object' };
  const mediaType =
    typeof doc['mediaType'] === 'string' ? doc['mediaType'] : (fetched.mediaType ?? '');
  const named = KIND_NAMES[mediaType];
  if (named !== undefined) return { kind: 'other', digest, what: named };
  if (mediaType !== MANIFEST_MEDIA_TYPE) {
    return { kind: 'other', digest, what: `a manifest of media type ${mediaType || '(none)'}` };
  }
  const config = doc['config'];
  if (!isDescriptor(config) || config.mediaType !== CONFIG_MEDIA_TYPE) {
    const type = isDescriptor(config) ? config.mediaType : '(none)';
    return { kind: 'other', digest, what: `an OCI image manifest with config type ${type}` };
  }
  const layers = Array.isArray(doc['layers']) ? (doc['layers'] as unknown[]) : [];
  const exportManifest = layers.find(
    (l): l is Descriptor => isDescriptor(l) && l.mediaType === CACHE_MANIFEST_MEDIA_TYPE,
  );
  if (exportManifest === undefined) {
    return { kind: 'other', digest, what: 'an LEI cache artifact without a manifest.json layer' };
  }
  const manifestJson = await repo.fetchBlobBytes(exportManifest, MAX_EXPORT_MANIFEST_SIZE);
  const stamp = snapshotStamp(manifestJson);
  if (stamp === undefined) {
    return {
      kind: 'other',
      digest,
      what: 'an LEI cache artifact whose manifest.json has neither a date nor a created time',
    };
  }
  return { kind: 'snapshot', digest, ...stamp, manifestJson };
}
