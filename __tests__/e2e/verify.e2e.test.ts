/**
 * End to end: the content checks of issue 8, on the bundled actions under Node 20 and 24, against
 * the real distribution registry with Docker token auth. Damaged exports are refused by the push
 * while the cache uploads (issue 17: the check gates the upload's commit), with no manifest, no
 * tag and no committed blob left; the same damaged artifacts, pushed around the action (skopeo
 * copies them from an OCI layout the test writes without any check), are refused by the pull with
 * the older files left in place.
 */
import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  CACHE_JSONL_MEDIA_TYPE,
  CACHE_MANIFEST_MEDIA_TYPE,
  CONFIG_MEDIA_TYPE,
  assembleArtifact,
  bufferBlob,
  sha256Digest,
  writeLayout,
  type PackagedArtifact,
} from '../../src/artifact/index.js';
import {
  DAMAGES,
  LATE_FLIP,
  bigLeiExport,
  buildLeiExport,
  leiReports,
  writeLeiExport,
  type LeiExport,
} from '../artifact/leiExport.js';
import { useProxyAndScratch } from '../../test-support/proxiedScratch.js';
import { describeWithRegistry, skopeoBinary, useRegistry } from '../../test-support/registry.js';
import { blobStatus, storedManifests } from '../../test-support/storage.js';
import {
  ACTION_NODES,
  type ActionRun,
  CURRENT_NODE,
  type NodeBinary,
  pushDefaults,
  runAction,
} from '../../test-support/runAction.js';

const exec = promisify(execFile);
const TITLE = 'org.opencontainers.image.title';

const NODES = ACTION_NODES;

const manifestJson = (exp: LeiExport): Buffer =>
  Buffer.from(`${JSON.stringify(exp.manifest, null, 2)}\n`);

/**
 * The artifact of an export's files as they are, without reading or checking them (what another
 * tool could push), with optional extra layers.
 */
function rawArtifact(
  manifestBytes: Buffer,
  gz: Buffer,
  extraLayers: ReturnType<typeof bufferBlob>[] = [],
): PackagedArtifact {
  const config = bufferBlob(
    Buffer.from(
      JSON.stringify({
        lei_version: '0.9.1',
        created: '2026-11-22T03:14:07Z',
        cache_entries: 50,
        format_version: '1.0',
      }),
    ),
    CONFIG_MEDIA_TYPE,
  );
  const layers = [
    bufferBlob(manifestBytes, CACHE_MANIFEST_MEDIA_TYPE, { [TITLE]: 'manifest.json' }),
    bufferBlob(gz, CACHE_JSONL_MEDIA_TYPE, { [TITLE]: 'cache.jsonl.gz' }),
    ...extraLayers,
  ];
  return assembleArtifact(config, layers, undefined, {
    formatVersion: '1.0',
    leiVersion: '0.9.1',
    created: '2026-11-22T03:14:07Z',
    date: '2026-11-22',
    entryCount: 50,
    repos: [],
  });
}

