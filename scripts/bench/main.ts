/**
 * `npm run bench [-- --size 1GiB --rounds 3 --warmup 1 --no-write --dataset short-lines --node PATH]`
 * (or LEI_BENCH_SIZE / LEI_BENCH_ROUNDS / LEI_BENCH_WARMUP / LEI_BENCH_DATASET / LEI_BENCH_NODE)
 *
 * The bundled actions (dist/main, dist/pull, run as a runner runs them, under `--node`) against
 * skopeo, through the test harness's real distribution registry with Docker token auth, on one
 * of three datasets (generated once under .bench/ and reused):
 *   - incompressible: a cache.jsonl.gz of exactly `--size` bytes of JSONL lines of 1100 bytes
 *     with random payloads in gzip stored blocks (export.ts);
 *   - short-lines: the same with lines of 160 bytes, where a per-line cost in the check shows;
 *   - realistic: `--size` bytes of LEI-shaped JSONL, gzip level 6 as LEI writes it (realistic.ts).
 * Each round:
 *   - push: the action with verify-content true, the action with verify-content false, and
 *     `skopeo copy oci:<the action's oci-layout>:TAG docker://...`, each into a fresh registry,
 *     in an order that rotates from round to round;
 *   - re-push of the unchanged export (time; blob bytes the action reports uploading, and the
 *     upload requests a pass-through proxy sees in a second re-push: both must be 0);
 *   - pull: the pull action, and `skopeo copy docker://... oci:DIR:TAG`, each into a new directory
 *     (odd rounds: the action first);
 *   - the packaging pass alone (push: false) with verify-content true and false (odd rounds: true
 *     first), for the check's cost in a read that hashes and hash throughput against `openssl speed`;
 *   - the content check alone (check.ts, under the same Node): verification throughput.
 * Wall time and peak RSS per process. Medians go to the table, printed and written into
 * BENCHMARKS.md (the section for this dataset, size and Node major). `sync` runs between
 * measurements (untimed), so one measurement's writeback does not land in the next; the warm-up
 * round leaves export, layout and registry files in the page cache for both tools alike.
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
import type { CheckAlone } from './check.js';
import { ensureExport, type BenchExport, type Dataset } from './export.js';
import { GNU_TIME, measure, measureAction, sync, type Measured } from './proc.js';
import { ensureRealisticExport } from './realistic.js';
import {
  pushOrder,
  renderResults,
  resultLabel,
  summarize,
  writeSection,
  type BenchResult,
  type PushKind,
  type RoundResult,
  type Sample,
} from './report.js';
import {
  cpuBusy,
  loadAverage,
  machine,
  median,
  nodeLabel,
  opensslSha256,
  parseSize,
  sizeLabel,
} from './stats.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BENCH_DIR = path.join(ROOT, '.bench');
const CHECK_SCRIPT = path.join(ROOT, 'scripts', 'bench', 'check.ts');
const TAG = 'bench';
const NAMESPACE = 'lei-org';
const DATASETS: readonly Dataset[] = ['incompressible', 'short-lines', 'realistic'];

interface Options {
  size: number;
  rounds: number;
  warmup: number;
  write: boolean;
  /** the Node binary the actions run under (GitHub runs node20 actions on Node 24) */
  node: string;
  dataset: Dataset;
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
  if (!(DATASETS as readonly string[]).includes(dataset))
    throw new Error(`--dataset must be one of ${DATASETS.join(', ')}`);
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
    dataset: dataset as Dataset,
  };
}

function log(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

const sample = (m: Measured): Sample => ({ wallS: m.wallS, rssBytes: m.rssBytes });

/** The Node binary the actions run under (--node); set in main(). */
let NODE = process.execPath;

/** The push action's inputs for the packaging pass alone (push: false), optionally writing a layout. */
function packagingInputs(
  exportDir: string,
  verify: boolean,
  ociLayout = '',
): Record<string, string> {
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
    'verify-content': String(verify),
  };
}

