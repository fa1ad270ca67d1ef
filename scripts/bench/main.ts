/**
 * `npm run bench [-- --size 1GiB --rounds 3 --warmup 1 --no-write --dataset short-lines]`
 * (or LEI_BENCH_SIZE / LEI_BENCH_ROUNDS / LEI_BENCH_WARMUP / LEI_BENCH_DATASET)
 *
 * The bundled actions (dist/main, dist/pull, run as a runner runs them) against skopeo, on an
 * export whose cache.jsonl.gz is `--size` bytes of incompressible JSONL (generated once under
 * .bench/ and reused; `--dataset short-lines`: lines of 160 bytes instead of 1100, so a per-line
 * cost in the content check shows), through the test harness's real distribution registry with
 * Docker token auth. `--dataset realistic` measures the content check alone (verify.ts). Each
 * round, in alternating order:
 *   - push: the action, and `skopeo copy oci:<the action's oci-layout>:TAG docker://...`, each
 *     into a fresh registry;
 *   - re-push of the unchanged export (time; blob bytes the action reports uploading, and the
 *     upload requests a pass-through proxy sees in a second re-push: both must be 0);
 *   - pull: the pull action, and `skopeo copy docker://... oci:DIR:TAG`, each into a new directory;
 *   - the packaging pass alone (push: false), for hash throughput against `openssl speed`.
 * Wall time and peak RSS per process. Medians go to the table, printed and written into
 * BENCHMARKS.md (the section for this size). `sync` runs between measurements (untimed), so one
 * measurement's writeback does not land in the next; the warm-up round leaves export, layout and
 * registry files in the page cache for both tools alike.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startFaultProxy } from '../../test-support/faultProxy.js';
import {
  registryBinary,
  skopeoBinary,
  startRegistry,
  type TestRegistry,
} from '../../test-support/registry.js';
import { ensureExport, type BenchExport, type ExportShape } from './export.js';
import { GNU_TIME, measure, measureAction, sync, type Measured } from './proc.js';
import {
  renderResults,
  resultLabel,
  summarize,
  writeSection,
  type BenchResult,
  type RoundResult,
  type Sample,
} from './report.js';
import { runRealistic } from './verify.js';
import {
  cpuBusy,
  loadAverage,
  machine,
  median,
  opensslSha256,
  parseSize,
  sizeLabel,
} from './stats.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BENCH_DIR = path.join(ROOT, '.bench');
const TAG = 'bench';
const NAMESPACE = 'lei-org';

interface Options {
  size: number;
  rounds: number;
  warmup: number;
  write: boolean;
  /** the Node binary the actions run under (GitHub runs node20 actions on Node 24) */
  node: string;
  dataset: ExportShape | 'realistic';
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      size: { type: 'string' },
      rounds: { type: 'string' },
      warmup: { type: 'string' },
      'no-write': { type: 'boolean' },
      node: { type: 'string' },
      dataset: { type: 'string' },
    },
  });
  const dataset = values.dataset ?? process.env['LEI_BENCH_DATASET'] ?? 'incompressible';
  if (dataset !== 'incompressible' && dataset !== 'realistic' && dataset !== 'short-lines')
    throw new Error('--dataset must be incompressible, short-lines or realistic');
  const count = (text: string, name: string, min: number): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
    return n;
  };
  return {
    size: parseSize(values.size ?? process.env['LEI_BENCH_SIZE'] ?? '1GiB'),
    rounds: count(values.rounds ?? process.env['LEI_BENCH_ROUNDS'] ?? '3', 'rounds', 1),
    warmup: count(values.warmup ?? process.env['LEI_BENCH_WARMUP'] ?? '1', 'warmup', 0),
    write: values['no-write'] !== true,
    node: path.resolve(values.node ?? process.env['LEI_BENCH_NODE'] ?? process.execPath),
    dataset,
  };
}

