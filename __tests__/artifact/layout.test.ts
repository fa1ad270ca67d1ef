import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DigestMismatchError,
  LayoutError,
  ManifestError,
  packageExport,
  sha256Digest,
  unpack,
  writeLayout,
  type PackagedArtifact,
} from '../../src/artifact/index.js';
import { listLayoutTags, readLayout } from '../../test-support/layout.js';
import { EXAMPLE_EXPORT, failingStream, tempDir } from './fixtures.js';

const REF = 'org.opencontainers.image.ref.name';
const hex = (d: string) => d.slice('sha256:'.length);

async function json(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
}

interface IndexEntry {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
}
async function indexEntries(dir: string): Promise<IndexEntry[]> {
  return (await json(join(dir, 'index.json'))).manifests as IndexEntry[];
}

const example = (extra: Record<string, string> = {}) =>
  packageExport(EXAMPLE_EXPORT, { annotations: extra });

describe('writeLayout', () => {
  it('writes oci-layout, one index entry per tag, and every blob by digest', async () => {
    const art = await example();
    const dir = join(await tempDir(), 'layout');
    const result = await writeLayout(dir, art, ['2026-11-22', 'latest']);
    expect(await json(join(dir, 'oci-layout'))).toEqual({ imageLayoutVersion: '1.0.0' });
    const index = await json(join(dir, 'index.json'));
    expect(index.schemaVersion).toBe(2);
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(await indexEntries(dir)).toEqual(
      ['2026-11-22', 'latest'].map((tag) => ({
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: art.digest,
        size: art.manifestBytes.length,
        annotations: { [REF]: tag },
      })),
    );
    const blobs = (await readdir(join(dir, 'blobs', 'sha256'))).sort();
    const expected = [art.digest, ...art.blobs.map((b) => b.descriptor.digest)].map(hex).sort();
    expect(blobs).toEqual(expected);
    for (const name of blobs) {
      expect(sha256Digest(await readFile(join(dir, 'blobs', 'sha256', name)))).toBe(
        `sha256:${name}`,
      );
    }
    expect(result.written).toHaveLength(4);
    expect(result.skipped).toEqual([]);
    expect(result.digest).toBe(art.digest);
  });

  it('without tags writes one entry without a ref name, and does not add it twice', async () => {
    const art = await example();
    const dir = await tempDir();
    await writeLayout(dir, art, []);
    await writeLayout(dir, art);
    expect(await indexEntries(dir)).toEqual([
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: art.digest,
        size: art.manifestBytes.length,
      },
    ]);
  });

  it('adds to an existing layout: replaces the same tag, keeps others, skips present blobs', async () => {
    const dir = await tempDir();
    const first = await example();
    await writeLayout(dir, first, ['2026-11-22', 'latest']);
    const cachePath = join(dir, 'blobs', 'sha256', hex(first.layers[1]!.descriptor.digest));
    const before = await stat(cachePath);

    const second = await example({ 'org.opencontainers.image.revision': 'abc' });
    const result = await writeLayout(dir, second, ['latest']);
    expect(result.skipped.map((d) => d.digest)).toEqual(
      first.blobs.map((b) => b.descriptor.digest),
    );
    expect(result.written.map((d) => d.digest)).toEqual([second.digest]);
    expect((await stat(cachePath)).mtimeMs).toBe(before.mtimeMs);

    const entries = await indexEntries(dir);
    expect(entries.map((e) => [e.annotations?.[REF], e.digest])).toEqual([
      ['2026-11-22', first.digest],
      ['latest', second.digest],
    ]);
    expect(await listLayoutTags(dir)).toEqual(['2026-11-22', 'latest']);

    await writeLayout(dir, second, ['v1', 'v1']);
    expect(await listLayoutTags(dir)).toEqual(['2026-11-22', 'latest', 'v1']);
  });

  it('rewrites a present blob that has the wrong size', async () => {
    const dir = await tempDir();
    const art = await example();
    const cache = art.layers[1]!.descriptor;
    await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
    await writeFile(join(dir, 'blobs', 'sha256', hex(cache.digest)), 'truncated');
    const result = await writeLayout(dir, art, ['x']);
    expect(result.written.map((d) => d.digest)).toContain(cache.digest);
    expect(sha256Digest(await readFile(join(dir, 'blobs', 'sha256', hex(cache.digest))))).toBe(
      cache.digest,
    );
  });

  it('leaves index.json untouched and no temp file when a blob fails to copy', async () => {
    const dir = await tempDir();
    const first = await example();
    await writeLayout(dir, first, ['latest']);
    const indexBefore = await readFile(join(dir, 'index.json'));

    const other = await example({ a: 'b' });
    const brokenLayer = {
      descriptor: { ...other.layers[1]!.descriptor, digest: `sha256:${'e'.repeat(64)}` },
      open: () => failingStream([Buffer.from([0x1f, 0x8b])], new Error('disk read error')),
    };
    const broken: PackagedArtifact = {
      ...other,
      layers: [other.layers[0]!, brokenLayer],
      blobs: [other.config, other.layers[0]!, brokenLayer],
    };
    await expect(writeLayout(dir, broken, ['latest'])).rejects.toThrow('disk read error');
    expect((await readFile(join(dir, 'index.json'))).equals(indexBefore)).toBe(true);
    const names = await readdir(join(dir, 'blobs', 'sha256'));
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(names).not.toContain('e'.repeat(64));
    expect(names).not.toContain(hex(other.digest));
  });

  it('refuses a blob whose content does not match its descriptor', async () => {
    const dir = await tempDir();
    const art = await example();
    const liar = { descriptor: art.layers[1]!.descriptor, open: () => art.layers[0]!.open() };
    const bad: PackagedArtifact = { ...art, blobs: [art.config, art.layers[0]!, liar] };
    await expect(writeLayout(dir, bad, ['t'])).rejects.toThrow(
      /size mismatch for cache\.jsonl\.gz/,
    );
    await expect(stat(join(dir, 'index.json'))).rejects.toThrow(/ENOENT/);
  });

  it('rejects invalid tags before writing anything', async () => {
    const dir = join(await tempDir(), 'never');
    for (const tag of ['-x', '.x', 'a/b', 'a:b', '', 'x'.repeat(129)]) {
      await expect(writeLayout(dir, await example(), [tag])).rejects.toThrow(/invalid tag/);
    }
    await expect(stat(dir)).rejects.toThrow(/ENOENT/);
  });

  it('refuses to write into a layout of another version or with a broken index.json', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'oci-layout'), '{"imageLayoutVersion":"2.0.0"}');
    await expect(writeLayout(dir, await example(), ['t'])).rejects.toThrow(
      /does not declare imageLayoutVersion "1\.0\.0"/,
    );
    const dir2 = await tempDir();
    await writeFile(join(dir2, 'index.json'), '{"schemaVersion":2');
    await expect(writeLayout(dir2, await example(), ['t'])).rejects.toThrow(LayoutError);
    expect(await readFile(join(dir2, 'index.json'), 'utf8')).toBe('{"schemaVersion":2');
    expect(await readdir(dir2)).toEqual(['index.json']);
  });
});

