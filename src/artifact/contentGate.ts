import { GzipContentVerifier, checkContent, digestCacheFile } from './content.js';
import { ExportError } from './errors.js';
import type { DeclaredContent } from './snapshot.js';
import type { BlobCheck, BlobGate, ContentFacts, Descriptor, GatedContent } from './types.js';

/**
 * The content check of cache.jsonl.gz against manifest.json as the gate of its upload: the
 * registry client feeds each pass the bytes it sends (GzipContentVerifier inflates them on zlib's
 * thread pool) and holds back the last of them until `verdict()`; when the registry has the blob
 * already, `checkFile()` reads the file once for digest and content. Each pass that passes records
 * the facts (the action's log line); checkContent's warnings (fields absent from manifest.json)
 * are given once, to the packaging's warning callback.
 */
export class CacheContentGate implements BlobGate, GatedContent {
  private found: ContentFacts | undefined;

  constructor(
    private readonly path: string,
    /** the digest and size packaging found: what the registry is told it gets */
    private readonly descriptor: Descriptor,
    private readonly declared: DeclaredContent,
    /** the file's name in messages */
    private readonly source: string,
    private readonly warn: (message: string) => void,
  ) {}

  get facts(): ContentFacts | undefined {
    return this.found;
  }

  start(): BlobCheck {
    const verifier = new GzipContentVerifier(this.source);
    return {
      write: (chunk) => verifier.write(chunk),
      get failed() {
        return verifier.error !== undefined;
      },
      verdict: async () => this.passed(await verifier.end()),
      abort: () => verifier.destroy(),
    };
  }

  async checkFile(): Promise<void> {
    const read = await digestCacheFile(this.path, true, this.source);
    const { digest, size } = this.descriptor;
    if (read.facts === undefined || read.digest !== digest || read.size !== size) {
      throw new ExportError(
        this.path,
        `${this.path} changed after it was packaged (${size} bytes with digest ${digest}, now ${read.size} bytes with ${read.digest}); wait for the export to finish and run again`,
      );
    }
    this.passed(read.facts);
  }

  /** Compares the facts with manifest.json (a ContentMismatchError names the field) and keeps them. */
  private passed(facts: ContentFacts): void {
    const checked = checkContent(this.declared, facts, this.source);
    if (this.found === undefined) for (const message of checked.warnings) this.warn(message);
    this.found = facts;
  }
}