/** What the push and packaging logs say about the content check. */
const VERIFIED = 'Content verified against manifest.json: gzip intact, ';
const NOT_VERIFIED = 'verify-content is false: the content of cache.jsonl.gz was not checked';

interface Pushes {
  order: PushKind[];
  on: Measured;
  off: Measured;
  skopeo: Measured;
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

  pushInputs(
    registry: string,
    repository: string,
    r: TestRegistry,
    verify = true,
  ): Record<string, string> {
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
      'verify-content': String(verify),
    };
  }

  /** Throws unless the run's log says the content was checked (`verify`) or was not. */
  expectContentLine(run: Measured, verify: boolean, who: string): void {
    const line = verify ? `${VERIFIED}${this.exp.entries} entries` : NOT_VERIFIED;
    if (!run.stdout.includes(line))
      throw new Error(`${who} did not log "${line}":\n${run.stdout.slice(-2000)}`);
  }

  /** push: false with oci-layout: the layout skopeo pushes from, and the expected digest. */
  async prepareLayout(): Promise<void> {
    this.layoutDir = path.join(this.work, 'layout');
    const run = await measureAction(
      ROOT,
      'main',
      packagingInputs(this.exp.dir, true, this.layoutDir),
      NODE,
    );
    this.digest = run.outputs['digest'] ?? '';
    const manifest = JSON.parse(run.outputs['manifest'] ?? '{}') as {
      layers?: { digest: string; size: number }[];
    };
    const cache = manifest.layers?.find((l) => l.size === this.exp.size);
    if (!/^sha256:[0-9a-f]{64}$/.test(this.digest) || cache === undefined)
      throw new Error(`the packaging run gave no usable digest/manifest:\n${run.stdout}`);
    this.expectContentLine(run, true, 'the packaging run');
    this.cacheDigest = cache.digest;
    log(`layout ${this.layoutDir}, manifest ${this.digest}`);
  }

  async packaging(verify: boolean, exportDir = this.exp.dir): Promise<Measured> {
    this.note();
    const run = await measureAction(ROOT, 'main', packagingInputs(exportDir, verify), NODE);
    if (exportDir === this.exp.dir) this.expectContentLine(run, verify, 'the packaging pass');
    return run;
  }

  async expectManifest(r: TestRegistry, repository: string, who: string): Promise<void> {
    const got = await r.getManifest(repository, TAG);
    if (got.status !== 200 || got.digest !== this.digest)
      throw new Error(`${who} left ${repository}:${TAG} at ${got.status} ${got.digest ?? ''}`);
  }

  async pushAction(r: TestRegistry, repository: string, verify: boolean): Promise<Measured> {
    this.note();
    const inputs = this.pushInputs(r.host, repository, r, verify);
    const run = await measureAction(ROOT, 'main', inputs, NODE);
    const who = `the push action (verify-content ${verify})`;
    if (run.outputs['digest'] !== this.digest)
      throw new Error(`${who} reported ${run.outputs['digest']}, expected ${this.digest}`);
    this.expectContentLine(run, verify, who);
    await this.expectManifest(r, repository, who);
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
    this.expectContentLine(run, true, 'the re-push');
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

  /** The content check alone (check.ts) under the benchmarked Node: seconds inside its process. */
  async checkAlone(): Promise<number> {
    this.note();
    const run = await measure(NODE, ['--import', 'tsx', CHECK_SCRIPT, this.exp.dir], {
      cwd: ROOT,
    });
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as CheckAlone;
    if (result.entries !== this.exp.entries || result.rawSize !== this.exp.rawSize)
      throw new Error(`the content check alone found ${run.stdout.trim()}`);
    return result.seconds;
  }

  /**
   * The three pushes of a round, each into a fresh registry, in the round's order; the action's
   * push with verify-content true goes into `main`, which serves the re-push and the pulls.
   */
  async pushes(index: number, label: string, main: TestRegistry): Promise<Pushes> {
    const order = pushOrder(index);
    const got: Partial<Record<PushKind, Measured>> = {};
    for (const kind of order) {
      if (kind === 'on') {
        got.on = await this.pushAction(main, `${NAMESPACE}/bench-action-${label}`, true);
        continue;
      }
      const other = await startRegistry({ auth: 'token', namespace: NAMESPACE });
      try {
        got[kind] =
          kind === 'off'
            ? await this.pushAction(other, `${NAMESPACE}/bench-off-${label}`, false)
            : await this.pushSkopeo(other, `${NAMESPACE}/bench-skopeo-${label}`);
      } finally {
        await other.stop();
      }
    }
    const { on, off, skopeo } = got;
    if (on === undefined || off === undefined || skopeo === undefined)
      throw new Error('a push is missing');
    return { order, on, off, skopeo };
  }

  async pulls(
    actionFirst: boolean,
    label: string,
    main: TestRegistry,
    repository: string,
  ): Promise<{ action: Measured; skopeo: Measured }> {
    const action = (): Promise<Measured> =>
      this.pullAction(main, repository, path.join(this.work, `pull-action-${label}`));
    const skopeo = (): Promise<Measured> =>
      this.pullSkopeo(main, repository, path.join(this.work, `pull-skopeo-${label}`));
    if (actionFirst) {
      const a = await action();
      return { action: a, skopeo: await skopeo() };
    }
    const sk = await skopeo();
    return { action: await action(), skopeo: sk };
  }

  async packagingPair(onFirst: boolean): Promise<{ on: Measured; off: Measured }> {
    if (onFirst) {
      const on = await this.packaging(true);
      return { on, off: await this.packaging(false) };
    }
    const off = await this.packaging(false);
    return { on: await this.packaging(true), off };
  }

  /** Round `index` (1, 2, ...; warm-ups 0, -1, ...): odd rounds pull and package with the action first. */
  async round(index: number): Promise<RoundResult> {
    const actionFirst = Math.abs(index) % 2 === 1;
    const label = index > 0 ? `r${index}` : `w${1 - index}`;
    const repository = `${NAMESPACE}/bench-action-${label}`;
    const main = await startRegistry({ auth: 'token', namespace: NAMESPACE });
    try {
      const pushed = await this.pushes(index, label, main);
      const re = await this.repush(main, repository);
      const pulled = await this.pulls(actionFirst, label, main, repository);
      const packaged = await this.packagingPair(actionFirst);
      const checkS = await this.checkAlone();
      return {
        round: index,
        pushOrder: pushed.order,
        first: actionFirst ? 'action' : 'skopeo',
        pushAction: sample(pushed.on),
        pushActionOff: sample(pushed.off),
        pushSkopeo: sample(pushed.skopeo),
        pullAction: sample(pulled.action),
        pullSkopeo: sample(pulled.skopeo),
        repush: sample(re.run),
        repushReported: re.reported,
        repushUploadedBytes: re.bytes,
        repushUploadRequests: re.requests,
        packaging: sample(packaged.on),
        packagingOff: sample(packaged.off),
        checkS,
      };
    } finally {
      await main.stop();
    }
  }
}

