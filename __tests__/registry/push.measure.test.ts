/**
 * Opt-in measurement (not a test of correctness, skipped unless LEI_MEASURE=1):
 * pushes a large artifact (LEI_MEASURE_MIB, default 1024) to a fresh real registry with token
 * auth, once with RegistryClient (in a child node process, from the OCI layout and from the
 * export directory) and once with `skopeo copy` from the same OCI layout, LEI_MEASURE_RUNS times
 * (default 3), alternating; prints wall times (via /usr/bin/time), ratios and peak RSS, and
 * writes them to .bench/measure/results.json.
 *
 *   LEI_MEASURE=1 npx vitest run __tests__/registry/push.measure.test.ts
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { packageExport, writeLayout } from '../../src/artifact/index.js';
import { skopeoBinary, startRegistry, type TestRegistry } from '../helpers/registry.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const BENCH = join(ROOT, '.bench', 'measure');
const MIB = Number(process.env['LEI_MEASURE_MIB'] ?? 1024);
const RUNS = Number(process.env['LEI_MEASURE_RUNS'] ?? 3);

interface Timed {
  wallS: number;
  maxRssKiB: number;
  stdout: string;
}

/** Runs a command under /usr/bin/time, returning wall seconds and max RSS. */
function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Timed> {
  return new Promise((resolvePromise, reject) => {
    const timeFile = join(BENCH, `time-${process.pid}-${Date.now()}.txt`);
    const child = spawn('/usr/bin/time', ['-o', timeFile, '-f', '%e %M', cmd, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      void readFile(timeFile, 'utf8').then((t) => {
        void rm(timeFile, { force: true });
        if (code !== 0) {
          reject(new Error(`${cmd} exited ${code}: ${stderr.slice(-2000)}`));
          return;
        }
        const [wall, rss] = t.trim().split('\n').at(-1)!.split(' ');
        resolvePromise({ wallS: Number(wall), maxRssKiB: Number(rss), stdout });
      }, reject);
    });
  });
}

async function makeExport(dir: string, mib: number): Promise<void> {
  const cache = join(dir, 'cache.jsonl.gz');
  const marker = join(dir, `.complete-${mib}`);
  if (existsSync(marker)) return;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const out = createWriteStream(cache);
  const chunk = randomBytes(1024 * 1024);
  chunk[0] = 0x1f;
  chunk[1] = 0x8b;
  for (let i = 0; i < mib; i++) {
    if (i > 0) randomBytes(1024 * 1024).copy(chunk, 0);
    if (!out.write(Buffer.from(chunk)))
      await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r, j) => {
    out.once('error', j);
    out.end(() => r());
  });
  const example = JSON.parse(
    await readFile(join(ROOT, 'examples/export/manifest.json'), 'utf8'),
  ) as Record<string, unknown>;
  example['compressed_size'] = mib * 1024 * 1024;
  delete example['content_hash'];
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(example, null, 2));
  await writeFile(marker, '');
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe.skipIf(process.env['LEI_MEASURE'] !== '1')(
  'measure: 1 GiB push vs skopeo (LEI_MEASURE=1)',
  () => {
    it(
      'pushes as fast as skopeo copy from an OCI layout',
      async () => {
        const skopeo = skopeoBinary();
        if (skopeo === undefined)
          throw new Error('skopeo is needed: apt-get install -y docker-registry skopeo');
        await mkdir(BENCH, { recursive: true });
        await run(
          'npx',
          [
            'tsc',
            '-p',
            'tsconfig.json',
            '--noEmit',
            'false',
            '--outDir',
            join(ROOT, '.bench/build'),
          ],
          { cwd: ROOT },
        ).catch(
          () => undefined, // type errors elsewhere in the tree do not stop emit
        );
        const child = join(ROOT, '.bench/build/__tests__/registry/measure/pushChild.js');
        expect(existsSync(child)).toBe(true);

        const exportDir = join(BENCH, 'export');
        await makeExport(exportDir, MIB);
        const layoutDir = join(BENCH, 'layout');
        await rm(layoutDir, { recursive: true, force: true });
        const artifact = await packageExport(exportDir);
        await writeLayout(layoutDir, artifact, ['measure']);
        await copyFile(join(exportDir, 'manifest.json'), join(BENCH, 'export-manifest.json'));

        const rows: Record<string, number>[] = [];
        const fresh = async <T>(fn: (r: TestRegistry) => Promise<T>): Promise<T> => {
          const r = await startRegistry({ auth: 'token', namespace: 'lei-org' });
          try {
            return await fn(r);
          } finally {
            await r.stop();
          }
        };
        for (let i = 0; i < RUNS; i++) {
          const env = (r: TestRegistry): NodeJS.ProcessEnv => ({
            ...process.env,
            LEI_MEASURE_USER: r.username,
            LEI_MEASURE_PASSWORD: r.password,
          });
          const ours = await fresh(async (r) => {
            const t = await timed(
              process.execPath,
              [child, 'layout', layoutDir, 'measure', r.host, 'lei-org/measure', 'v1'],
              env(r),
            );
            const m = await r.getManifest('lei-org/measure', 'v1');
            expect(m.digest).toBe(artifact.digest);
            return { ...t, report: JSON.parse(t.stdout) as Record<string, number> };
          });
          const full = await fresh(async (r) => {
            const t = await timed(
              process.execPath,
              [child, 'export', exportDir, r.host, 'lei-org/measure', 'v1'],
              env(r),
            );
            return { ...t, report: JSON.parse(t.stdout) as Record<string, number> };
          });
          const sk = await fresh(async (r) => {
            const t = await timed(skopeo, [
              'copy',
              '--insecure-policy',
              '--dest-tls-verify=false',
              '--dest-creds',
              `${r.username}:${r.password}`,
              `oci:${layoutDir}:measure`,
              `docker://${r.host}/lei-org/skopeo:v1`,
            ]);
            const m = await r.getManifest('lei-org/skopeo', 'v1');
            expect(m.status).toBe(200);
            return t;
          });
          rows.push({
            oursWallS: ours.wallS,
            oursPushMs: ours.report['pushMs']!,
            oursRssMiB: Math.round(ours.maxRssKiB / 1024),
            fullWallS: full.wallS,
            fullPackageMs: full.report['prepareMs']!,
            fullPushMs: full.report['pushMs']!,
            fullRssMiB: Math.round(full.maxRssKiB / 1024),
            skopeoWallS: sk.wallS,
            skopeoRssMiB: Math.round(sk.maxRssKiB / 1024),
          });
          console.log(`run ${i + 1}/${RUNS}`, rows.at(-1));
        }
        const summary = {
          mib: MIB,
          runs: rows,
          medianOursWallS: median(rows.map((r) => r.oursWallS!)),
          medianFullWallS: median(rows.map((r) => r.fullWallS!)),
          medianSkopeoWallS: median(rows.map((r) => r.skopeoWallS!)),
          maxOursRssMiB: Math.max(...rows.map((r) => r.oursRssMiB!)),
          maxFullRssMiB: Math.max(...rows.map((r) => r.fullRssMiB!)),
        };
        const ratio = summary.medianOursWallS / summary.medianSkopeoWallS;
        const fullRatio = summary.medianFullWallS / summary.medianSkopeoWallS;
        console.log({ ...summary, ratio: ratio.toFixed(3), fullRatio: fullRatio.toFixed(3) });
        await writeFile(
          join(BENCH, 'results.json'),
          JSON.stringify({ ...summary, ratio, fullRatio }, null, 2),
        );
      },
      60 * 60 * 1000,
    );
  },
);
