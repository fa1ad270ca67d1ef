import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CACHE_JSONL_MEDIA_TYPE,
  CACHE_MANIFEST_MEDIA_TYPE,
  CONFIG_MEDIA_TYPE,
  MANIFEST_MEDIA_TYPE,
  packageExport,
  parseManifest,
  sha256Digest,
} from '../../src/artifact/index.js';
import { EXAMPLE_EXPORT, copyExample, readAll } from './fixtures.js';

/**
 * Golden digest of examples/export packaged without extra annotations. Computed once and
 * hard-coded on purpose: it changes only when the artifact format changes (manifest or config
 * JSON layout, key order, annotations, media types) or the example files change. If this test
 * fails, the change is not reproducible with earlier releases: make it on purpose, regenerate
 * the value and say so in the changelog.
 */
const GOLDEN_DIGEST = 'sha256:d51cd213f2296a869ea093771d9e93b60131ec544476b9c2ee8da88ccfdd266f';

const SOURCE = {
  'org.opencontainers.image.source': 'https://github.com/acme/lei-nightly',
  'org.opencontainers.image.revision': '0123456789abcdef0123456789abcdef01234567',
};

describe('packageExport', () => {
  it('packages examples/export into the contract layout', async () => {
    const art = await packageExport(EXAMPLE_EXPORT, { annotations: SOURCE });
    const manifestJson = await readFile(join(EXAMPLE_EXPORT, 'manifest.json'));
    const cacheGz = await readFile(join(EXAMPLE_EXPORT, 'cache.jsonl.gz'));
    expect(art.warnings).toEqual([]);
    expect(art.digest).toBe(sha256Digest(art.manifestBytes));
    expect(parseManifest(art.manifestBytes)).toEqual(art.manifest);
    expect(art.manifest).toEqual({
      schemaVersion: 2,
      mediaType: MANIFEST_MEDIA_TYPE,
      config: { mediaType: CONFIG_MEDIA_TYPE, digest: art.config.descriptor.digest, size: 98 },
      layers: [
        {
          mediaType: CACHE_MANIFEST_MEDIA_TYPE,
          digest: sha256Digest(manifestJson),
          size: manifestJson.length,
          annotations: { 'org.opencontainers.image.title': 'manifest.json' },
        },
        {
          mediaType: CACHE_JSONL_MEDIA_TYPE,
          digest: sha256Digest(cacheGz),
          size: cacheGz.length,
          annotations: { 'org.opencontainers.image.title': 'cache.jsonl.gz' },
        },
      ],
      annotations: {
        'org.opencontainers.image.created': '2026-11-22T03:14:07Z',
        'org.opencontainers.image.title': 'lei-cache',
        'org.opencontainers.image.description': 'LEI analysis cache snapshot',
        ...SOURCE,
      },
    });
    // annotation order in the bytes: fixed ones first, then the caller's
    expect(Object.keys(JSON.parse(art.manifestBytes.toString()).annotations)).toEqual([
      'org.opencontainers.image.created',
      'org.opencontainers.image.title',
      'org.opencontainers.image.description',
      'org.opencontainers.image.source',
      'org.opencontainers.image.revision',
    ]);
    const config = await readAll(art.config.open());
    expect(config.toString()).toBe(
      '{"lei_version":"0.9.1","created":"2026-11-22T03:14:07Z","cache_entries":12,"format_version":"1.0"}',
    );
    expect(art.config.descriptor.digest).toBe(sha256Digest(config));
    expect((await readAll(art.layers[0]!.open())).equals(manifestJson)).toBe(true);
    expect((await readAll(art.layers[1]!.open())).equals(cacheGz)).toBe(true);
    expect(art.blobs.map((b) => b.descriptor.mediaType)).toEqual([
      CONFIG_MEDIA_TYPE,
      CACHE_MANIFEST_MEDIA_TYPE,
      CACHE_JSONL_MEDIA_TYPE,
    ]);
    expect(art.info).toEqual({
      formatVersion: '1.0',
      leiVersion: '0.9.1',
      created: '2026-11-22T03:14:07Z',
      date: '2026-11-22',
      entryCount: 12,
      repos: expect.arrayContaining(['https://github.com/phoenixframework/phoenix']),
    });
  });

  it('has the golden digest for examples/export', async () => {
    const art = await packageExport(EXAMPLE_EXPORT);
    expect(art.digest).toBe(GOLDEN_DIGEST);
  });

  it('is reproducible: a copied export gives byte-identical manifests and the same digest', async () => {
    const a = await packageExport(await copyExample(), { annotations: SOURCE });
    const b = await packageExport(await copyExample(), { annotations: SOURCE });
    expect(a.manifestBytes.equals(b.manifestBytes)).toBe(true);
    expect(a.digest).toBe(b.digest);
    const c = await packageExport(await copyExample(), {
      annotations: { ...SOURCE, 'org.example.team': 'sec' },
    });
    expect(c.digest).not.toBe(a.digest);
    const d = await packageExport(await copyExample());
    expect(d.digest).not.toBe(a.digest);
  });

  it('lets an extra annotation replace a fixed one, keeping its position', async () => {
    const art = await packageExport(EXAMPLE_EXPORT, {
      annotations: { 'org.opencontainers.image.description': 'nightly LEI cache' },
    });
    expect(art.manifest.annotations).toEqual({
      'org.opencontainers.image.created': '2026-11-22T03:14:07Z',
      'org.opencontainers.image.title': 'lei-cache',
      'org.opencontainers.image.description': 'nightly LEI cache',
    });
  });

  it('rejects an annotation with an empty key or a non-string value', async () => {
    await expect(packageExport(EXAMPLE_EXPORT, { annotations: { '': 'x' } })).rejects.toThrow(
      /non-empty key/,
    );
    await expect(
      packageExport(EXAMPLE_EXPORT, {
        annotations: { a: 1 } as unknown as Record<string, string>,
      }),
    ).rejects.toThrow(/annotation "a" must have .* a string value/);
  });
});
