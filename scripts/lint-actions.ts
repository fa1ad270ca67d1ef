// Checks the GitHub Actions files of this repository (part of `npm run lint`):
//  - every action metadata file (action.yml at the root and in sub-action folders such as pull/)
//    and every workflow in .github/workflows against GitHub's schemas for them (SchemaStore's
//    github-action and github-workflow schemas, built into @action-validator/core, so it runs
//    offline);
//  - every `uses:` of another repository's action is pinned to a full commit SHA with the tag
//    in a comment (`owner/repo@<40 hex> # v4.4.0`), which is what Dependabot keeps up to date.
// Usage: tsx scripts/lint-actions.ts [file ...]   (no files: all of this repository's)
// Exit code 1 when any file has a problem; each problem is printed as `file: where: what`.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateAction, validateWorkflow } from '@action-validator/core';
import type { ValidationError, ValidationState } from '@action-validator/core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Folders that hold no action of ours (or only copies of others'). */
const SKIP = new Set(['node_modules', '.git', 'dist', 'out', 'coverage', '.bench']);

type Kind = 'action' | 'workflow';

async function findFiles(): Promise<string[]> {
  const found: string[] = [];
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP.has(entry.name)) await walk(full);
      } else if (entry.isFile() && /^action\.ya?ml$/.test(entry.name)) {
        found.push(full);
      }
    }
  }
  await walk(root);
  const workflows = path.join(root, '.github', 'workflows');
  for (const name of await readdir(workflows).catch(() => [])) {
    if (/\.ya?ml$/.test(name)) found.push(path.join(workflows, name));
  }
  return found.sort();
}

function kindOf(file: string): Kind {
  return /(^|[\\/])action\.ya?ml$/.test(file) ? 'action' : 'workflow';
}

/**
 * Flattens the validator's errors to lines. A `one_of` error lists, for each alternative the
 * schema allows, why it did not match; the alternative with the fewest complaints is nearly
 * always the one that was meant, so only its errors are shown.
 */
function describe(errors: readonly ValidationError[]): string[] {
  const lines: string[] = [];
  for (const error of errors) {
    const where = 'path' in error && error.path ? error.path : '/';
    const states = 'states' in error ? error.states : undefined;
    if (error.code === 'one_of' && states && states.length > 0) {
      const closest = [...states].sort((a, b) => a.errors.length - b.errors.length)[0];
      if (closest && closest.errors.length > 0) {
        lines.push(...describe(closest.errors));
        continue;
      }
    }
    let at = where;
    if ('location' in error && error.location)
      at = `line ${error.location.line}, column ${error.location.column}`;
    lines.push(`${at}: ${error.title}${error.detail ? ` (${error.detail})` : ''}`);
  }
  return lines;
}

const FULL_SHA = /^[0-9a-f]{40}$/;

/** `uses:` lines that name another repository's action without a full SHA and a tag comment. */
function unpinnedUses(text: string): string[] {
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = /^\s*(?:-\s+)?uses:\s*(['"]?)([^'"\s#]+)\1\s*(?:#\s*(.*))?$/.exec(line);
    if (!match) return;
    const target = match[2] ?? '';
    const comment = (match[3] ?? '').trim();
    if (target.startsWith('./') || target.startsWith('docker://')) return; // ours, or an image
    const at = target.lastIndexOf('@');
    const ref = at === -1 ? '' : target.slice(at + 1);
    const where = `line ${index + 1}`;
    if (!FULL_SHA.test(ref)) {
      problems.push(
        `${where}: '${target}' is not pinned to a full commit SHA; use ${target.slice(0, at === -1 ? undefined : at)}@<40-hex commit> # <tag>`,
      );
    } else if (!/^v?\d+(\.\d+)*\S*/.test(comment)) {
      problems.push(
        `${where}: '${target}' needs the tag it stands for in a comment (e.g. '# v4.4.0'), for readers and Dependabot`,
      );
    }
  });
  return problems;
}

async function check(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  const kind = kindOf(file);
  let state: ValidationState;
  // The validator prints a warning for every glob it cannot check (paths, branches filters):
  // they are not problems with our files, so they are kept out of the lint output.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!/Glob validation is not yet supported/.test(String(args[0]))) warn(...args);
  };
  try {
    state = kind === 'action' ? validateAction(text) : validateWorkflow(text);
  } finally {
    console.warn = warn;
  }
  return [...describe(state.errors), ...unpinnedUses(text)];
}

const args = process.argv.slice(2);
const files = args.length > 0 ? args.map((f) => path.resolve(f)) : await findFiles();
if (files.length === 0) {
  console.error('lint-actions: found no action.yml or workflow to check');
  process.exit(1);
}
let failed = 0;
for (const file of files) {
  const name = path.relative(process.cwd(), file) || file;
  let problems: string[];
  try {
    problems = await check(file);
  } catch (error) {
    problems = [`cannot be checked: ${error instanceof Error ? error.message : String(error)}`];
  }
  if (problems.length > 0) {
    failed += 1;
    for (const problem of problems) console.error(`${name}: ${problem}`);
  }
}
if (failed > 0) {
  console.error(`lint-actions: ${failed} of ${files.length} files have problems`);
  process.exit(1);
}
console.log(
  `lint-actions: ${files.length} files valid against GitHub's schemas, every action pinned by SHA`,
);
