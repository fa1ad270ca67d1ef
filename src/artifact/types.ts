import type { Readable } from 'node:stream';

/** An OCI content descriptor (image-spec descriptor.md), as it appears in a manifest. */
export interface Descriptor {
  mediaType: string;
  /** `sha256:<64 lowercase hex>` */
  digest: string;
  size: number;
  annotations?: Record<string, string>;
}

/** An OCI image manifest (image-spec manifest.md) as this project writes and reads it. */
export interface OciManifest {
  schemaVersion: 2;
  mediaType: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

/** A blob that can be read again from the start as often as needed (uploads may be retried). */
export interface Blob {
  descriptor: Descriptor;
  /** A fresh stream over the blob's bytes, from byte 0. */
  open(): Readable;
  /**
   * Set when the blob is exactly this whole file on disk (fileBlob): uploads then send the file
   * with the registry client's fast path instead of open()'s stream (BENCHMARKS.md).
   */
  path?: string;
}

/** What the export's manifest.json says, after defaults were applied. */
export interface ExportInfo {
  formatVersion: string;
  leiVersion: string;
  /** RFC 3339 UTC as in the export (or `<date>T00:00:00Z` when only `date` was given). */
  created: string;
  /** YYYY-MM-DD: the snapshot day (`date`, else the day of `created`). */
  date: string;
  entryCount: number;
  repos: string[];
}

export interface PackageOptions {
  /** Extra manifest annotations (source, revision, the user's), added after the fixed ones. */
  annotations?: Record<string, string>;
  /** Called once per non-fatal finding (defaults applied, extra files ignored, ...). */
  onWarning?: (message: string) => void;
  /**
   * Check cache.jsonl.gz against manifest.json (gzip integrity, entry_count, raw_size,
   * content_hash) in the read that hashes it (default true).
   */
  verifyContent?: boolean;
}

/** The whole artifact, ready to be pushed or written to an OCI layout. */
export interface PackagedArtifact {
  manifest: OciManifest;
  /** The exact bytes pushed as the manifest; `digest` is their sha256. */
  manifestBytes: Buffer;
  digest: string;
  config: Blob;
  layers: Blob[];
  /** config first, then the layers: everything that must be pushed before the manifest. */
  blobs: Blob[];
  info: ExportInfo;
  warnings: string[];
  /** What the content check found (absent when verification was off). */
  verified?: ContentFacts;
}

/** Returns a stream of the blob's bytes; the caller verifies size and digest. */
export type FetchBlob = (descriptor: Descriptor) => Promise<Readable>;

export interface UnpackOptions {
  onWarning?: (message: string) => void;
  /**
   * Check the pulled cache.jsonl.gz against the pulled manifest.json while it streams, before
   * anything is moved into place (default true).
   */
  verifyContent?: boolean;
}

interface UnpackedFile {
  /** Absolute path of the verified file inside the target directory. */
  path: string;
  descriptor: Descriptor;
}

export interface UnpackResult {
  files: UnpackedFile[];
  /**
   * The snapshot the staged manifest.json describes (the same reading as the push's);
   * `entryCount` is the counted entries when manifest.json has no entry_count and the content was
   * verified.
   */
  info: ExportInfo;
  /** Non-fatal findings (defaults applied, fields not verifiable, layers skipped). */
  warnings: string[];
  /** What the content check found (absent when verification was off). */
  verified?: ContentFacts;
}

/** What one pass over cache.jsonl.gz found. */
export interface ContentFacts {
  /** bytes of cache.jsonl.gz */
  compressedSize: number;
  /** bytes of the uncompressed JSONL, newlines included */
  rawSize: number;
  /** entries: the lines LEI's importer would read as reports (jsonlCompactor.ts: non-blank lines) */
  entries: number;
  /** LEI's content_hash: lowercase hex SHA-256 of the JSONL with its `\n` separators removed */
  contentHash: string;
}
