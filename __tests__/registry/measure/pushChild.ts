/**
 * Child process for push.measure.test.ts (compiled by tsc into .bench/build and run with node):
 * pushes one artifact with RegistryClient and prints a JSON line with timings and peak RSS.
 *
 *   node pushChild.js layout <layoutDir> <tag> <host> <repository> <tag>   (digests from the layout, no hash pass)
 *   node pushChild.js export <exportDir> <host> <repository> <tag>         (packageExport, then push)
 *
 * Credentials come from LEI_MEASURE_USER / LEI_MEASURE_PASSWORD (absent: anonymous).
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import {
  READ_CHUNK_SIZE,
  digestHex,
  packageExport,
  readLayout,
  type Blob,
  type Descriptor,
  type PackagedArtifact,
} from '../../../src/artifact/index.js';
import { RegistryClient } from '../../../src/registry/index.js';

function layoutBlob(dir: string, descriptor: Descriptor): Blob {
  const path = join(dir, 'blobs', 'sha256', digestHex(descriptor.digest));
  return { descriptor, open: () => createReadStream(path, { highWaterMark: READ_CHUNK_SIZE }) };
}

async function fromLayout(dir: string, ref: string): Promise<PackagedArtifact> {
  const l = await readLayout(dir, ref);
  const config = layoutBlob(dir, l.manifest.config);
  const layers = l.manifest.layers.map((d) => layoutBlob(dir, d));
  return {
    manifest: l.manifest,
    manifestBytes: l.manifestBytes,
    digest: l.digest,
    config,
    layers,
    blobs: [config, ...layers],
    info: { formatVersion: '1.0', leiVersion: '', created: '', date: '', entryCount: 0, repos: [] },
    warnings: [],
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const mode = args[0];
  const started = performance.now();
  let artifact: PackagedArtifact;
  let rest: string[];
  if (mode === 'layout') {
    artifact = await fromLayout(args[1] as string, args[2] as string);
    rest = args.slice(3);
  } else if (mode === 'export') {
    artifact = await packageExport(args[1] as string);
    rest = args.slice(2);
  } else {
    throw new Error(`usage: pushChild.js layout|export ...`);
  }
  const packaged = performance.now();
  const [host, repository, tag] = rest as [string, string, string];
  const user = process.env['LEI_MEASURE_USER'];
  const password = process.env['LEI_MEASURE_PASSWORD'];
  const client = new RegistryClient(
    host,
    user && password ? { credentials: { username: user, password } } : {},
  );
  const result = await client.pushArtifact(repository, artifact, [tag]);
  const pushed = performance.now();
  client.close();
  process.stdout.write(
    `${JSON.stringify({
      mode,
      digest: result.digest,
      uploadedBytes: result.uploadedBytes,
      prepareMs: Math.round(packaged - started),
      pushMs: Math.round(pushed - packaged),
      peakRssKiB: process.resourceUsage().maxRSS,
    })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
