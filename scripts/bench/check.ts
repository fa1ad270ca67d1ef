/**
 * `node --import tsx scripts/bench/check.ts EXPORT_DIR`: the push's content check alone, as the
 * push runs it when the registry has the blob already (CacheContentGate.checkFile: one read of
 * cache.jsonl.gz into GzipContentVerifier, which inflates on zlib's thread pool and checks every
 * member's CRC-32 and ISIZE, trailing bytes, raw_size, lines and content_hash against
 * manifest.json). It is the same check that gates the upload, without the upload around it.
 * Prints one JSON line: the seconds the check took inside this process (no start-up, no digest)
 * and the facts it found. main.ts runs it under the Node it benchmarks.
 */
import { CacheContentGate, fileIdentity } from '../../src/artifact/contentGate.js';
import { readExport } from '../../src/artifact/exportDir.js';
import { CACHE_JSONL_FILENAME, CACHE_JSONL_MEDIA_TYPE } from '../../src/artifact/mediaTypes.js';

export interface CheckAlone {
  seconds: number;
  entries: number;
  rawSize: number;
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (dir === undefined) throw new Error('usage: node --import tsx scripts/bench/check.ts DIR');
  const exp = await readExport(dir, (message) => console.error(message));
  const identity = await fileIdentity(exp.cachePath);
  const gate = new CacheContentGate(
    exp.cachePath,
    // The digest appears only in the error for a file that changed during the check.
    { mediaType: CACHE_JSONL_MEDIA_TYPE, digest: 'sha256:not-computed', size: exp.cacheSize },
    identity,
    exp.declared,
    CACHE_JSONL_FILENAME,
    (message) => console.error(message),
  );
  const started = process.hrtime.bigint();
  await gate.checkFile();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const facts = gate.facts;
  if (facts === undefined) throw new Error('the content check passed without facts');
  const result: CheckAlone = { seconds, entries: facts.entries, rawSize: facts.rawSize };
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
