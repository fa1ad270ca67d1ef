import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  CACHE_JSONL_MEDIA_TYPE,
  CACHE_MANIFEST_MEDIA_TYPE,
  CONFIG_MEDIA_TYPE,
  DigestMismatchError,
  ManifestError,
  SizeMismatchError,
  blobDescriptor,
  buildManifest,
  type Descriptor,
  type FetchBlob,
  type OciManifest,
  unpack,
} from '../../src/artifact/index.js';
import { failingStream, tempDir } from './fixtures.js';
import { DAMAGES, buildLeiExport, leiReports } from './leiExport.js';

// an export as LEI writes it: unpack checks the cache against its manifest.json
const lei = buildLeiExport(leiReports(200));
const manifestJson = Buffer.from(`${JSON.stringify(lei.manifest, null, 2)}\n`);
const cacheGz = lei.gz;
const config = blobDescriptor(Buffer.from('{}'), CONFIG_MEDIA_TYPE);

function artifact(extraLayers: Descriptor[] = [], titles?: [string, string]) {
  const l1 = blobDescriptor(manifestJson, CACHE_MANIFEST_MEDIA_TYPE, {
    'org.opencontainers.image.title': titles?.[0] ?? 'manifest.json',
  });
  const l2 = blobDescriptor(cacheGz, CACHE_JSONL_MEDIA_TYPE, {
    'org.opencontainers.image.title': titles?.[1] ?? 'cache.jsonl.gz',
  });
  const manifest = buildManifest(config, [l1, ...extraLayers, l2]);
  const store = new Map<string, Buffer>([
    [l1.digest, manifestJson],
    [l2.digest, cacheGz],
  ]);
  const fetched: string[] = [];
  const fetchBlob: FetchBlob = async (d) => {
    fetched.push(d.digest);
    const bytes = store.get(d.digest);
    if (!bytes) throw new Error(`no blob ${d.digest}`);
    return Readable.from([bytes]);
  };
  return { manifest, store, fetchBlob, fetched, l1, l2 };
}

