/**
 * Runs the bundled actions exactly as a GitHub runner does: `node dist/<entry>/index.js` with
 * INPUT_<NAME> variables (upper-cased, hyphens kept), and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY
 * files that the runner reads back afterwards.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { refuseInUnitRun } from './unitOnly.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const EXAMPLE_EXPORT = path.join(ROOT, 'examples/export');

export interface NodeBinary {
  /** e.g. 'node 20.20.2' */
  label: string;
  path: string;
  major: number;
}

function versionOf(binary: string): string | undefined {
  try {
    accessSync(binary, fsConstants.X_OK);
  } catch {
    return undefined;
  }
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  return result.status === 0 ? result.stdout.trim().replace(/^v/, '') : undefined;
}

function binary(pathname: string): NodeBinary | undefined {
  const version = versionOf(pathname);
  if (version === undefined) return undefined;
  return { label: `node ${version}`, path: pathname, major: Number(version.split('.')[0]) };
}

/** The Node that runs the tests (Node 20 on this project's machines). */
export const CURRENT_NODE: NodeBinary = binary(process.execPath) ?? {
  label: `node ${process.versions.node}`,
  path: process.execPath,
  major: Number(process.versions.node.split('.')[0]),
};

/** Node 24 from the `node24` dev dependency (npm's `node` package), or LEI_NODE24_BIN. */
export const NODE24_PATH =
  process.env['LEI_NODE24_BIN'] || path.join(ROOT, 'node_modules/node24/bin/node');
export const NODE24: NodeBinary | undefined = (() => {
  const found = binary(NODE24_PATH);
  return found && found.major === 24 ? found : undefined;
})();

/** The Nodes the end-to-end tests run the bundled actions under: this one, and Node 24 when found. */
export const ACTION_NODES: readonly NodeBinary[] = [
  CURRENT_NODE,
  ...(NODE24 && NODE24.path !== CURRENT_NODE.path ? [NODE24] : []),
];

export interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** `::error::` lines (message part) */
  errors: string[];
  /** `::add-mask::` values */
  masked: string[];
}

/** Parses the GITHUB_OUTPUT file: `name=value` lines and `name<<DELIMITER` heredocs. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const name = heredoc[1] ?? '';
      const delimiter = heredoc[2] ?? '';
      const body: string[] = [];
      i += 1;
      while (i < lines.length && lines[i] !== delimiter) {
        body.push(lines[i] ?? '');
        i += 1;
      }
      if (i >= lines.length) throw new Error(`GITHUB_OUTPUT: heredoc for ${name} is not closed`);
      outputs[name] = body.join('\n');
    } else if (line.includes('=')) {
      const eq = line.indexOf('=');
      outputs[line.slice(0, eq)] = line.slice(eq + 1);
    } else if (line.trim() !== '') {
      throw new Error(`GITHUB_OUTPUT: unexpected line ${JSON.stringify(line)}`);
    }
  }
  return outputs;
}

/**
 * Runs dist/<entry>/index.js with `node` and the given inputs. Inputs left out get the value the
 * runner would give them from action.yml (`defaults`), as the runner always sets every input.
 */
export async function runAction(
  node: NodeBinary,
  entry: 'main' | 'pull' | 'prune',
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<ActionRun> {
  refuseInUnitRun(`This test runs the bundled dist/${entry}/index.js`);
  const work = await mkdtemp(path.join(tmpdir(), 'lei-e2e-run-'));
  const outputFile = path.join(work, 'github_output');
  const summaryFile = path.join(work, 'step_summary');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const childEnv: Record<string, string> = {};
  // A clean environment, like a runner's: nothing of the test process's GITHUB_* or INPUT_*.
  for (const [name, value] of Object.entries(process.env)) {
    if (
      value !== undefined &&
      !name.startsWith('GITHUB_') &&
      !name.startsWith('INPUT_') &&
      name !== 'RUNNER_DEBUG'
    ) {
      childEnv[name] = value;
    }
  }
  Object.assign(
    childEnv,
    { GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_DEBUG: '1' },
    env,
  );
  for (const [name, value] of Object.entries(inputs))
    childEnv[`INPUT_${name.toUpperCase()}`] = value;

  try {
    const child = spawn(node.path, [path.join(ROOT, 'dist', entry, 'index.js')], {
      cwd: work,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const status = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve(code));
    });
    const lines = stdout.split('\n');
    return {
      status,
      stdout,
      stderr,
      outputs: parseOutputFile(await readFile(outputFile, 'utf8')),
      summary: await readFile(summaryFile, 'utf8'),
      errors: lines
        .filter((l) => l.startsWith('::error::'))
        .map((l) => unescapeCommand(l.slice('::error::'.length))),
      masked: lines
        .filter((l) => l.startsWith('::add-mask::'))
        .map((l) => l.slice('::add-mask::'.length)),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Undoes the workflow-command escaping of @actions/core (%25, %0D, %0A). */
function unescapeCommand(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

/** The workflow context of a job in Lei-Org/lei-nightly (an owner with capitals, as GitHub allows). */
export function nightlyContext(workspace: string): Record<string, string> {
  return {
    GITHUB_REPOSITORY_OWNER: 'Lei-Org',
    GITHUB_REPOSITORY: 'Lei-Org/lei-nightly',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_ACTOR: 'octocat',
    GITHUB_WORKSPACE: workspace,
  };
}

/** The push action's inputs in that job for a test registry: action.yml's defaults, then `extra`. */
export function nightlyPushInputs(
  registry: { host: string; password: string },
  extra: Record<string, string>,
): Record<string, string> {
  return {
    ...pushDefaults({ owner: 'Lei-Org', actor: 'octocat', token: registry.password }),
    registry: registry.host,
    'export-dir': EXAMPLE_EXPORT,
    ...extra,
  };
}

/** The push action's action.yml defaults, as the runner fills them in. */
export function pushDefaults(context: {
  owner: string;
  actor: string;
  token: string;
}): Record<string, string> {
  return {
    registry: 'ghcr.io',
    repository: `${context.owner}/lei-cache`,
    tags: '',
    username: context.actor,
    token: context.token,
    annotations: '',
    push: 'true',
    'allow-older': 'false',
    'oci-layout': '',
    summary: 'true',
    'verify-content': 'true',
    'max-shrink': '50',
  };
}
