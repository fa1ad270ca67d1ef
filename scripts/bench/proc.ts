/**
 * Runs one measured process: wall time (monotonic clock around the process) and peak RSS (the
 * kernel's ru_maxrss for it, reported by GNU time's %M in KiB).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseOutputFile } from '../../test-support/runAction.js';

export const GNU_TIME = '/usr/bin/time';

export interface Measured {
  /** seconds, monotonic clock around spawn → exit */
  wallS: number;
  /** peak resident set size, bytes */
  rssBytes: number;
  stdout: string;
  stderr: string;
}

/** Runs `cmd args` under GNU time; throws (with its output) when it exits non-zero. */
export function measure(
  cmd: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<Measured> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'lei-bench-time-'));
  const timeFile = path.join(scratch, 'time');
  return new Promise<Measured>((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(GNU_TIME, ['-o', timeFile, '-f', '%M', cmd, ...args], {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallS = Number(process.hrtime.bigint() - started) / 1e9;
      let timeText = '';
      try {
        timeText = readFileSync(timeFile, 'utf8');
      } catch {
        // reported below
      }
      rmSync(scratch, { recursive: true, force: true });
      const kib = Number(timeText.trim().split('\n').at(-1));
      if (code !== 0) {
        reject(
          new Error(
            `${path.basename(cmd)} ${args.slice(0, 2).join(' ')} exited ${code}:\n${unmasked(stdout)}\n${stderr.slice(-3000)}`,
          ),
        );
      } else if (!Number.isFinite(kib)) {
        reject(new Error(`GNU time gave no peak RSS for ${cmd}: ${JSON.stringify(timeText)}`));
      } else {
        resolve({ wallS, rssBytes: kib * 1024, stdout, stderr });
      }
    });
  });
}

/** The end of an output, without `::add-mask::` lines (they hold the registry's token). */
function unmasked(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
    .slice(-3000);
}

export interface ActionMeasured extends Measured {
  outputs: Record<string, string>;
  summary: string;
}

/**
 * Runs a bundled entry (dist/main or dist/pull) as the runner does: `node dist/<entry>/index.js`
 * (with `node`, default the Node running the benchmark),
 * every input as INPUT_<NAME> (upper-cased, hyphens kept), GITHUB_OUTPUT and GITHUB_STEP_SUMMARY
 * files, and none of our own GITHUB_* / INPUT_* variables.
 */
export async function measureAction(
  root: string,
  entry: 'main' | 'pull',
  inputs: Record<string, string>,
  node: string = process.execPath,
): Promise<ActionMeasured> {
  const work = mkdtempSync(path.join(tmpdir(), 'lei-bench-run-'));
  const outputFile = path.join(work, 'github_output');
  const summaryFile = path.join(work, 'step_summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('GITHUB_') || name.startsWith('INPUT_') || name === 'RUNNER_DEBUG')
      continue;
    env[name] = value;
  }
  env['GITHUB_OUTPUT'] = outputFile;
  env['GITHUB_STEP_SUMMARY'] = summaryFile;
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  try {
    const run = await measure(node, [path.join(root, 'dist', entry, 'index.js')], {
      env,
      cwd: work,
    });
    return {
      ...run,
      outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
      summary: readFileSync(summaryFile, 'utf8'),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A command's first line of output (for versions), or 'unknown'. */
export function firstLine(cmd: string, args: string[]): string {
  const result = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000 });
  const text = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  return result.status === 0 && text !== '' ? (text.split('\n')[0] ?? text) : 'unknown';
}

/** Flushes dirty pages so one measurement's writeback does not run into the next one. */
export function sync(): void {
  spawnSync('sync', [], { stdio: 'ignore' });
}
