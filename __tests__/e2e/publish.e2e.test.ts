/**
 * End to end, safe to publish from a nightly job (issue 9): the bundled push and pull actions
 * under Node 20 and 24 against the real token-auth registry. Hostile text from the export, an
 * input and the registry stays text; moving tags only move forward; the manifest goes by digest
 * first; the `name` output; a repository that also holds attestation referrers.
 */
import { createHash } from 'node:crypto';
import { cp, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useProxyAndScratch } from '../../test-support/proxiedScratch.js';
import { describeWithRegistry, useRegistry } from '../../test-support/registry.js';
import {
  ACTION_NODES,
  type ActionRun,
  EXAMPLE_EXPORT,
  nightlyContext,
  nightlyPushInputs,
  runAction,
} from '../../test-support/runAction.js';

const NODES = ACTION_NODES;

const sha256 = (bytes: Buffer | string): string =>
  `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

const HOSTILE_LEI_VERSION =
  '0.9.1\n::error title=injected::this snapshot is fine\n::add-mask::lei-cache';

/** stdout lines the runner would act on: `::` after blanks, or the legacy `##[` anywhere. */
function commands(run: ActionRun): string[] {
  return run.stdout
    .split(/\r\n|\r|\n/)
    .filter((l) => /^\s*::/.test(l) || l.includes('##['))
    .map((l) => /^\s*::([A-Za-z-]+)/.exec(l)?.[1] ?? l);
}

