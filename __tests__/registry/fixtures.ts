/** Small LEI artifacts for the registry tests, packaged from temp exports. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
 * An artifact packaged from a temp export whose cache.jsonl.gz holds `size` random bytes (after
 * the gzip magic); a nonce in manifest.json makes every artifact's digest unique. Its snapshot is
 * 2026-11-22 (created 03:14:07Z) unless `fields` say otherwise.
 */
export async function makeArtifact(
  size = 64 * 1024,
  label = 'test',
  /** manifest.json fields to set (e.g. another date and created) */
  fields: Record<string, unknown> = {},
): Promise<TestArtifact> {
  const dir = await mkdtemp(join(tmpdir(), 'lei-registry-art-'));
  const cacheBytes = Buffer.concat([Buffer.from([0x1f, 0x8b]), randomBytes(Math.max(0, size - 2))]);
  await writeFile(join(dir, 'cache.jsonl.gz'), cacheBytes);
  const manifestJson = Buffer.from(
    JSON.stringify({
      format_version: '1.0',
      lei_version: '0.9.1',
      created: '2026-11-22T03:14:07Z',
      date: '2026-11-22',
      entry_count: 1,
      compressed_size: cacheBytes.length,
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
