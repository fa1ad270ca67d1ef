/** Small hand-built LEI artifacts for the registry tests (no export validation involved). */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CACHE_JSONL_MEDIA_TYPE,
  CACHE_MANIFEST_MEDIA_TYPE,
  CONFIG_MEDIA_TYPE,
  TITLE_ANNOTATION,
  buildManifest,
  bufferBlob,
  fileBlob,
  serializeManifest,
  sha256Digest,
  type PackagedArtifact,
} from '../../src/artifact/index.js';

export interface TestArtifact {
  artifact: PackagedArtifact;
  /** the cache.jsonl.gz bytes (small artifacts only) */
  cacheBytes: Buffer;
  manifestJson: Buffer;
  dir: string;
  cleanup(): Promise<void>;
}

/** An artifact whose cache.jsonl.gz holds `size` random bytes (after the gzip magic), on disk. */
export async function makeArtifact(size = 64 * 1024, label = 'test'): Promise<TestArtifact> {
  const dir = await mkdtemp(join(tmpdir(), 'lei-registry-art-'));
  const cacheBytes = Buffer.concat([Buffer.from([0x1f, 0x8b]), randomBytes(Math.max(0, size - 2))]);
  const cachePath = join(dir, 'cache.jsonl.gz');
  await writeFile(cachePath, cacheBytes);
  const manifestJson = Buffer.from(
    JSON.stringify({
      format_version: '1.0',
      lei_version: '0.9.1',
      created: '2026-11-22T03:14:07Z',
      label,
      nonce: randomBytes(8).toString('hex'),
    }),
  );
  const config = bufferBlob(
    Buffer.from(
      JSON.stringify({
        lei_version: '0.9.1',
        created: '2026-11-22T03:14:07Z',
        cache_entries: 1,
        format_version: '1.0',
      }),
    ),
    CONFIG_MEDIA_TYPE,
  );
  const manifestLayer = bufferBlob(manifestJson, CACHE_MANIFEST_MEDIA_TYPE, {
    [TITLE_ANNOTATION]: 'manifest.json',
  });
  const cacheLayer = await fileBlob(cachePath, CACHE_JSONL_MEDIA_TYPE, {
    [TITLE_ANNOTATION]: 'cache.jsonl.gz',
  });
  const layers = [manifestLayer, cacheLayer];
  const manifest = buildManifest(
    config.descriptor,
    layers.map((l) => l.descriptor),
    { 'org.opencontainers.image.title': 'lei-cache' },
  );
  const manifestBytes = serializeManifest(manifest);
  const artifact: PackagedArtifact = {
    manifest,
    manifestBytes,
    digest: sha256Digest(manifestBytes),
    config,
    layers,
    blobs: [config, ...layers],
    info: {
      formatVersion: '1.0',
      leiVersion: '0.9.1',
      created: '2026-11-22T03:14:07Z',
      date: '2026-11-22',
      entryCount: 1,
      repos: [],
    },
    warnings: [],
  };
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