describeWithRegistry('content verification of the bundled actions', () => {
  const registry = useRegistry({ auth: 'token', namespace: 'lei-org' });
  const { proxy, scratch } = useProxyAndScratch(registry, 'lei-e2e-verify-');
  let n = 0;

  const context = (): Record<string, string> => ({
    GITHUB_REPOSITORY_OWNER: 'lei-org',
    GITHUB_REPOSITORY: 'lei-org/lei-nightly',
    GITHUB_ACTOR: 'octocat',
    GITHUB_WORKSPACE: scratch(),
  });

  const fresh = (name: string): string => path.join(scratch(), `${name}-${++n}`);

  function push(node: NodeBinary, extra: Record<string, string>): Promise<ActionRun> {
    const r = registry();
    return runAction(
      node,
      'main',
      {
        ...pushDefaults({ owner: 'lei-org', actor: 'octocat', token: r.password }),
        registry: r.host,
        summary: 'false',
        ...extra,
      },
      context(),
    );
  }

  function pull(node: NodeBinary, reference: string, outputDir: string, extra = {}) {
    return runAction(
      node,
      'pull',
      { reference, 'output-dir': outputDir, token: registry().password, ...extra },
      context(),
    );
  }

  /** Pushes the artifact to `repository:snap` with skopeo from an OCI layout, past the action. */
  async function pushAround(art: PackagedArtifact, repository: string): Promise<void> {
    const layout = fresh('layout');
    await writeLayout(layout, art, ['snap']);
    await exec(skopeoBinary() as string, [
      'copy',
      '--insecure-policy',
      '--quiet',
      '--dest-tls-verify=false',
      '--dest-creds',
      `skopeo:${registry().password}`,
      `oci:${layout}:snap`,
      `docker://${registry().host}/${repository}:snap`,
    ]);
    const stored = await registry().getManifest(repository, 'snap');
    expect(sha256Digest(stored.bytes)).toBe(art.digest);
  }

  /** A directory holding an older restore (the example's files). */
  async function olderRestore(): Promise<{ dir: string; files: Record<string, Buffer> }> {
    const dir = fresh('older');
    await writeLeiExport(dir, buildLeiExport(leiReports(7, 99)));
    const files: Record<string, Buffer> = {};
    for (const name of await readdir(dir)) files[name] = await readFile(path.join(dir, name));
    return { dir, files };
  }

  async function expectUntouched(older: { dir: string; files: Record<string, Buffer> }) {
    expect((await readdir(older.dir)).sort()).toEqual(Object.keys(older.files).sort());
    for (const [name, bytes] of Object.entries(older.files)) {
      expect((await readFile(path.join(older.dir, name))).equals(bytes)).toBe(true);
    }
  }

  describe.each(NODES)('under $label', (node) => {
    it('an export built as Lei.Cache.Exporter builds it pushes and pulls back without a warning', async () => {
      const exp = buildLeiExport(leiReports(300));
      const dir = await writeLeiExport(fresh('lei-export'), exp);
      const repository = `lei-org/exact-node${node.major}`;
      const pushed = await push(node, { 'export-dir': dir, repository });
      expect(pushed.status, pushed.stdout).toBe(0);
      expect(pushed.stdout).not.toContain('::warning');
      expect(pushed.stdout).toContain(
        `Content verified against manifest.json: gzip intact, 300 entries, ${exp.jsonl.length} bytes uncompressed, content_hash ${String(exp.manifest['content_hash'])}`,
      );
      const out = fresh('restored');
      const pulled = await pull(node, `${registry().host}/${repository}:2026-11-22`, out);
      expect(pulled.status, pulled.stdout).toBe(0);
      expect(pulled.stdout).not.toContain('::warning');
      expect(pulled.outputs).toEqual({
        digest: pushed.outputs['digest'],
        date: '2026-11-22',
        'entry-count': '300',
      });
      expect((await readFile(path.join(out, 'cache.jsonl.gz'))).equals(exp.gz)).toBe(true);
    });

    it('an export of zero reports (LEI writes the JSONL as the single byte \\n) pushes and pulls back', async () => {
      const exp = buildLeiExport([]);
      const dir = await writeLeiExport(fresh('no-reports'), exp);
      const repository = `lei-org/empty-node${node.major}`;
      const pushed = await push(node, { 'export-dir': dir, repository });
      expect(pushed.status, pushed.stdout).toBe(0);
      expect(pushed.stdout).not.toContain('::warning');
      expect(pushed.stdout).toContain(
        'Content verified against manifest.json: gzip intact, 0 entries, 1 bytes uncompressed',
      );
      const out = fresh('restored-empty');
      const pulled = await pull(node, `${registry().host}/${repository}:2026-11-22`, out);
      expect(pulled.status, pulled.stdout).toBe(0);
      expect(pulled.outputs['entry-count']).toBe('0');
      expect((await readFile(path.join(out, 'cache.jsonl.gz'))).equals(exp.gz)).toBe(true);
    });

    it.each([...DAMAGES, LATE_FLIP])(
      'push refuses $name: no manifest, no tag, and the damaged blob never committed',
      async (damage) => {
        const exp = damage.apply(damage === LATE_FLIP ? bigLeiExport(6 << 20) : buildLeiExport());
        const dir = await writeLeiExport(fresh('damaged'), exp);
        const repository = `lei-org/refused-${[...DAMAGES, LATE_FLIP].indexOf(damage)}-node${node.major}`;
        const digest = sha256Digest(exp.gz);
        const proxied = proxy().requests.length;
        const run = await push(node, { 'export-dir': dir, registry: proxy().host, repository });
        expect(run.status).toBe(1);
        expect(run.errors).toHaveLength(1);
        expect(run.errors[0]).toMatch(/^Input 'export-dir': /);
        expect(run.errors[0]).toMatch(damage.says);
        expect(run.outputs).toEqual({});
        expect(await registry().listTags(repository)).toEqual([]);
        expect(await storedManifests(registry(), repository)).toEqual([]);
        expect(await blobStatus(registry(), repository, digest)).toBe(404);
        // the cache went up in one PUT that the registry never saw complete, then was cancelled
        const requests = proxy().requests.slice(proxied);
        const put = requests.find(
          (q) => q.method === 'PUT' && q.path.includes(encodeURIComponent(digest)),
        );
        expect(put?.status).toBe(0);
        expect(put?.bodyBytes).toBeLessThan(exp.gz.length);
        const session = put?.path.split('?')[0];
        expect(
          requests.some((q) => q.method === 'DELETE' && q.path.startsWith(`${session}?`)),
        ).toBe(true);
      },
    );

    it('a re-push of an unchanged export uploads nothing and still checks the content', async () => {
      const exp = buildLeiExport(leiReports(120, 3));
      const dir = await writeLeiExport(fresh('again'), exp);
      const repository = `lei-org/again-node${node.major}`;
      const line = `Content verified against manifest.json: gzip intact, 120 entries, ${exp.jsonl.length} bytes uncompressed, content_hash ${String(exp.manifest['content_hash'])}`;
      const first = await push(node, { 'export-dir': dir, repository });
      expect(first.status, first.stdout).toBe(0);
      expect(first.stdout).toContain('Uploaded 3 blob(s)');
      expect(first.stdout).toContain(line);
      const again = await push(node, { 'export-dir': dir, repository });
      expect(again.status, again.stdout).toBe(0);
      expect(again.stdout).toContain('Uploaded 0 blob(s), 0 B; 3 already present.');
      expect(again.stdout).toContain(line);
      expect(again.outputs['digest']).toBe(first.outputs['digest']);
    });

    it('push refuses a damaged export whose cache blob the registry has already', async () => {
      const exp = DAMAGES[0]!.apply(buildLeiExport(leiReports(60, 4)));
      const dir = await writeLeiExport(fresh('present'), exp);
      const repository = `lei-org/present-node${node.major}`;
      await registry().putBlob(repository, exp.gz); // e.g. pushed with verify-content: false
      const run = await push(node, { 'export-dir': dir, repository });
      expect(run.status).toBe(1);
      expect(run.errors).toHaveLength(1);
      expect(run.errors[0]).toMatch(/^Input 'export-dir': /);
      expect(run.errors[0]).toMatch(DAMAGES[0]!.says);
      expect(await registry().listTags(repository)).toEqual([]);
      expect(await storedManifests(registry(), repository)).toEqual([]);
    });

    it.each(DAMAGES)(
      'pull refuses $name pushed around the action, leaving the older files in place',
      async (damage) => {
        if (skopeoBinary() === undefined) {
          if (process.env['LEI_REQUIRE_TOOLS'] === '1') throw new Error('skopeo not installed');
          console.warn('skipped: skopeo not installed (apt-get install -y skopeo)');
          return;
        }
        const exp = damage.apply(buildLeiExport());
        const repository = `lei-org/damaged-${DAMAGES.indexOf(damage)}-node${node.major}`;
        await pushAround(rawArtifact(manifestJson(exp), exp.gz), repository);
        const older = await olderRestore();
        const run = await pull(node, `${registry().host}/${repository}:snap`, older.dir);
        expect(run.status).toBe(1);
        expect(run.errors).toHaveLength(1);
        expect(run.errors[0]).toMatch(damage.says);
        expect(run.errors[0]).toContain('Nothing was moved into place');
        expect(run.outputs).toEqual({});
        await expectUntouched(older);
      },
    );

    it('an export without entry_count pushes with a warning and pulls with the counted lines', async () => {
      const exp = buildLeiExport(leiReports(40));
      delete exp.manifest['entry_count'];
      const dir = await writeLeiExport(fresh('no-count'), exp);
      const repository = `lei-org/no-count-node${node.major}`;
      const pushed = await push(node, { 'export-dir': dir, repository });
      expect(pushed.status, pushed.stdout).toBe(0);
      expect(pushed.stdout).toContain(
        '::warning::manifest.json has no "entry_count" (an older exporter?); using the 40 entries counted in cache.jsonl.gz',
      );
      const config = JSON.parse(
        (
          await registry().getBlob(
            repository,
            (
              JSON.parse((await registry().getManifest(repository, 'latest')).bytes.toString()) as {
                config: { digest: string };
              }
            ).config.digest,
          )
        ).toString(),
      ) as { cache_entries: number };
      expect(config.cache_entries).toBe(40);
      const out = fresh('no-count-restored');
      const pulled = await pull(node, `${registry().host}/${repository}:latest`, out);
      expect(pulled.status, pulled.stdout).toBe(0);
      expect(pulled.outputs['entry-count']).toBe('40');
      expect((await readdir(out)).sort()).toEqual(['cache.jsonl.gz', 'manifest.json']);
    });

    it('push and pull agree on the snapshot date: no date, created with an offset, gives its UTC day', async () => {
      const exp = buildLeiExport(leiReports(5));
      delete exp.manifest['date'];
      exp.manifest['created'] = '2026-02-05T23:30:00-05:00';
      const dir = await writeLeiExport(fresh('offset'), exp);
      const repository = `lei-org/offset-node${node.major}`;
      const pushed = await push(node, { 'export-dir': dir, repository });
      expect(pushed.status, pushed.stdout).toBe(0);
      expect(pushed.outputs['tags']).toBe('2026-02-06,latest');
      const pulled = await pull(
        node,
        `${registry().host}/${repository}:latest`,
        fresh('offset-out'),
      );
      expect(pulled.status, pulled.stdout).toBe(0);
      expect(pulled.outputs).toEqual({
        digest: pushed.outputs['digest'],
        date: '2026-02-06',
        'entry-count': '5',
      });
    });

    it('verify-content: false moves a damaged export as it is, and says so', async () => {
      const exp = DAMAGES[3]!.apply(buildLeiExport()); // entry_count off by one
      const dir = await writeLeiExport(fresh('foreign'), exp);
      const repository = `lei-org/foreign-node${node.major}`;
      const pushed = await push(node, { 'export-dir': dir, repository, 'verify-content': 'false' });
      expect(pushed.status, pushed.stdout).toBe(0);
      expect(pushed.stdout).toContain(
        'verify-content is false: the content of cache.jsonl.gz was not checked against manifest.json.',
      );
      const out = fresh('foreign-restored');
      const refused = await pull(node, `${registry().host}/${repository}:latest`, out);
      expect(refused.status).toBe(1);
      const pulled = await pull(node, `${registry().host}/${repository}:latest`, out, {
        'verify-content': 'false',
      });
      expect(pulled.status, pulled.stdout).toBe(0);
      expect(pulled.stdout).toContain('verify-content is false');
      expect(pulled.outputs['entry-count']).toBe('51');
    });

    it('pull warns about a layer it skips, naming its media type', async () => {
      if (skopeoBinary() === undefined) return;
      const exp = buildLeiExport();
      const extra = bufferBlob(
        Buffer.from('{"signed":true}'),
        'application/vnd.example.extra+json',
      );
      const repository = `lei-org/extra-layer-node${node.major}`;
      await pushAround(rawArtifact(manifestJson(exp), exp.gz, [extra]), repository);
      const out = fresh('extra');
      const run = await pull(node, `${registry().host}/${repository}:snap`, out);
      expect(run.status, run.stdout).toBe(0);
      expect(run.stdout).toMatch(
        /::warning::skipping layer sha256:[0-9a-f]{64} of unknown media type "application\/vnd\.example\.extra\+json": not part of an LEI cache artifact/,
      );
      expect((await readdir(out)).sort()).toEqual(['cache.jsonl.gz', 'manifest.json']);
    });

    it('pull names a byte-order mark in manifest.json and moves nothing', async () => {
      if (skopeoBinary() === undefined) return;
      const exp = buildLeiExport();
      const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), manifestJson(exp)]);
      const repository = `lei-org/bom-node${node.major}`;
      await pushAround(rawArtifact(bom, exp.gz), repository);
      const older = await olderRestore();
      const run = await pull(node, `${registry().host}/${repository}:snap`, older.dir);
      expect(run.status).toBe(1);
      expect(run.errors[0]).toContain(
        'the pulled manifest.json starts with a UTF-8 byte-order mark (bytes EF BB BF)',
      );
      await expectUntouched(older);
    });
  });

  it.each([
    ['an OCI image index', 'application/vnd.oci.image.index.v1+json'],
    ['a Docker manifest list', 'application/vnd.docker.distribution.manifest.list.v2+json'],
  ])('pull refuses %s as not an LEI cache snapshot, with no blob fetched', async (_, mediaType) => {
    const r = registry();
    const repository = `lei-org/index-${mediaType.includes('docker') ? 'docker' : 'oci'}`;
    const exp = buildLeiExport();
    const art = rawArtifact(manifestJson(exp), exp.gz);
    for (const blob of art.blobs) {
      const parts: Buffer[] = [];
      for await (const part of blob.open()) parts.push(part as Buffer);
      await r.putBlob(repository, Buffer.concat(parts));
    }
    const auth = await r.adminAuthorization(repository);
    const put = async (ref: string, type: string, body: Buffer) => {
      const res = await fetch(`http://${r.host}/v2/${repository}/manifests/${ref}`, {
        method: 'PUT',
        headers: { 'content-type': type, ...(auth ? { authorization: auth } : {}) },
        body,
      });
      expect(res.status).toBe(201);
    };
    await put(art.digest, art.manifest.mediaType, art.manifestBytes);
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType,
        manifests: [
          {
            mediaType: mediaType.includes('docker')
              ? 'application/vnd.docker.distribution.manifest.v2+json'
              : art.manifest.mediaType,
            digest: art.digest,
            size: art.manifestBytes.length,
            platform: { architecture: 'amd64', os: 'linux' },
          },
        ],
      }),
    );
    await put('multi', mediaType, index);
    const older = await olderRestore();
    const before = proxy().requests.length;
    const run = await pull(CURRENT_NODE, `${proxy().host}/${repository}:multi`, older.dir);
    expect(run.status).toBe(1);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toContain(
      `is ${mediaType.includes('docker') ? 'a Docker manifest list' : 'an OCI image index'} (${mediaType}), not an LEI cache snapshot`,
    );
    expect(run.errors[0]).not.toMatch(/does not exist|no such/);
    const requests = proxy().requests.slice(before);
    expect(requests.filter((q) => q.path.includes('/blobs/'))).toEqual([]);
    await expectUntouched(older);
  });
});
