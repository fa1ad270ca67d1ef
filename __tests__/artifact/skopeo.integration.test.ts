import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { packageExport, sha256Digest, unpack, writeLayout } from '../../src/artifact/index.js';
import { readLayout } from '../../test-support/layout.js';
import { describeWithSkopeo, skopeoBinary } from '../../test-support/registry.js';
import { EXAMPLE_EXPORT, tempDir } from './fixtures.js';

// Interop with a real peer: skopeo reads the OCI layouts we write, and we read the ones it writes.
const run = promisify(execFile);

async function skopeo(...args: string[]): Promise<Buffer> {
  const { stdout } = await run(skopeoBinary() as string, args, {
    encoding: 'buffer',
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

const annotations = {
  'org.opencontainers.image.source': 'https://github.com/acme/lei-nightly',
  'org.opencontainers.image.revision': '0123456789abcdef0123456789abcdef01234567',
};

describeWithSkopeo('OCI layout interop with skopeo', () => {
  it('skopeo reads our layout: exact manifest bytes and config', async () => {
    const art = await packageExport(EXAMPLE_EXPORT, { annotations });
    const dir = await tempDir();
    await writeLayout(dir, art, ['2026-11-22', 'latest']);
    for (const tag of ['2026-11-22', 'latest']) {
      const raw = await skopeo('inspect', '--raw', `oci:${dir}:${tag}`);
      expect(raw.equals(art.manifestBytes)).toBe(true);
    }
    const config = await skopeo('inspect', '--config', '--raw', `oci:${dir}:latest`);
    expect(sha256Digest(config)).toBe(art.config.descriptor.digest);

    // `skopeo inspect` without --raw describes container images; skopeo 1.9 refuses any
    // artifact whose config is not an image config with this message (newer versions may
    // describe it). Either way it must have parsed our layout and manifest.
    const plain = await run(skopeoBinary() as string, ['inspect', `oci:${dir}:latest`]).then(
      (r) => ({ ok: true as const, out: r.stdout }),
      (e: { stderr?: string }) => ({ ok: false as const, out: String(e.stderr) }),
    );
    if (plain.ok) {
      expect((JSON.parse(plain.out) as { Digest: string }).Digest).toBe(art.digest);
    } else {
      expect(plain.out).toMatch(
        /unsupported image-specific operation on artifact with type .*application\/vnd\.lei\.cache\.config\.v1\+json/,
      );
    }
  });

  it('skopeo copy keeps the manifest digest, and we restore files from its layout', async () => {
    const art = await packageExport(EXAMPLE_EXPORT, { annotations });
    const src = await tempDir();
    const dst = join(await tempDir(), 'copied');
    await writeLayout(src, art, ['latest']);
    await skopeo('copy', '--insecure-policy', '--quiet', `oci:${src}:latest`, `oci:${dst}:snap`);

    const index = JSON.parse(await readFile(join(dst, 'index.json'), 'utf8')) as {
      manifests: Array<{ digest: string; annotations?: Record<string, string> }>;
    };
    expect(index.manifests).toHaveLength(1);
    expect(index.manifests[0]?.digest).toBe(art.digest);
    expect(index.manifests[0]?.annotations?.['org.opencontainers.image.ref.name']).toBe('snap');
    const copied = await readFile(join(dst, 'blobs', 'sha256', art.digest.slice(7)));
    expect(sha256Digest(copied)).toBe(art.digest);

    const layout = await readLayout(dst, 'snap');
    expect(layout.digest).toBe(art.digest);
    const target = await tempDir();
    await unpack(layout.manifest, target, layout.fetchBlob);
    for (const name of ['manifest.json', 'cache.jsonl.gz']) {
      const restored = await readFile(join(target, name));
      expect(restored.equals(await readFile(join(EXAMPLE_EXPORT, name)))).toBe(true);
    }

    // we add to skopeo's layout; skopeo still reads both tags
    const second = await packageExport(EXAMPLE_EXPORT);
    await writeLayout(dst, second, ['plain']);
    expect((await skopeo('inspect', '--raw', `oci:${dst}:snap`)).equals(art.manifestBytes)).toBe(
      true,
    );
    expect(
      (await skopeo('inspect', '--raw', `oci:${dst}:plain`)).equals(second.manifestBytes),
    ).toBe(true);
  });
});