describe('unpack', () => {
  it('restores both files byte for byte, creating the target directory', async () => {
    const { manifest, fetchBlob } = artifact();
    const target = join(await tempDir(), 'a', 'b');
    const result = await unpackIt(manifest, target, fetchBlob);
    expect(result.files.map((f) => f.path)).toEqual([
      join(target, 'manifest.json'),
      join(target, 'cache.jsonl.gz'),
    ]);
    expect((await readFile(join(target, 'manifest.json'))).equals(manifestJson)).toBe(true);
    expect((await readFile(join(target, 'cache.jsonl.gz'))).equals(cacheGz)).toBe(true);
    expect((await readdir(target)).sort()).toEqual(['cache.jsonl.gz', 'manifest.json']);
  });

  it('skips layers of unknown media types with a warning and never fetches them', async () => {
    const odd = blobDescriptor(Buffer.from('x'), 'application/vnd.example.readme+md', {
      'org.opencontainers.image.title': 'README.md',
    });
    const { manifest, fetchBlob, fetched } = artifact([odd]);
    const target = await tempDir();
    const warnings: string[] = [];
    await unpackIt(manifest, target, fetchBlob, warnings);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('application/vnd.example.readme+md');
    expect(warnings[0]).toContain(odd.digest);
    expect(fetched).not.toContain(odd.digest);
    expect((await readdir(target)).sort()).toEqual(['cache.jsonl.gz', 'manifest.json']);
  });

  it('never uses a title annotation as a path', async () => {
    const { manifest, fetchBlob } = artifact([], ['../../etc/passwd', '/tmp/evil.gz']);
    const root = await tempDir();
    const target = join(root, 'deep', 'target');
    await unpackIt(manifest, target, fetchBlob);
    expect((await readdir(target)).sort()).toEqual(['cache.jsonl.gz', 'manifest.json']);
    expect((await readdir(root)).sort()).toEqual(['deep']);
    expect(await readdir(join(root, 'deep'))).toEqual(['target']);
    await expect(stat('/tmp/evil.gz')).rejects.toThrow(/ENOENT/);
  });

  it('on a digest mismatch names the layer and digests, writes nothing and keeps older files', async () => {
    const { manifest, fetchBlob, store, l2 } = artifact();
    const evil = Buffer.from(cacheGz);
    evil[100] = 9;
    store.set(l2.digest, evil);
    const target = await tempDir();
    await writeFile(join(target, 'cache.jsonl.gz'), 'older cache');
    await writeFile(join(target, 'manifest.json'), 'older manifest');
    const err = await unpackIt(manifest, target, fetchBlob).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DigestMismatchError);
    const msg = (err as Error).message;
    expect(msg).toContain('cache.jsonl.gz (application/vnd.lei.cache.jsonl+gzip)');
    expect(msg).toContain(`expected ${l2.digest}`);
    expect(msg).toContain(`got sha256:`);
    expect(await readFile(join(target, 'cache.jsonl.gz'), 'utf8')).toBe('older cache');
    // manifest.json was verified first but is not moved into place while cache.jsonl.gz failed
    expect(await readFile(join(target, 'manifest.json'), 'utf8')).toBe('older manifest');
    expect((await readdir(target)).sort()).toEqual(['cache.jsonl.gz', 'manifest.json']);
  });

  it('on a size mismatch (truncated transfer) leaves no file', async () => {
    const { manifest, fetchBlob, store, l2 } = artifact();
    store.set(l2.digest, cacheGz.subarray(0, 1000));
    const target = await tempDir();
    const err = await unpackIt(manifest, target, fetchBlob).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SizeMismatchError);
    expect((err as Error).message).toMatch(
      new RegExp(`cache\\.jsonl\\.gz .* expected ${cacheGz.length} bytes, got 1000`),
    );
    expect(await readdir(target)).toEqual([]);
  });

  it('on a stream that errors midway leaves no temp file', async () => {
    const { manifest, l1 } = artifact();
    const fetchBlob: FetchBlob = async (d) =>
      d.digest === l1.digest
        ? Readable.from([manifestJson])
        : failingStream([cacheGz.subarray(0, 1000)], new Error('ECONNRESET midway'));
    const target = await tempDir();
    await expect(unpackIt(manifest, target, fetchBlob)).rejects.toThrow('ECONNRESET midway');
    expect(await readdir(target)).toEqual([]);
  });

  it('wraps a failing fetch with the layer name', async () => {
    const { manifest } = artifact();
    const target = await tempDir();
    const fetchBlob: FetchBlob = async () => {
      throw new Error('404 blob unknown');
    };
    await expect(unpackIt(manifest, target, fetchBlob)).rejects.toThrow(
      /could not fetch manifest\.json \(application\/vnd\.lei\.cache\.manifest\+json, sha256:[0-9a-f]{64}\): 404 blob unknown/,
    );
    expect(await readdir(target)).toEqual([]);
  });

  it('rejects a manifest without LEI layers or with a duplicate layer type before fetching', async () => {
    const { manifest, fetchBlob, fetched, l2 } = artifact();
    const target = await tempDir();
    await expect(unpackIt({ ...manifest, layers: [] }, target, fetchBlob)).rejects.toThrow(
      /no LEI cache layers/,
    );
    await expect(
      unpackIt({ ...manifest, layers: [...manifest.layers, l2] }, target, fetchBlob),
    ).rejects.toThrow(ManifestError);
    await expect(
      unpackIt({ ...manifest, layers: [{ ...l2, digest: 'sha256:../../x' }] }, target, fetchBlob),
    ).rejects.toThrow(/invalid layer cache\.jsonl\.gz/);
    expect(fetched).toEqual([]);
  });

  it('rejects a manifest missing one of the two LEI layers before fetching, keeping the older restore', async () => {
    const { manifest, fetchBlob, fetched, l1, l2 } = artifact();
    const target = await tempDir();
    // an earlier restore: a new manifest.json beside its cache.jsonl.gz would mismatch
    await writeFile(join(target, 'manifest.json'), 'old manifest');
    await writeFile(join(target, 'cache.jsonl.gz'), 'old cache');
    await expect(unpackIt({ ...manifest, layers: [l1] }, target, fetchBlob)).rejects.toThrow(
      /no application\/vnd\.lei\.cache\.jsonl\+gzip layer \(cache\.jsonl\.gz\)/,
    );
    await expect(unpackIt({ ...manifest, layers: [l2] }, target, fetchBlob)).rejects.toThrow(
      ManifestError,
    );
    expect(fetched).toEqual([]);
    expect(await readFile(join(target, 'manifest.json'), 'utf8')).toBe('old manifest');
    expect(await readFile(join(target, 'cache.jsonl.gz'), 'utf8')).toBe('old cache');
  });

  it('explains a target path that is a file', async () => {
    const { manifest, fetchBlob, fetched } = artifact();
    const file = join(await tempDir(), 'file');
    await writeFile(file, 'x');
    await expect(unpackIt(manifest, file, fetchBlob)).rejects.toThrow(
      /cannot create the target directory .*file: .*choose a directory path/,
    );
    expect(fetched).toEqual([]);
  });
});

