/**
 * The error and each of its causes, outermost first. Stops at a cycle; a cause that is not an
 * Error (a string, say) is yielded and ends the chain.
 */
export function* causes(error: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  for (let e: unknown = error; e !== undefined && e !== null && !seen.has(e);) {
    seen.add(e);
    yield e;
    e = e instanceof Error ? e.cause : undefined;
  }
}

/** The first error in `error`'s cause chain (itself included) that is a `type`. */
export function findCause<T>(
  error: unknown,
  type: abstract new (...args: never[]) => T,
): T | undefined {
  for (const e of causes(error)) if (e instanceof type) return e;
  return undefined;
}

/** Base class of every error the artifact room throws on purpose. */
export class ArtifactError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The export directory (or a file in it) is not usable; `path` names the offending path. */
export class ExportError extends ArtifactError {
  readonly path: string;
  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.path = path;
  }
}

/** A manifest (pulled or read from a layout) is not a well-formed OCI image manifest. */
export class ManifestError extends ArtifactError {}

/** What a verification error is about: a layer's file name (when known) and its media type. */
export interface BlobLabel {
  /** e.g. `cache.jsonl.gz`, or a description such as `manifest` / `config` */
  name?: string;
  mediaType: string;
}

function describeBlob(label: BlobLabel): string {
  return label.name ? `${label.name} (${label.mediaType})` : label.mediaType;
}

/** The bytes received hash to another digest than the descriptor says. */
export class DigestMismatchError extends ArtifactError {
  readonly label: BlobLabel;
  readonly expected: string;
  readonly actual: string;
  constructor(label: BlobLabel, expected: string, actual: string) {
    super(
      `digest mismatch for ${describeBlob(label)}: expected ${expected}, got ${actual}. ` +
        'The content is corrupt or was replaced; nothing was written. Fetch it again from a source you trust.',
    );
    this.label = label;
    this.expected = expected;
    this.actual = actual;
  }
}

/** The number of bytes received differs from the descriptor's size. */
export class SizeMismatchError extends ArtifactError {
  readonly label: BlobLabel;
  readonly digest: string;
  readonly expected: number;
  readonly actual: number;
  /** true when the stream was stopped as soon as it exceeded the expected size */
  readonly exceeded: boolean;
  constructor(
    label: BlobLabel,
    digest: string,
    expected: number,
    actual: number,
    exceeded: boolean,
  ) {
    super(
      `size mismatch for ${describeBlob(label)} (${digest}): expected ${expected} bytes, ` +
        `${exceeded ? 'got more than that' : `got ${actual}`}. ` +
        'The transfer was truncated or the content is not what the manifest describes; nothing was written. Fetch it again.',
    );
    this.label = label;
    this.digest = digest;
    this.expected = expected;
    this.actual = actual;
    this.exceeded = exceeded;
  }
}

/** An OCI image layout directory is missing, malformed, or lacks what was asked for. */
export class LayoutError extends ArtifactError {
  readonly path: string;
  constructor(path: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.path = path;
  }
}

/**
 * A snapshot's manifest.json (the export's or a pulled copy) is not usable; `source` names the
 * file, `field` the offending field when there is one.
 */
export class SnapshotError extends ArtifactError {
  readonly source: string;
  readonly field: string | undefined;
  constructor(source: string, message: string, options?: { cause?: unknown; field?: string }) {
    super(message, options);
    this.source = source;
    this.field = options?.field;
  }
}

/**
 * The content of cache.jsonl.gz does not match manifest.json, or is not intact gzip. `field` is
 * the manifest field (`entry_count`, `raw_size`, `content_hash`, `compressed_size`) or `gzip`.
 */
export class ContentMismatchError extends SnapshotError {
  readonly expected: string | undefined;
  readonly actual: string | undefined;
  constructor(
    source: string,
    field: string,
    message: string,
    details: { expected?: string; actual?: string; cause?: unknown } = {},
  ) {
    super(source, message, {
      field,
      ...(details.cause !== undefined ? { cause: details.cause } : {}),
    });
    this.expected = details.expected;
    this.actual = details.actual;
  }
}
