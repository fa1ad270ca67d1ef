/**
 * `npm run bench -- --dataset realistic [--rounds 3] [--node PATH]`: the content check on an
 * export shaped like LEI's (scripts/bench/realistic.ts: 1 GiB of report lines, gzip level 6 as
 * LEI writes it). The packaging pass (the push action with push: false) runs with
 * verify-content true and false, alternating which goes first; the difference is the cost of the
 * check, and verification throughput is the uncompressed size over the verifying pass minus the
 * action's start-up (the same pass on the 12-entry example export).
 */
import path from 'node:path';
import { measureAction, sync, type Measured } from './proc.js';
import { writeSection } from './report.js';
import { ensureRealisticExport } from './realistic.js';
import { cpuBusy, loadAverage, median, nodeLabel } from './stats.js';
import { firstLine } from './proc.js';
import { cpus } from 'node:os';

export interface RealisticOptions {
  root: string;
  benchDir: string;
  rounds: number;
  write: boolean;
  node: string;
  nodeFlag: string;
  log: (message: string) => void;
}

const RAW_SIZE = 1024 ** 3;

export async function runRealistic(opts: RealisticOptions): Promise<void> {
  const { log } = opts;
  const startedAt = new Date();
  const busy = await cpuBusy();
  const command = `npm run bench -- --dataset realistic --rounds ${opts.rounds}${opts.nodeFlag}`;
  log(`${command}; CPUs ${(busy * 100).toFixed(0)}% busy before start`);
  const t0 = Date.now();
  const exp = await ensureRealisticExport(opts.benchDir, RAW_SIZE);
  log(
    `${exp.generated ? 'generated' : 'reusing'} ${exp.dir}: ${exp.entries} reports, ${exp.rawSize} bytes JSONL, ` +
      `${exp.size} bytes gzip level 6${exp.generated ? ` in ${((Date.now() - t0) / 1000).toFixed(1)} s` : ''}`,
  );
  const loads: number[] = [];
  const pass = async (dir: string, verify: boolean): Promise<Measured> => {
    loads.push(loadAverage());
    sync();
    const run = await measureAction(
      opts.root,
      'main',
      {
        'export-dir': dir,
        registry: 'ghcr.io',
        repository: 'lei-org/bench',
        tags: 'bench',
        username: 'bench',
        token: '',
        annotations: '',
        push: 'false',
        'oci-layout': '',
        summary: 'false',
        'verify-content': String(verify),
      },
      opts.node,
    );
    if (verify && dir === exp.dir && !run.stdout.includes(`gzip intact, ${exp.entries} entries`))
      throw new Error(`the verifying pass did not verify:\n${run.stdout.slice(-2000)}`);
    return run;
  };
  const example = path.join(opts.root, 'examples/export');
  const startup: number[] = [];
  for (let i = 0; i < 3; i++) startup.push((await pass(example, true)).wallS);
  await pass(exp.dir, true); // warm-up: the file in the page cache for both kinds of pass
  const on: Measured[] = [];
  const off: Measured[] = [];
  for (let i = 1; i <= opts.rounds; i++) {
    const order = i % 2 === 1 ? [true, false] : [false, true];
    for (const verify of order) (verify ? on : off).push(await pass(exp.dir, verify));
    log(
      `round ${i}/${opts.rounds}: verify on ${on.at(-1)?.wallS.toFixed(2)} s, off ${off.at(-1)?.wallS.toFixed(2)} s`,
    );
  }
  const start = median(startup);
  const onS = median(on.map((m) => m.wallS));
  const offS = median(off.map((m) => m.wallS));
  const throughput = exp.rawSize / (onS - start);
  const mb = (b: number): string => `${(b / 1e6).toFixed(0)} MB`;
  const node =
    opts.node === process.execPath ? process.version : firstLine(opts.node, ['--version']);
  const label = `realistic 1 GiB, ${nodeLabel(node)}`;
  const lines = [
    `### ${label} (JSONL ${exp.rawSize} bytes, ${exp.entries} reports; cache.jsonl.gz ${exp.size} bytes, gzip level 6), ${opts.rounds} rounds`,
    '',
    `Run ${startedAt.toISOString().replace(/\.\d+Z$/, 'Z')} with \`${command}\`. The packaging pass is the push action with push: false ` +
      `(validation, one read of cache.jsonl.gz, manifest); medians of wall time per process, peak RSS the highest.`,
    '',
    '| measure | verify-content: true | verify-content: false | target | |',
    '|---|---:|---:|---|---|',
    `| packaging pass | ${onS.toFixed(2)} s | ${offS.toFixed(2)} s | | |`,
    `| verification throughput (uncompressed, after ${start.toFixed(2)} s start-up) | **${(throughput / 1e6).toFixed(0)} MB/s** | | ≥ 1 GB/s | ${throughput >= 1e9 ? 'met' : '**missed**'} |`,
    `| peak RSS | ${mb(Math.max(...on.map((m) => m.rssBytes)))} | ${mb(Math.max(...off.map((m) => m.rssBytes)))} | ≤ 100 MB | ${Math.max(...on.map((m) => m.rssBytes)) <= 100e6 ? 'met' : '**missed**'} |`,
    '',
    `Every round (on / off): ${on.map((m, i) => `${m.wallS.toFixed(2)} / ${off[i]?.wallS.toFixed(2)} s`).join(', ')}. ` +
      `Machine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores; Node ${node}. Load: CPUs ${(busy * 100).toFixed(0)}% busy just before the run; ` +
      `1-minute load average ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} during it.`,
  ];
  const markdown = lines.join('\n');
  console.log(`\n${markdown}\n`);
  if (opts.write) {
    await writeSection(path.join(opts.root, 'BENCHMARKS.md'), label, markdown);
    log(`wrote the ${label} section of BENCHMARKS.md`);
  }
}