describe('readLayout', () => {
  async function written(tags = ['2026-11-22', 'latest']) {
    const art = await example();
    const dir = await tempDir();
    await writeLayout(dir, art, tags);
    return { art, dir };
  }

  it('reads by tag, by digest, and without a ref when there is one manifest', async () => {
    const { art, dir } = await written();
    for (const ref of ['latest', '2026-11-22', art.digest]) {
      const got = await readLayout(dir, ref);
      expect(got.digest).toBe(art.digest);
      expect(got.manifestBytes.equals(art.manifestBytes)).toBe(true);
      expect(got.manifest).toEqual(art.manifest);
    }
    const single = await written([]);
    expect((await readLayout(single.dir)).digest).toBe(single.art.digest);
    await expect(readLayout(dir)).rejects.toThrow(/holds 2 manifests; name one by tag/);
  });

  it('restores byte-identical files through unpack', async () => {
    const { dir } = await written();
    const { manifest, fetchBlob } = await readLayout(dir, 'latest');
    const target = await tempDir();
    await unpack(manifest, target, fetchBlob);
    for (const name of ['manifest.json', 'cache.jsonl.gz']) {
      expect(
        (await readFile(join(target, name))).equals(await readFile(join(EXAMPLE_EXPORT, name))),
      ).toBe(true);
    }
  });

  it('names the available tags for an unknown tag', async () => {
    const { dir } = await written();
    await expect(readLayout(dir, 'nightly')).rejects.toThrow(
      /has no tag "nightly"; available tags: 2026-11-22, latest/,
    );
    await expect(readLayout(dir, `sha256:${'0'.repeat(64)}`)).rejects.toThrow(/has no manifest/);
  });

  it('explains a missing layout, oci-layout or index.json', async () => {
    const root = await tempDir();
    await expect(readLayout(join(root, 'nope'), 'x')).rejects.toThrow(
      /no OCI image layout at .*nope: the directory does not exist/,
    );
    await expect(readLayout(root, 'x')).rejects.toThrow(
      /is not an OCI image layout: .*oci-layout is missing/,
    );
    await writeFile(join(root, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
    await expect(readLayout(root, 'x')).rejects.toThrow(/index\.json is missing/);
  });

  it('explains a missing or corrupt manifest blob', async () => {
    const { art, dir } = await written();
    const path = join(dir, 'blobs', 'sha256', hex(art.digest));
    const bytes = Buffer.from(art.manifestBytes);
    bytes[bytes.length - 2] = 0x20;
    await writeFile(path, bytes);
    await expect(readLayout(dir, 'latest')).rejects.toThrow(/manifest blob .* is corrupt/);
    await writeFile(path, 'x');
    await expect(readLayout(dir, 'latest')).rejects.toThrow(
      /lacks the manifest blob sha256:[0-9a-f]{64}/,
    );
  });

  it('rejects a manifest that is not an OCI image manifest', async () => {
    const dir = await tempDir();
    const bytes = Buffer.from('{"schemaVersion":1}');
    const digest = sha256Digest(bytes);
    await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
    await writeFile(join(dir, 'blobs', 'sha256', hex(digest)), bytes);
    await writeFile(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
    await writeFile(
      join(dir, 'index.json'),
      JSON.stringify({
        schemaVersion: 2,
        manifests: [
          {
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            digest,
            size: bytes.length,
            annotations: { [REF]: 'v1' },
          },
        ],
      }),
    );
    await expect(readLayout(dir, 'v1')).rejects.toThrow(ManifestError);
  });

  it('fails unpack on a missing or corrupt layer blob, leaving no file', async () => {
    const { art, dir } = await written();
    const cache = art.layers[1]!.descriptor;
    const path = join(dir, 'blobs', 'sha256', hex(cache.digest));
    const good = await readFile(path);
    const corrupt = Buffer.from(good);
    corrupt[200] = corrupt[200]! ^ 0xff;
    await writeFile(path, corrupt);
    const { manifest, fetchBlob } = await readLayout(dir, 'latest');
    const target = await tempDir();
    await expect(unpack(manifest, target, fetchBlob)).rejects.toThrow(DigestMismatchError);
    expect(await readdir(target)).toEqual([]);

    await writeFile(path, ''); // now the wrong size
    await expect(unpack(manifest, target, fetchBlob)).rejects.toThrow(
      /size mismatch for cache\.jsonl\.gz/,
    );
    await rm(path);
    await expect(unpack(manifest, target, fetchBlob)).rejects.toThrow(
      /lacks the layer blob sha256:[0-9a-f]{64} \(application\/vnd\.lei\.cache\.jsonl\+gzip\)/,
    );
    expect(await readdir(target)).toEqual([]);
  });
});
