import { describe, expect, it } from 'vitest';
import {
  ManifestError,
  buildConfig,
  buildManifest,
  parseManifest,
  serializeConfig,
  serializeManifest,
  sha256Digest,
  type Descriptor,
} from '../../src/artifact/index.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const config: Descriptor = {
  size: 10,
  digest: D1,
  mediaType: 'application/vnd.lei.cache.config.v1+json',
};
const layer: Descriptor = {
  annotations: { 'org.opencontainers.image.title': 'cache.jsonl.gz' },
  size: 5,
  digest: D2,
  mediaType: 'application/vnd.lei.cache.jsonl+gzip',
};

describe('buildManifest / serializeManifest', () => {
  it('builds an OCI image manifest and serializes it compactly in a fixed key order', () => {
    const m = buildManifest(config, [layer], { b: '2', a: '1' });
    expect(serializeManifest(m).toString()).toBe(
      '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",' +
        `"config":{"mediaType":"application/vnd.lei.cache.config.v1+json","digest":"${D1}","size":10},` +
        `"layers":[{"mediaType":"application/vnd.lei.cache.jsonl+gzip","digest":"${D2}","size":5,` +
        '"annotations":{"org.opencontainers.image.title":"cache.jsonl.gz"}}],' +
        '"annotations":{"b":"2","a":"1"}}',
    );
  });

  it('leaves out empty annotations', () => {
    const bytes = serializeManifest(buildManifest(config, [], {})).toString();
    expect(bytes).not.toContain('annotations');
    expect(bytes).toContain('"layers":[]');
  });

  it('writes < > & U+2028 U+2029 in annotation values as \\u escapes (HTML-safe JSON, as Go writes it)', () => {
    const value = '<img src=x> & </td>\u2028\u2029';
    const m = buildManifest(config, [], { 'org.example.note': value });
    const text = serializeManifest(m).toString();
    expect(text).toContain(
      '"annotations":{"org.example.note":"\\u003cimg src=x\\u003e \\u0026 \\u003c/td\\u003e\\u2028\\u2029"}',
    );
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(parseManifest(text).annotations?.['org.example.note']).toBe(value);
  });

  it('round-trips through parseManifest', () => {
    const m = buildManifest(config, [layer], { a: '1' });
    expect(parseManifest(serializeManifest(m))).toEqual(m);
  });
});

describe('config', () => {
  it('is the contract JSON, keys in the contract order', () => {
    const bytes = serializeConfig(
      buildConfig({
        formatVersion: '1.0',
        leiVersion: '0.9.1',
        created: '2026-11-22T03:14:07Z',
        date: '2026-11-22',
        entryCount: 12,
        repos: [],
      }),
    );
    expect(bytes.toString()).toBe(
      '{"lei_version":"0.9.1","created":"2026-11-22T03:14:07Z","cache_entries":12,"format_version":"1.0"}',
    );
  });
});

describe('parseManifest', () => {
  const good = () => ({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { ...config },
    layers: [{ ...layer }],
  });
  const parse = (doc: unknown) => parseManifest(Buffer.from(JSON.stringify(doc)));

  it('accepts a well-formed manifest and fills in a missing mediaType', () => {
    expect(parse(good()).layers[0]?.digest).toBe(D2);
    const { mediaType: _m, ...noType } = good();
    expect(parse(noType).mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
  });

  it('accepts a string and keeps unknown fields', () => {
    const doc = { ...good(), subject: { x: 1 } };
    expect(parseManifest(JSON.stringify(doc))).toMatchObject({ subject: { x: 1 } });
  });

  const cases: Array<[string, unknown, RegExp]> = [
    ['not JSON', '{', /not valid JSON/],
    ['an array', [], /not an object/],
    ['schemaVersion 1', { ...good(), schemaVersion: 1 }, /schemaVersion must be 2, got 1/],
    [
      'a Docker manifest',
      { ...good(), mediaType: 'application/vnd.docker.distribution.manifest.v2+json' },
      /unsupported manifest media type .*docker.*expected application\/vnd.oci.image.manifest.v1\+json/,
    ],
    [
      'an index',
      { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [] },
      /image index/,
    ],
    ['no config', { ...good(), config: undefined }, /config must be a descriptor/],
    ['layers not an array', { ...good(), layers: {} }, /layers must be an array/],
    [
      'an uppercase digest',
      { ...good(), layers: [{ ...layer, digest: `sha256:${'AB'.repeat(32)}` }] },
      /layers\[0\]\.digest .* is not a sha256 digest/,
    ],
    [
      'a sha512 digest',
      { ...good(), config: { ...config, digest: `sha512:${'a'.repeat(128)}` } },
      /config\.digest/,
    ],
    ['a negative size', { ...good(), layers: [{ ...layer, size: -1 }] }, /layers\[0\]\.size -1/],
    ['a fractional size', { ...good(), layers: [{ ...layer, size: 1.5 }] }, /non-negative integer/],
    ['a string size', { ...good(), config: { ...config, size: '10' } }, /config\.size "10"/],
    ['no mediaType', { ...good(), layers: [{ ...layer, mediaType: '' }] }, /mediaType must be/],
    [
      'a non-string annotation',
      { ...good(), annotations: { a: 1 } },
      /manifest\.annotations\["a"\] must be a string/,
    ],
  ];
  for (const [name, doc, message] of cases) {
    it(`rejects ${name} with a clear ManifestError`, () => {
      const run = () => (typeof doc === 'string' ? parseManifest(doc) : parse(doc));
      expect(run).toThrow(ManifestError);
      expect(run).toThrow(message);
    });
  }

  it('gives the same digest for the same manifest built twice', () => {
    const a = serializeManifest(buildManifest(config, [layer], { a: '1' }));
    const b = serializeManifest(buildManifest({ ...config }, [{ ...layer }], { a: '1' }));
    expect(sha256Digest(a)).toBe(sha256Digest(b));
  });
});
