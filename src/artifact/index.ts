// The artifact room's public API (no network, no GitHub): what registry/, action/, the tests and
// the scripts may use. Anything not listed here is internal to the room.

export type {
  Blob,
  BlobCheck,
  BlobGate,
  Descriptor,
  GatedContent,
  ContentFacts,
  ExportInfo,
  FetchBlob,
  OciManifest,
  PackageOptions,
  PackagedArtifact,
  UnpackOptions,
  UnpackResult,
} from './types.js';

// Errors, and the one walk over cause chains every room uses.
export {
  DigestMismatchError,
  ExportError,
  LayoutError,
  ManifestError,
  SizeMismatchError,
  SnapshotError,
  causes,
  findCause,
} from './errors.js';

// Media types, the closed media type -> file name map, the OCI grammar shared with registry/.
export {
  CACHE_JSONL_MEDIA_TYPE,
  CACHE_MANIFEST_MEDIA_TYPE,
  CONFIG_MEDIA_TYPE,
  INDEX_MEDIA_TYPE,
  MANIFEST_MEDIA_TYPE,
  TITLE_ANNOTATION,
  DOCKER_MANIFEST_LIST_MEDIA_TYPE,
  mediaTypeToFilename,
} from './mediaTypes.js';
export { isValidTag } from './tag.js';
export { isObject } from './json.js';
export { digestHex, isDigest, sha256Digest } from './digest.js';
export { isDate, rfc3339UtcDay } from './timestamps.js';
export { snapshotStamp, type SnapshotStamp } from './stamp.js';

// Building an artifact: descriptors, config, manifest, the whole package.
export { blobDescriptor, bufferBlob } from './descriptor.js';
export { buildConfig, serializeConfig } from './config.js';
export {
  MAX_MANIFEST_SIZE,
  buildManifest,
  multiManifestProblem,
  parseManifest,
  serializeManifest,
} from './manifest.js';
export { MAX_EXPORT_MANIFEST_SIZE, readExport } from './exportDir.js';
export { defaultTags, parseSnapshotManifest } from './snapshot.js';
export { RESERVED_ANNOTATIONS, assembleArtifact, packageExport } from './package.js';

// Getting files back: verified writes, unpack; writing OCI image layouts.
export { writeVerifiedFile } from './stagedFile.js';
export { STAGE_HIGH_WATER_MARK } from './youngGc.js';
export { unpack } from './unpack.js';
export { writeLayout } from './layout.js';

// What changed since the previous snapshot (the push's comparison and shrink guard).
export { shrankBeyond, snapshotChange, type SnapshotChange } from './compare.js';

// The prune policy: which snapshots stay, from their tags alone.
export {
  deletionGroups,
  parseIndexMembers,
  judgeSnapshots,
  referrersTagOf,
  utcDay,
  withinBudget,
  type Deletion,
  type DeletionGroup,
  type SnapshotVerdict,
  type TaggedManifest,
} from './retention.js';
