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
   * Set when the blob is exactly this whole file on disk (describedFileBlob): uploads then send the file
   * with the registry client's fast path instead of open()'s stream (BENCHMARKS.md).
   */
  path?: string;
  /**
   * Set when the blob's bytes must pass a check before any registry commits them (only on a blob
   * with `path`): the registry client feeds it the bytes it uploads and sends the last of them
   * only once the check passed (see BlobGate).
   */
  gate?: BlobGate;
}

/**
 * A check on a blob's bytes that gates its upload: the registry room drives it without knowing
 * what it checks (the cache layer's content check against manifest.json, contentGate.ts).
 */
export interface BlobGate {
  /** A check over one pass of the blob's bytes from byte 0 (one per request body sent). */
  start(): BlobCheck;
  /**
   * The check in a read of its own, for when nothing is uploaded (the registry has the blob):
   * reads the file, refuses it when it is no longer the file whose digest the descriptor has,
   * and otherwise rejects as BlobCheck.verdict does.
   */
  checkFile(): Promise<void>;
}

/** One pass of a BlobGate's check. */
export interface BlobCheck {
  /** Feeds the next bytes; resolves (never rejects) once the chunk's memory may be reused. */
  write(chunk: Buffer): Promise<void>;
  /** Whether a failure was found already (the rest of the bytes need not be sent). */
  readonly failed: boolean;
  /** After the last write (or once failed): resolves when the bytes passed, else rejects with why. */
  verdict(): Promise<void>;
  /** Stops the check (the pass was abandoned). */
  abort(): void;
}

/** The content check left to the cache layer's gate: what it found, once it passed. */
export interface GatedContent {
  /** undefined until the gate passed (an upload, or the read of its own) */
  readonly facts: ContentFacts | undefined;
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
  /**
   * Leave the content check to the upload of cache.jsonl.gz (default false: it runs in the
   * packaging read). Packaging then reads the file for its digest alone, and the cache layer
   * carries a gate (`Blob.gate`) that the registry client runs on the bytes it uploads, or in a
   * read of its own when the registry has the blob; `PackagedArtifact.contentGate` has the
   * facts once it passed. Not when manifest.json has no entry_count (the config needs the counted
   * lines, so the check runs while packaging) or verifyContent is false. writeLayout does not run
   * the gate: write a layout only after the push (or without this option).
   */
  checkContentOnUpload?: boolean;
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
  /**
   * What the content check found, when it ran while packaging (absent when verification was off
   * or left to the upload).
   */
  verified?: ContentFacts;
  /** Set when the content check was left to the upload (PackageOptions.checkContentOnUpload). */
  contentGate?: GatedContent;
  /**
   * True when nobody knows how many entries the cache holds: manifest.json has no entry_count and
   * the content was not checked (verify-content false), so `info.entryCount` is only a default.
   */
  entryCountUnknown?: boolean;
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
