/** Small LEI artifacts for the registry tests, packaged from temp exports. */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { packageExport, type PackagedArtifact } from '../../src/artifact/index.js';

export interface TestArtifact {
  artifact: PackagedArtifact;
  /** the cache.jsonl.gz bytes (small artifacts only) */
  cacheBytes: Buffer;
  manifestJson: Buffer;
  dir: string;
  cleanup(): Promise<void>;
}

/**
 * An artifact packaged from a temp export whose cache.jsonl.gz is about `size` bytes: JSONL lines
 * of random base64 in stored (level 0) gzip, so nothing on the way compresses it, with a
 * manifest.json that describes it as LEI's exporter would; a nonce in manifest.json makes every
 * artifact's digest unique. Its snapshot is
 * 2026-11-22 (created 03:14:07Z) unless `fields` say otherwise.
 */
export async function makeArtifact(
  size = 64 * 1024,
  label = 'test',
  /** manifest.json fields to set (e.g. another date and created) */
  fields: Record<string, unknown> = {},
): Promise<TestArtifact> {
  const dir = await mkdtemp(join(tmpdir(), 'lei-registry-art-'));
  const reports: string[] = [];
  for (let raw = 0; raw < size - 200; raw += 1000)
    reports.push(JSON.stringify({ r: randomBytes(729).toString('base64').slice(0, 990) }));
  const jsonl = Buffer.from(reports.map((r) => `${r}\n`).join(''));
  const cacheBytes = gzipSync(jsonl, { level: 0 });
  await writeFile(join(dir, 'cache.jsonl.gz'), cacheBytes);
  const manifestJson = Buffer.from(
    JSON.stringify({
      format_version: '1.0',
      lei_version: '0.9.1',
      created: '2026-11-22T03:14:07Z',
      date: '2026-11-22',
      entry_count: reports.length,
      raw_size: jsonl.length,
      compressed_size: cacheBytes.length,
      content_hash: createHash('sha256').update(reports.join('')).digest('hex'),
      label,
      nonce: randomBytes(8).toString('hex'),
      ...fields,
    }),
  );
  await writeFile(join(dir, 'manifest.json'), manifestJson);
  const artifact = await packageExport(dir);
  return {
    artifact,
    cacheBytes,
    manifestJson,
    dir,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

export async function readPulled(dir: string): Promise<{ cache: Buffer; manifest: Buffer }> {
  return {
    cache: await readFile(join(dir, 'cache.jsonl.gz')),
    manifest: await readFile(join(dir, 'manifest.json')),
  };
}

export async function tempDir(prefix = 'lei-registry-pull-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}
