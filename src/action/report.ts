import type { ContentFacts } from '../artifact/index.js';

/** The log line that says what the content check found (or that it was off), push and pull alike. */
export function contentLine(verified: ContentFacts | undefined): string {
  if (verified === undefined) {
    return 'verify-content is false: the content of cache.jsonl.gz was not checked against manifest.json.';
  }
  return (
    `Content verified against manifest.json: gzip intact, ${verified.entries} entries, ` +
    `${verified.rawSize} bytes uncompressed, content_hash ${verified.contentHash}`
  );
}