function logRound(rd: RoundResult, rounds: number): void {
  log(
    `round ${rd.round}/${rounds} (push order ${rd.pushOrder.join(', ')}; ${rd.first} pulls first): ` +
      `push true ${rd.pushAction.wallS.toFixed(2)} s, false ${rd.pushActionOff.wallS.toFixed(2)} s, ` +
      `skopeo ${rd.pushSkopeo.wallS.toFixed(2)} s; pull ${rd.pullAction.wallS.toFixed(2)} s vs ` +
      `${rd.pullSkopeo.wallS.toFixed(2)} s; re-push ${rd.repush.wallS.toFixed(2)} s ` +
      `(${rd.repushReported}); packaging true ${rd.packaging.wallS.toFixed(2)} s, false ` +
      `${rd.packagingOff.wallS.toFixed(2)} s; check alone ${rd.checkS.toFixed(2)} s`,
  );
}

/** The tools the benchmark needs (skopeo, docker-registry, GNU time, the bundles). */
function requireTools(): { skopeo: string; registry: string } {
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
  return { skopeo, registry };
}

/** The dataset's export (generated unless a matching one is under .bench/). */
async function datasetExport(opts: Options): Promise<BenchExport> {
  const started = Date.now();
  const exp =
    opts.dataset === 'realistic'
      ? await ensureRealisticExport(BENCH_DIR, opts.size)
      : await ensureExport(BENCH_DIR, opts.size, opts.dataset);
  log(
    `${exp.generated ? 'generated' : 'reusing'} ${exp.dir} (cache.jsonl.gz ${exp.size} bytes, ` +
      `${exp.rawSize} bytes of JSONL, ${exp.entries} entries)` +
      (exp.generated ? ` in ${((Date.now() - started) / 1000).toFixed(1)} s` : ''),
  );
  return exp;
}