function unpackIt(m: OciManifest, target: string, fetchBlob: FetchBlob, warnings?: string[]) {
  return unpack(m, target, fetchBlob, { onWarning: (w) => warnings?.push(w) });
}

describe('unpack checks the content against the staged manifest.json', () => {
  /** An artifact over an export's two files (manifest.json listed after the cache). */
  function leiArtifact(manifest: Record<string, unknown>, gz: Buffer) {
    const bytes = Buffer.from(JSON.stringify(manifest));
    const l1 = blobDescriptor(bytes, CACHE_MANIFEST_MEDIA_TYPE);
    const l2 = blobDescriptor(gz, CACHE_JSONL_MEDIA_TYPE);
    const store = new Map([
      [l1.digest, bytes],
      [l2.digest, gz],
    ]);
    const fetched: string[] = [];
    const fetchBlob: FetchBlob = async (d) => {
      fetched.push(d.digest);
      return Readable.from([store.get(d.digest) as Buffer]);
    };
    return { manifest: buildManifest(config, [l2, l1]), fetchBlob, fetched, l1, l2 };
  }

  async function olderFiles(): Promise<string> {
    const target = await tempDir();
    await writeFile(join(target, 'manifest.json'), 'older manifest');
    await writeFile(join(target, 'cache.jsonl.gz'), 'older cache');
    return target;
  }

  async function expectOlder(target: string): Promise<void> {
    expect((await readdir(target)).sort()).toEqual(['cache.jsonl.gz', 'manifest.json']);
    expect(await readFile(join(target, 'manifest.json'), 'utf8')).toBe('older manifest');
    expect(await readFile(join(target, 'cache.jsonl.gz'), 'utf8')).toBe('older cache');
  }

  it('fetches manifest.json first and gives the snapshot it describes', async () => {
    const exp = buildLeiExport(leiReports(30));
    const a = leiArtifact(exp.manifest, exp.gz);
    const result = await unpack(a.manifest, await tempDir(), a.fetchBlob);
    expect(a.fetched).toEqual([a.l1.digest, a.l2.digest]);
    expect(result.info).toMatchObject({ date: '2026-11-22', entryCount: 30 });
    expect(result.verified?.contentHash).toBe(exp.manifest['content_hash']);
    expect(result.warnings).toEqual([]);
  });

  it('refuses a cache layer whose size differs from compressed_size before fetching it', async () => {
    const exp = buildLeiExport();
    const a = leiArtifact({ ...exp.manifest, compressed_size: exp.gz.length + 1 }, exp.gz);
    const target = await olderFiles();
    await expect(unpack(a.manifest, target, a.fetchBlob)).rejects.toThrow(
      `the pulled manifest.json says compressed_size ${exp.gz.length + 1}, but the artifact's cache.jsonl.gz layer is ${exp.gz.length} bytes`,
    );
    expect(a.fetched).toEqual([a.l1.digest]);
    await expectOlder(target);
  });

  for (const damage of DAMAGES) {
    it(`refuses ${damage.name} and moves nothing`, async () => {
      const exp = damage.apply(buildLeiExport());
      const a = leiArtifact(exp.manifest, exp.gz);
      const target = await olderFiles();
      const err = await unpack(a.manifest, target, a.fetchBlob).catch((e: unknown) => e);
      expect((err as Error).message).toMatch(damage.says);
      await expectOlder(target);
    });
  }

  it('takes the counted lines when manifest.json has no entry_count', async () => {
    const exp = buildLeiExport(leiReports(9));
    delete exp.manifest['entry_count'];
    const a = leiArtifact(exp.manifest, exp.gz);
    const warnings: string[] = [];
    const result = await unpack(a.manifest, await tempDir(), a.fetchBlob, {
      onWarning: (w) => warnings.push(w),
    });
    expect(result.info.entryCount).toBe(9);
    expect(warnings).toEqual([
      'manifest.json has no "entry_count" (an older exporter?); using the 9 entries counted in cache.jsonl.gz',
    ]);
  });

  it('with verifyContent false restores the files as they are', async () => {
    const exp = DAMAGES[3]!.apply(buildLeiExport()); // entry_count off by one
    const a = leiArtifact(exp.manifest, exp.gz);
    const target = await olderFiles();
    const result = await unpack(a.manifest, target, a.fetchBlob, { verifyContent: false });
    expect(result.info.entryCount).toBe(51);
    expect(result.verified).toBeUndefined();
    expect((await readFile(join(target, 'cache.jsonl.gz'))).equals(exp.gz)).toBe(true);
  });
});