function log(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

const sample = (m: Measured): Sample => ({ wallS: m.wallS, rssBytes: m.rssBytes });

/** The Node binary the actions run under (--node); set in main(). */
let NODE = process.execPath;

/** The push action's inputs for the packaging pass alone (push: false), optionally writing a layout. */
function packagingInputs(exportDir: string, ociLayout = ''): Record<string, string> {
  return {
    'export-dir': exportDir,
    registry: 'ghcr.io',
    repository: `${NAMESPACE}/bench`,
    tags: TAG,
    username: 'bench',
    token: '',
    annotations: '',
    push: 'false',
    'oci-layout': ociLayout,
    summary: 'true',
  };
}

class Bench {
  readonly loads: number[] = [];
  layoutDir = '';
  digest = '';
  cacheDigest = '';

  readonly exp: BenchExport;
  readonly work: string;
  readonly skopeo: string;

  constructor(exp: BenchExport, work: string, skopeo: string) {
    this.exp = exp;
    this.work = work;
    this.skopeo = skopeo;
  }

  private note(): void {
    this.loads.push(loadAverage());
    sync();
  }

  pushInputs(registry: string, repository: string, r: TestRegistry): Record<string, string> {
    return {
      'export-dir': this.exp.dir,
      registry,
      repository,
      tags: TAG,
      username: r.username,
      token: r.password,
      annotations: '',
      push: 'true',
      'oci-layout': '',
      summary: 'true',
    };
  }

  /** push: false with oci-layout: the layout skopeo pushes from, and the expected digest. */
  async prepareLayout(): Promise<void> {
    this.layoutDir = path.join(this.work, 'layout');
    const run = await measureAction(
      ROOT,
      'main',
      packagingInputs(this.exp.dir, this.layoutDir),
      NODE,
    );
    this.digest = run.outputs['digest'] ?? '';
    const manifest = JSON.parse(run.outputs['manifest'] ?? '{}') as {
      layers?: { digest: string; size: number }[];
    };
    const cache = manifest.layers?.find((l) => l.size === this.exp.size);
    if (!/^sha256:[0-9a-f]{64}$/.test(this.digest) || cache === undefined)
      throw new Error(`the packaging run gave no usable digest/manifest:\n${run.stdout}`);
    if (!run.stdout.includes(`gzip intact, ${this.exp.entries} entries`))
      throw new Error(`the packaging run did not verify the content:\n${run.stdout.slice(-2000)}`);
    this.cacheDigest = cache.digest;
    log(`layout ${this.layoutDir}, manifest ${this.digest}`);
  }

  async packaging(exportDir = this.exp.dir): Promise<Measured> {
    this.note();
    return measureAction(ROOT, 'main', packagingInputs(exportDir), NODE);
  }

  async expectManifest(r: TestRegistry, repository: string, who: string): Promise<void> {
    const got = await r.getManifest(repository, TAG);
    if (got.status !== 200 || got.digest !== this.digest)
      throw new Error(`${who} left ${repository}:${TAG} at ${got.status} ${got.digest ?? ''}`);
  }

  async pushAction(r: TestRegistry, repository: string): Promise<Measured> {
    this.note();
    const run = await measureAction(ROOT, 'main', this.pushInputs(r.host, repository, r), NODE);
    if (run.outputs['digest'] !== this.digest)
      throw new Error(`the push action reported ${run.outputs['digest']}, expected ${this.digest}`);
    await this.expectManifest(r, repository, 'the push action');
    return run;
  }

  async pushSkopeo(r: TestRegistry, repository: string): Promise<Measured> {
    this.note();
    const run = await measure(this.skopeo, [
      'copy',
      '--insecure-policy',
      '--dest-tls-verify=false',
      '--dest-creds',
      `${r.username}:${r.password}`,
      `oci:${this.layoutDir}:${TAG}`,
      `docker://${r.host}/${repository}:${TAG}`,
    ]);
    await this.expectManifest(r, repository, 'skopeo');
    return run;
  }

  async pullAction(r: TestRegistry, repository: string, dir: string): Promise<Measured> {
    this.note();
    const run = await measureAction(
      ROOT,
      'pull',
      {
        reference: `${r.host}/${repository}:${TAG}`,
        'output-dir': dir,
        username: r.username,
        token: r.password,
      },
      NODE,
    );
    const size = (await stat(path.join(dir, 'cache.jsonl.gz'))).size;
    if (run.outputs['digest'] !== this.digest || size !== this.exp.size)
      throw new Error(`the pull action gave ${run.outputs['digest']} and ${size} bytes`);
    await rm(dir, { recursive: true, force: true });
    return run;
  }

  async pullSkopeo(r: TestRegistry, repository: string, dir: string): Promise<Measured> {
    this.note();
    const run = await measure(this.skopeo, [
      'copy',
      '--insecure-policy',
      '--src-tls-verify=false',
      '--src-creds',
      `${r.username}:${r.password}`,
      `docker://${r.host}/${repository}:${TAG}`,
      `oci:${dir}:${TAG}`,
    ]);
    const blob = path.join(dir, 'blobs', 'sha256', this.cacheDigest.slice('sha256:'.length));
    const size = (await stat(blob)).size;
    if (size !== this.exp.size) throw new Error(`skopeo pulled ${size} bytes`);
    await rm(dir, { recursive: true, force: true });
    return run;
  }

  /** A re-push timed directly, then one through a counting proxy. */
  async repush(
    r: TestRegistry,
    repository: string,
  ): Promise<{ run: Measured; reported: string; bytes: number; requests: number }> {
    this.note();
    const run = await measureAction(ROOT, 'main', this.pushInputs(r.host, repository, r), NODE);
    const line = /Uploaded (\d+) blob\(s\), ([^;]+);[^\n]*/.exec(run.stdout);
    if (!line) throw new Error(`the re-push did not report what it uploaded:\n${run.stdout}`);
    const reported = line[0].trim().replace(/\.$/, '');
    // "0 blob(s)" means 0 bytes; any blob would be the whole cache (or config/manifest) again.
    const bytes = line[1] === '0' ? 0 : Number.NaN;
    const proxy = await startFaultProxy(r);
    try {
      await measureAction(ROOT, 'main', this.pushInputs(proxy.host, repository, r), NODE);
      const requests = proxy.requests.filter(
        (q) => q.method !== 'HEAD' && q.method !== 'GET' && q.path.includes('/blobs/uploads'),
      ).length;
      return { run, reported, bytes: Number.isNaN(bytes) ? this.exp.size : bytes, requests };
    } finally {
      await proxy.stop();
    }
  }

  /** Round `index` (1, 2, ...; warm-ups 0, -1, ...): odd rounds start with the action. */
  async round(index: number): Promise<RoundResult> {
    const actionFirst = Math.abs(index) % 2 === 1;
    const first = actionFirst ? 'action' : 'skopeo';
    const label = index > 0 ? `r${index}` : `w${1 - index}`;
    const repoAction = `${NAMESPACE}/bench-action-${label}`;
    const repoSkopeo = `${NAMESPACE}/bench-skopeo-${label}`;
    const main = await startRegistry({ auth: 'token', namespace: NAMESPACE });
    try {
      // Pushes, each into a fresh registry (the registry the action pushed to serves the rest).
      let pushAction: Measured | undefined;
      let pushSkopeo: Measured | undefined;
      const skopeoPush = async (): Promise<void> => {
        const other = await startRegistry({ auth: 'token', namespace: NAMESPACE });
        try {
          pushSkopeo = await this.pushSkopeo(other, repoSkopeo);
        } finally {
          await other.stop();
        }
      };
      if (actionFirst) {
        pushAction = await this.pushAction(main, repoAction);
        await skopeoPush();
      } else {
        await skopeoPush();
        pushAction = await this.pushAction(main, repoAction);
      }
      const re = await this.repush(main, repoAction);
      const pullDirA = path.join(this.work, `pull-action-${label}`);
      const pullDirS = path.join(this.work, `pull-skopeo-${label}`);
      let pullAction: Measured;
      let pullSkopeo: Measured;
      if (actionFirst) {
        pullAction = await this.pullAction(main, repoAction, pullDirA);
        pullSkopeo = await this.pullSkopeo(main, repoAction, pullDirS);
      } else {
        pullSkopeo = await this.pullSkopeo(main, repoAction, pullDirS);
        pullAction = await this.pullAction(main, repoAction, pullDirA);
      }
      const packaging = await this.packaging();
      if (pushAction === undefined || pushSkopeo === undefined) throw new Error('push missing');
      return {
        round: index,
        first,
        pushAction: sample(pushAction),
        pushSkopeo: sample(pushSkopeo),
        pullAction: sample(pullAction),
        pullSkopeo: sample(pullSkopeo),
        repush: sample(re.run),
        repushReported: re.reported,
        repushUploadedBytes: re.bytes,
        repushUploadRequests: re.requests,
        packaging: sample(packaging),
      };
    } finally {
      await main.stop();
    }
  }
}

async function main(): Promise<void> {
  const opts = options();
  const skopeo = skopeoBinary();
  const registry = registryBinary();
  const missing = [
    ...(skopeo ? [] : ['skopeo']),
    ...(registry ? [] : ['docker-registry']),
    ...(existsSync(GNU_TIME) ? [] : ['time']),
  ];
  if (missing.length > 0 || skopeo === undefined || registry === undefined)
    throw new Error(`missing ${missing.join(', ')}: apt-get install -y ${missing.join(' ')}`);
  for (const entry of ['main', 'pull'])
    if (!existsSync(path.join(ROOT, 'dist', entry, 'index.js')))
      throw new Error(`dist/${entry}/index.js is missing: run npm run bundle`);

  NODE = opts.node;
  const nodeFlag =
    opts.node === process.execPath ? '' : ` --node ${path.relative(ROOT, opts.node)}`;
  if (opts.dataset === 'realistic') {
    await runRealistic({ ...opts, root: ROOT, benchDir: BENCH_DIR, nodeFlag, log });
    return;
  }
  const startedAt = new Date();
  const shape = opts.dataset;
  const datasetFlag = shape === 'incompressible' ? '' : ` --dataset ${shape}`;
  const command = `npm run bench -- --size ${sizeLabel(opts.size).replace(' ', '')} --rounds ${opts.rounds} --warmup ${opts.warmup}${datasetFlag}${nodeFlag}`;
  const busyBefore = await cpuBusy();
  log(`${command}; CPUs ${(busyBefore * 100).toFixed(0)}% busy before start`);

  const generating = Date.now();
  const exp = await ensureExport(BENCH_DIR, opts.size, shape);
  log(
    `${exp.generated ? 'generated' : 'reusing'} ${exp.dir} (${exp.size} bytes, ${exp.entries} entries)` +
      (exp.generated ? ` in ${((Date.now() - generating) / 1000).toFixed(1)} s` : ''),
  );
  const work = path.join(BENCH_DIR, `run-${shape}-${opts.size}`);
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });

  const bench = new Bench(exp, work, skopeo);
  try {
    await bench.prepareLayout();
    const startup: Measured[] = [];
    for (let i = 0; i < 3; i++)
      startup.push(await bench.packaging(path.join(ROOT, 'examples/export')));
    const openssl = opensslSha256();
    log(`openssl sha256: ${(openssl.bytesPerSecond / 1e6).toFixed(0)} MB/s`);

    for (let i = 1; i <= opts.warmup; i++) {
      log(`warm-up round ${i}`);
      await bench.round(1 - i);
    }
    const rounds: RoundResult[] = [];
    for (let i = 1; i <= opts.rounds; i++) {
      const rd = await bench.round(i);
      rounds.push(rd);
      log(
        `round ${i}/${opts.rounds} (${rd.first} first): push ${rd.pushAction.wallS.toFixed(2)} s vs ` +
          `${rd.pushSkopeo.wallS.toFixed(2)} s, pull ${rd.pullAction.wallS.toFixed(2)} s vs ` +
          `${rd.pullSkopeo.wallS.toFixed(2)} s, re-push ${rd.repush.wallS.toFixed(2)} s ` +
          `(${rd.repushReported}), packaging ${rd.packaging.wallS.toFixed(2)} s`,
      );
    }
    sync();
    const sha = await measure('sha256sum', [path.join(exp.dir, 'cache.jsonl.gz')]);

    const result: BenchResult = {
      shape,
      size: exp.size,
      entries: exp.entries,
      rounds,
      warmupRounds: opts.warmup,
      startupS: median(startup.map((m) => m.wallS)),
      startupRssBytes: median(startup.map((m) => m.rssBytes)),
      opensslBytesPerSecond: openssl.bytesPerSecond,
      opensslCommand: openssl.command,
      sha256sumS: sha.wallS,
      machine: machine(registry, skopeo, NODE),
      busyBefore,
      loadMin: Math.min(...bench.loads),
      loadMax: Math.max(...bench.loads),
      startedAt: startedAt.toISOString().replace(/\.\d+Z$/, 'Z'),
      durationS: (Date.now() - startedAt.getTime()) / 1000,
      command,
    };
    const markdown = renderResults(result);
    console.log(`\n${markdown}\n`);
    await writeFile(
      path.join(
        BENCH_DIR,
        `results-${shape === 'incompressible' ? '' : `${shape}-`}${opts.size}.json`,
      ),
      `${JSON.stringify({ ...result, summary: summarize(result) }, null, 2)}\n`,
    );
    if (opts.write) {
      const key = resultLabel(result);
      await writeSection(path.join(ROOT, 'BENCHMARKS.md'), key, markdown);
      log(`wrote the ${key} section of BENCHMARKS.md`);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