function commandLine(opts: Options): string {
  const dataset = opts.dataset === 'incompressible' ? '' : ` --dataset ${opts.dataset}`;
  const node = opts.node === process.execPath ? '' : ` --node ${path.relative(ROOT, opts.node)}`;
  const size = sizeLabel(opts.size).replace(' ', '');
  return `npm run bench -- --size ${size} --rounds ${opts.rounds} --warmup ${opts.warmup}${dataset}${node}`;
}

/** Start-up, warm-up rounds, then the measured rounds. */
async function runRounds(
  bench: Bench,
  opts: Options,
): Promise<{ rounds: RoundResult[]; startup: Measured[] }> {
  await bench.prepareLayout();
  const startup: Measured[] = [];
  for (let i = 0; i < 3; i++)
    startup.push(await bench.packaging(true, path.join(ROOT, 'examples/export')));
  for (let i = 1; i <= opts.warmup; i++) {
    log(`warm-up round ${i}`);
    await bench.round(1 - i);
  }
  const rounds: RoundResult[] = [];
  for (let i = 1; i <= opts.rounds; i++) {
    const rd = await bench.round(i);
    rounds.push(rd);
    logRound(rd, opts.rounds);
  }
  return { rounds, startup };
}

async function main(): Promise<void> {
  const opts = options();
  const { skopeo, registry } = requireTools();
  NODE = opts.node;
  const startedAt = new Date();
  const command = commandLine(opts);
  const busyBefore = await cpuBusy();
  log(`${command}; CPUs ${(busyBefore * 100).toFixed(0)}% busy before start`);

  const exp = await datasetExport(opts);
  const work = path.join(BENCH_DIR, `run-${opts.dataset}-${opts.size}`);
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });

  const bench = new Bench(exp, work, skopeo);
  try {
    const openssl = opensslSha256();
    log(`openssl sha256: ${(openssl.bytesPerSecond / 1e6).toFixed(0)} MB/s`);
    const { rounds, startup } = await runRounds(bench, opts);
    sync();
    const sha = await measure('sha256sum', [path.join(exp.dir, 'cache.jsonl.gz')]);

    const result: BenchResult = {
      dataset: opts.dataset,
      nominalSize: opts.size,
      size: exp.size,
      rawSize: exp.rawSize,
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
    await report(result, opts);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Prints the results, keeps the raw numbers under .bench/, and writes the BENCHMARKS.md section. */
async function report(result: BenchResult, opts: Options): Promise<void> {
  const markdown = renderResults(result);
  console.log(`\n${markdown}\n`);
  const dataset = opts.dataset === 'incompressible' ? '' : `${opts.dataset}-`;
  const node = nodeLabel(result.machine.node).replace('Node ', 'node');
  const file = path.join(BENCH_DIR, `results-${dataset}${opts.size}-${node}.json`);
  await writeFile(file, `${JSON.stringify({ ...result, summary: summarize(result) }, null, 2)}\n`);
  if (opts.write) {
    const key = resultLabel(result);
    await writeSection(path.join(ROOT, 'BENCHMARKS.md'), key, markdown);
    log(`wrote the ${key} section of BENCHMARKS.md`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