describeWithRegistry('publishing safely (issue 9), bundled actions', () => {
  const registry = useRegistry({ auth: 'token', namespace: 'lei-org' });
  const { proxy, scratch } = useProxyAndScratch(registry, 'lei-e2e-publish-');

  const context = (): Record<string, string> => nightlyContext(scratch());
  const pushInputs = (extra: Record<string, string>): Record<string, string> =>
    nightlyPushInputs(registry(), extra);

  /** A copy of the example export with other manifest.json fields (same cache.jsonl.gz). */
  async function exportWith(name: string, fields: Record<string, unknown>): Promise<string> {
    const dir = path.join(scratch(), name);
    await cp(EXAMPLE_EXPORT, dir, { recursive: true });
    const file = path.join(dir, 'manifest.json');
    const doc = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...doc, ...fields }, null, 2));
    return dir;
  }

  async function digestOf(repository: string, tag: string): Promise<string | undefined> {
    const stored = await registry().getManifest(repository, tag);
    return stored.status === 200 ? sha256(stored.bytes) : undefined;
  }

  describe.each(NODES)('under $label', (node) => {
    const n = node.major;

    it('hostile lei_version, file names and annotation values reach the log and summary as text only', async () => {
      const dir = await exportWith(`hostile-${n}`, { lei_version: HOSTILE_LEI_VERSION });
      await writeFile(path.join(dir, 'notes\n::error::evil ##[add-mask]x.txt'), 'x');
      const run = await runAction(
        node,
        'main',
        pushInputs({
          'export-dir': dir,
          repository: `lei-org/hostile-${n}`,
          annotations: 'org.example.note=<img src=x> [docs](https://evil.example) ::add-mask::x',
        }),
        context(),
      );
      expect(run.status, run.stdout).toBe(0);
      expect(run.stderr).toBe('');
      // the only workflow commands are the action's own: groups, warnings, debug, the token masks
      expect([...new Set(commands(run))].sort()).toEqual([
        'add-mask',
        'debug',
        'endgroup',
        'group',
        'warning',
      ]);
      const r = registry();
      for (const masked of run.masked) expect(masked).not.toMatch(/lei-cache|^x$/);
      expect(run.masked).toContain(r.password);
      const lines = run.stdout.split('\n');
      expect(lines).toContain(
        'Snapshot 2026-11-22, 12 entries, LEI 0.9.1\\n::error title=injected::this snapshot is fine\\n::add-mask::lei-cache',
      );
      expect(lines).toContain(
        `::warning::${dir} also holds notes\\n::error::evil ##\\[add-mask]x.txt: not packaged (an LEI cache artifact carries only manifest.json and cache.jsonl.gz)`,
      );
      expect(run.summary).toContain(
        '<td>0.9.1&#92;n::error title&#61;injected::this snapshot is fine&#92;n::add-mask::lei-cache</td>',
      );
      expect(run.summary).not.toMatch(/<img|\]\(https/);
      // the manifest output is HTML-safe JSON and the same bytes as the registry holds
      const manifest = run.outputs['manifest'] ?? '';
      expect(manifest).toContain(
        '"org.example.note":"\\u003cimg src=x\\u003e [docs](https://evil.example) ::add-mask::x"',
      );
      const stored = await r.getManifest(`lei-org/hostile-${n}`, run.outputs['digest'] ?? '');
      expect(stored.bytes.toString('utf8')).toBe(manifest);
      expect(run.outputs['name']).toBe(`${r.host}/lei-org/hostile-${n}`);
    });

    it("a registry's hostile error body ends the job with one ::error:: line, as text", async () => {
      const repository = `lei-org/hostile-body-${n}`;
      proxy().addRule({
        method: 'PUT',
        path: new RegExp(`^/v2/${repository}/manifests/`),
        status: 400,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          errors: [
            {
              code: 'MANIFEST_INVALID',
              message: 'rejected\n::add-mask::lei-cache\n##[error]fake <img src=x>',
            },
          ],
        }),
      });
      try {
        const run = await runAction(
          node,
          'main',
          pushInputs({ registry: proxy().host, repository, summary: 'false' }),
          context(),
        );
        expect(run.status).toBe(1);
        expect(commands(run).filter((c) => c === 'error')).toHaveLength(1);
        expect(run.masked).not.toContain('lei-cache');
        expect(run.errors).toEqual([
          expect.stringMatching(
            /^Pushing to 127\.0\.0\.1:\d+\/lei-org\/hostile-body-\d+ failed: push manifest .*: 400 MANIFEST_INVALID: rejected\\n::add-mask::lei-cache\\n##\\\[error\]fake <img src=x>$/,
          ),
        ]);
        expect(await registry().listTags(repository)).toEqual([]);
      } finally {
        proxy().clearRules();
      }
    });

    it('an older snapshot pushed after a newer one leaves latest and weekly on the newer one, pushes its date tag, warns; allow-older moves them', async () => {
      const repository = `lei-org/forward-${n}`;
      const newer = await exportWith(`newer-${n}`, {
        date: '2026-11-29',
        created: '2026-11-29T03:00:00Z',
      });
      const first = await runAction(
        node,
        'main',
        pushInputs({ 'export-dir': newer, repository }),
        context(),
      );
      expect(first.status, first.stdout).toBe(0);
      const newDigest = first.outputs['digest'] ?? '';
      expect(first.outputs['tags']).toBe('2026-11-29,latest,weekly');

      // last week's job, re-run: the older snapshot
      const old = await runAction(node, 'main', pushInputs({ repository }), context());
      expect(old.status, old.stdout).toBe(0);
      const oldDigest = old.outputs['digest'] ?? '';
      expect(oldDigest).not.toBe(newDigest);
      expect(await digestOf(repository, '2026-11-22')).toBe(oldDigest);
      expect(await digestOf(repository, 'latest')).toBe(newDigest);
      expect(await digestOf(repository, 'weekly')).toBe(newDigest);
      expect(old.outputs['tags']).toBe('2026-11-22');
      const host = registry().host;
      const warnings = old.stdout.split('\n').filter((l) => l.startsWith('::warning::'));
      expect(warnings).toEqual(
        ['latest', 'weekly'].map(
          (tag) =>
            `::warning::${host}/${repository}:${tag} stays on the newer snapshot 2026-11-29 (created 2026-11-29T03:00:00Z, ${newDigest.slice(0, 19)}…); this snapshot is 2026-11-22 (created 2026-11-22T03:14:07Z). Set allow-older: true to move it back on purpose.`,
        ),
      );
      expect(old.summary).toContain(
        `<tr><td><code>latest</code></td><td><strong>stayed</strong> on the newer snapshot 2026-11-29`,
      );
      expect(old.summary).toContain('<tr><td><code>2026-11-22</code></td><td>pushed</td></tr>');
      expect(old.summary).toContain('moving tags only move forward');

      // the same snapshot again moves nothing
      const again = await runAction(node, 'main', pushInputs({ repository }), context());
      expect(again.status, again.stdout).toBe(0);
      expect(await digestOf(repository, 'latest')).toBe(newDigest);

      // a deliberate roll-back
      const back = await runAction(
        node,
        'main',
        pushInputs({ repository, 'allow-older': 'true' }),
        context(),
      );
      expect(back.status, back.stdout).toBe(0);
      expect(await digestOf(repository, 'latest')).toBe(oldDigest);
      expect(await digestOf(repository, 'weekly')).toBe(oldDigest);
      expect(await digestOf(repository, '2026-11-29')).toBe(newDigest);
      expect(back.outputs['tags']).toBe('2026-11-22,latest,weekly');
      expect(back.stdout).toContain(
        `::warning::Moved ${host}/${repository}:latest back from the newer snapshot 2026-11-29`,
      );

      // the newer one again moves them forward, without a warning
      const forward = await runAction(
        node,
        'main',
        pushInputs({ 'export-dir': newer, repository }),
        context(),
      );
      expect(forward.status, forward.stdout).toBe(0);
      expect(await digestOf(repository, 'latest')).toBe(newDigest);
      expect(forward.stdout).not.toContain('::warning::');
      expect(forward.stdout).toContain(
        `Moved ${host}/${repository}:latest forward from the snapshot 2026-11-22`,
      );
    });

    it('on the same date, the later created wins; a tag on something that is not an LEI snapshot is moved with a warning', async () => {
      const repository = `lei-org/tie-${n}`;
      const later = await exportWith(`later-${n}`, { created: '2026-11-22T20:00:00Z' });
      const a = await runAction(
        node,
        'main',
        pushInputs({ 'export-dir': later, repository, tags: 'nightly' }),
        context(),
      );
      expect(a.status, a.stdout).toBe(0);
      const b = await runAction(
        node,
        'main',
        pushInputs({ repository, tags: '2026-11-22,nightly' }),
        context(),
      );
      expect(b.status, b.stdout).toBe(0);
      expect(await digestOf(repository, 'nightly')).toBe(a.outputs['digest']);
      expect(b.outputs['tags']).toBe('2026-11-22');

      // an OCI image index (not an LEI snapshot) at `stable`
      const r = registry();
      const index = JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [],
      });
      const indexDigest = await r.putManifest(
        repository,
        'stable',
        'application/vnd.oci.image.index.v1+json',
        index,
      );
      const c = await runAction(
        node,
        'main',
        pushInputs({ repository, tags: 'stable' }),
        context(),
      );
      expect(c.status, c.stdout).toBe(0);
      expect(await digestOf(repository, 'stable')).toBe(c.outputs['digest']);
      expect(c.stdout).toContain(
        `::warning::${r.host}/${repository}:stable pointed at an OCI image index (${indexDigest.slice(0, 19)}…), not an LEI cache snapshot; moved it to this snapshot as asked`,
      );
    });

    it('a registry that reports a wrong Docker-Content-Digest on the by-digest PUT moves no tag', async () => {
      const repository = `lei-org/digest-first-${n}`;
      proxy().addRule({
        method: 'PUT',
        path: new RegExp(`^/v2/${repository}/manifests/sha256:`),
        overrideResponseHeaders: { 'docker-content-digest': `sha256:${'0'.repeat(64)}` },
        times: Infinity,
      });
      const before = proxy().requests.length;
      try {
        const run = await runAction(
          node,
          'main',
          pushInputs({ registry: proxy().host, repository }),
          context(),
        );
        expect(run.status).toBe(1);
        expect(run.errors).toHaveLength(1);
        expect(run.errors[0]).toMatch(
          new RegExp(
            `@sha256:[0-9a-f]{64}: the registry computed sha256:0{64} for the manifest, expected sha256:[0-9a-f]{64}`,
          ),
        );
        expect(await registry().listTags(repository)).toEqual([]);
        const manifestPuts = proxy()
          .requests.slice(before)
          .filter((q) => q.method === 'PUT' && q.path.includes('/manifests/'));
        expect(manifestPuts.map((q) => q.path)).toEqual([
          expect.stringMatching(new RegExp(`^/v2/${repository}/manifests/sha256:[0-9a-f]{64}$`)),
        ]);
        expect(run.outputs).toEqual({});
      } finally {
        proxy().clearRules();
      }
    });

    it('a repository that also holds attestation referrers: push, re-push and pull are unaffected', async () => {
      const r = registry();
      const repository = `lei-org/attested-${n}`;
      const first = await runAction(node, 'main', pushInputs({ repository }), context());
      expect(first.status, first.stdout).toBe(0);
      const digest = first.outputs['digest'] ?? '';
      const manifestBytes = (await r.getManifest(repository, digest)).bytes;

      // what actions/attest pushes with push-to-registry: a Sigstore bundle manifest whose subject
      // is the snapshot, listed in an OCI index under the referrers tag sha256-<hex>
      const bundle = Buffer.from(
        JSON.stringify({
          mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
          verificationMaterial: {},
          dsseEnvelope: {
            payload: '',
            payloadType: 'application/vnd.in-toto+json',
            signatures: [],
          },
        }),
      );
      const bundleDigest = await r.putBlob(repository, bundle);
      const empty = Buffer.from('{}');
      const emptyDigest = await r.putBlob(repository, empty);
      const referrer = JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
        config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: emptyDigest, size: 2 },
        layers: [
          {
            mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
            digest: bundleDigest,
            size: bundle.length,
          },
        ],
        subject: {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest,
          size: manifestBytes.length,
        },
        annotations: { 'dev.sigstore.bundle.predicateType': 'https://slsa.dev/provenance/v1' },
      });
      const referrerDigest = await r.putManifest(
        repository,
        sha256(referrer),
        'application/vnd.oci.image.manifest.v1+json',
        referrer,
      );
      const index = JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [
          {
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            digest: referrerDigest,
            size: Buffer.byteLength(referrer),
            artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
          },
        ],
      });
      const referrersTag = digest.replace(':', '-');
      const indexDigest = await r.putManifest(
        repository,
        referrersTag,
        'application/vnd.oci.image.index.v1+json',
        index,
      );

      // re-push: nothing moves, the referrers tag and index stay
      const again = await runAction(node, 'main', pushInputs({ repository }), context());
      expect(again.status, again.stdout).toBe(0);
      expect(again.outputs['digest']).toBe(digest);
      expect(again.stdout).not.toContain('::warning::');

      // a newer snapshot moves latest and weekly forward; the referrers tag is left alone
      const newer = await exportWith(`attested-newer-${n}`, {
        date: '2026-11-29',
        created: '2026-11-29T03:00:00Z',
      });
      const next = await runAction(
        node,
        'main',
        pushInputs({ 'export-dir': newer, repository }),
        context(),
      );
      expect(next.status, next.stdout).toBe(0);
      expect((await r.listTags(repository)).sort()).toEqual(
        ['2026-11-22', '2026-11-29', 'latest', referrersTag, 'weekly'].sort(),
      );
      expect(await digestOf(repository, referrersTag)).toBe(indexDigest);
      expect(await digestOf(repository, 'latest')).toBe(next.outputs['digest']);

      // pull by date tag and by digest: the snapshot's own files, nothing of the referrers
      for (const reference of [
        `${r.host}/${repository}:2026-11-22`,
        `${r.host}/${repository}@${digest}`,
      ]) {
        const outDir = path.join(
          scratch(),
          `attested-out-${n}-${reference.includes('@') ? 'd' : 't'}`,
        );
        const pull = await runAction(
          node,
          'pull',
          { reference, 'output-dir': outDir, token: r.password },
          context(),
        );
        expect(pull.status, pull.stdout).toBe(0);
        expect(pull.outputs['digest']).toBe(digest);
        expect((await readdir(outDir)).sort()).toEqual(['cache.jsonl.gz', 'manifest.json']);
        expect(
          (await readFile(path.join(outDir, 'cache.jsonl.gz'))).equals(
            await readFile(path.join(EXAMPLE_EXPORT, 'cache.jsonl.gz')),
          ),
        ).toBe(true);
      }
    });
  });
});
