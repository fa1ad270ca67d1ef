import type {
  Descriptor,
  OciManifest,
  PackagedArtifact,
  SnapshotStamp,
  UnpackOptions,
  UnpackResult,
} from '../artifact/index.js';
import type { RetryEvent } from './retry.js';

/** A parsed OCI reference: `[oci://]host[:port]/name[:tag|@sha256:...]`. */
export interface Reference {
  /** host[:port], e.g. `ghcr.io` or `127.0.0.1:5000` */
  registry: string;
  /** e.g. `my-org/lei-cache` */
  repository: string;
  /** set when the reference names a tag (default `latest` when neither tag nor digest given) */
  tag?: string;
  /** set when the reference names a digest */
  digest?: string;
}

export interface Credentials {
  username: string;
  password: string;
}

export interface TransferProgress {
  operation: 'upload' | 'download';
  digest: string;
  /** bytes done so far for this blob */
  bytes: number;
  /** the blob's size */
  total: number;
}

export interface RegistryClientOptions {
  /** Absent: anonymous. */
  credentials?: Credentials;
  /** Called with every secret the client learns (exchanged tokens) so the caller can mask it. */
  onSecret?: (secret: string) => void;
  onProgress?: (progress: TransferProgress) => void;
  /** Debug log lines; never contain headers or tokens. */
  onDebug?: (message: string) => void;
  /**
   * Called before each retry (which operation, attempt n of max, the wait, the failure in a few
   * words). Absent: a debug line through onDebug (`<operation>: attempt 1 of 5 failed (…);
   * retrying in 800 ms`).
   */
  onRetry?: (retry: RetryEvent) => void;
  /** Attempts per request for retryable failures (default 5). */
  maxAttempts?: number;
  /** A connection with no bytes moving for this long fails into a retry (default 60_000). */
  stallTimeoutMs?: number;
  /** Base delay for exponential backoff (default 1000); tests set it small. */
  retryBaseDelayMs?: number;
  /** Cap for any single wait, including Retry-After (default 60_000). */
  retryMaxDelayMs?: number;
  /** Blobs uploaded at once (default 3). */
  concurrency?: number;
  userAgent?: string;
}

export interface PushResult {
  digest: string;
  /** the tags that point at the pushed manifest now */
  tags: string[];
  /** every tag asked for, in the order handled */
  tagPushes: TagPush[];
  /** blob bytes actually sent (0 when the registry had every blob) */
  uploadedBytes: number;
  uploadedBlobs: Descriptor[];
  skippedBlobs: Descriptor[];
}

/** What a tag points at, as read from the registry just before it would move. */
export type TagTarget =
  | { kind: 'absent' }
  /** an LEI cache snapshot: its manifest digest, and date and created from its manifest.json */
  | ({ kind: 'snapshot'; digest: string } & SnapshotStamp)
  /** anything else (an image, an index, an LEI artifact whose manifest.json cannot be read) */
  | { kind: 'other'; digest: string; what: string };

/** What a tag points at, with an LEI snapshot's manifest.json layer (read and verified). */
export type TagRead =
  | Exclude<TagTarget, { kind: 'snapshot' }>
  | (Extract<TagTarget, { kind: 'snapshot' }> & { manifestJson: Buffer });

/**
 * Which tags are read before they move, and whether they may. Tags it does not guard are pushed
 * as they are; a guarded tag that already points at the pushed manifest is left alone.
 */
export interface TagGuard {
  guards(tag: string): boolean;
  /** Whether `tag` may move to the pushed manifest, given what it points at now. */
  allows(tag: string, current: TagTarget): boolean;
}

/** What happened to one tag of a push. */
export interface TagPush {
  tag: string;
  /** what a guarded tag pointed at before (undefined for an unguarded tag, which is not read) */
  before?: TagTarget;
  /** whether the tag was PUT (false: already there, or the guard kept it) */
  moved: boolean;
  /** whether the tag points at the pushed manifest now */
  current: boolean;
  /**
   * A guarded tag that moved and, checked again once every tag was pushed, pointed elsewhere: what
   * another push had moved it to meanwhile. The guard was asked again (`current` says whether the
   * tag was moved back to the pushed manifest).
   */
  overtaken?: TagTarget;
}

export interface PullResult extends UnpackResult {
  digest: string;
  manifest: OciManifest;
  manifestBytes: Buffer;
}

/** The client's public surface (implemented by RegistryClient in client.ts). */
export interface Registry {
  pushArtifact(
    repository: string,
    artifact: PackagedArtifact,
    tags: string[],
    guard?: TagGuard,
  ): Promise<PushResult>;
  pullArtifact(
    reference: Reference,
    targetDir: string,
    options?: UnpackOptions,
  ): Promise<PullResult>;
  /**
   * What `tag` of `repository` points at (absent, another kind of manifest, or an LEI snapshot
   * with its manifest.json), read with the token scope `access` (a push reads with the scope it
   * pushes with); retried like any read.
   */
  readTag(repository: string, tag: string, access?: 'pull' | 'pull,push'): Promise<TagRead>;
  /** Closes idle keep-alive connections; call it once done with the client. */
  close(): void;
}
