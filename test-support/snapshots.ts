/**
 * Daily LEI snapshots for the prune tests, pushed through the push action's runPush (in
 * process, the real artifact and registry rooms): each day's export is the example export with
 * its `date` and `created` changed, so every day has its own manifest digest while the cache
 * layer is one shared blob (uploaded once). Also pushes a referrers index (the OCI referrers tag
 * schema that actions/attest uses on ghcr.io) for a snapshot, with test code.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ActionIO } from '../src/action/deps.js';
import { runPush } from '../src/action/push/run.js';
import { defaultServices } from '../src/action/services.js';
import type { TestRegistry } from './registry.js';

const EXAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../examples/export');
const DAY = 86_400_000;

/** YYYY-MM-DD of `n` days before the instant `now` (UTC). */
export function daysBefore(now: number, n: number): string {
  return new Date(now - n * DAY).toISOString().slice(0, 10);
}

export function isSunday(day: string): boolean {
  return new Date(`${day}T00:00:00Z`).getUTCDay() === 0;
}

const quietIO: ActionIO = {
  info: () => undefined,
  warning: () => undefined,
  debug: () => undefined,
  setOutput: () => undefined,
  setSecret: () => undefined,
  group: (_name, fn) => fn(),
  writeSummary: async () => undefined,
};

/** Writes the example export re-dated to `day` into a fresh directory under `root`. */
async function datedExport(root: string, day: string): Promise<string> {
  const dir = await mkdtemp(path.join(root, `export-${day}-`));
  const manifest = JSON.parse(
    await readFile(path.join(EXAMPLE, 'manifest.json'), 'utf8'),
  ) as Record<string, unknown>;
  manifest['date'] = day;
  manifest['created'] = `${day}T03:14:07Z`;
  await writeFile(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await copyFile(path.join(EXAMPLE, 'cache.jsonl.gz'), path.join(dir, 'cache.jsonl.gz'));
  return dir;
}

/**
 * Pushes one snapshot per entry (the day's export, with exactly `tags`), `concurrency` at a
 * time, through runPush. Returns the digest of each day.
 */
export async function pushSnapshots(
  registry: TestRegistry,
  repository: string,
  snapshots: { day: string; tags: string[] }[],
  concurrency = 6,
): Promise<Map<string, string>> {
  const root = await mkdtemp(path.join(tmpdir(), 'lei-prune-exports-'));
  const digests = new Map<string, string>();
  try {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < snapshots.length) {
        const snapshot = snapshots[next++] as { day: string; tags: string[] };
        const exportDir = await datedExport(root, snapshot.day);
        const out = await runPush(
          {
            exportDir,
            registry: registry.host,
            repository,
            tags: snapshot.tags,
            annotations: {},
            push: true,
            // exactly these tags, whatever order the snapshots are pushed in (moving tags would
            // otherwise stay on a newer snapshot pushed earlier)
            allowOlder: true,
            summary: false,
            verifyContent: true,
            maxShrink: 50,
            credentials: { username: registry.username, password: registry.password },
          },
          { io: quietIO, services: defaultServices(), env: {} },
        );
        digests.set(snapshot.day, out.digest);
        await rm(exportDir, { recursive: true, force: true });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return digests;
}

const sha256 = (bytes: Buffer): string =>
  `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/**
 * Pushes an attestation-like referrer of `subject` (an OCI image manifest with `subject` and a
 * small layer) and the referrers index tagged `sha256-<hex>` that lists it, as actions/attest
 * does on a registry without the referrers API. Returns both digests.
 */
export async function pushReferrers(
  registry: TestRegistry,
  repository: string,
  subject: { digest: string; size: number },
  label: string,
): Promise<{ index: string; referrer: string }> {
  const emptyConfig = Buffer.from('{}');
  const bundle = Buffer.from(
    JSON.stringify({ mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', label }),
  );
  await registry.putBlob(repository, emptyConfig);
  await registry.putBlob(repository, bundle);
  const referrer = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      config: {
        mediaType: 'application/vnd.oci.empty.v1+json',
        digest: sha256(emptyConfig),
        size: emptyConfig.length,
      },
      layers: [
        {
          mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
          digest: sha256(bundle),
          size: bundle.length,
        },
      ],
      subject: { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...subject },
    }),
  );
  await putManifest(
    registry,
    repository,
    sha256(referrer),
    referrer,
    'application/vnd.oci.image.manifest.v1+json',
  );
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
          digest: sha256(referrer),
          size: referrer.length,
        },
      ],
    }),
  );
  await putManifest(
    registry,
    repository,
    subject.digest.replace(':', '-'),
    index,
    'application/vnd.oci.image.index.v1+json',
  );
  return { index: sha256(index), referrer: sha256(referrer) };
}

async function putManifest(
  registry: TestRegistry,
  repository: string,
  reference: string,
  bytes: Buffer,
  mediaType: string,
): Promise<void> {
  const authorization = await registry.adminAuthorization(repository);
  const res = await fetch(`http://${registry.host}/v2/${repository}/manifests/${reference}`, {
    method: 'PUT',
    headers: {
      'content-type': mediaType,
      ...(authorization !== undefined ? { authorization } : {}),
    },
    body: bytes,
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`PUT manifest ${reference}: HTTP ${res.status}: ${text}`);
}
