// Checks the GitHub Actions files of this repository (part of `npm run lint`):
//  - every action metadata file (action.yml at the root and in sub-action folders such as pull/)
//    and every workflow in .github/workflows against GitHub's schemas for them (SchemaStore's
//    github-action and github-workflow schemas, built into @action-validator/core, so it runs
//    offline);
//  - every `uses:` of another repository's action is pinned to a full commit SHA with the tag
//    in a comment (`owner/repo@<40 hex> # v4.4.0`), which is what Dependabot keeps up to date;
//  - the examples in the Markdown files (*.md at the root and in docs/): every ```yaml block
//    that is a complete workflow (top-level `on:` and `jobs:`) against the workflow schema, and
//    the `uses:` lines of every ```yaml block, workflow or snippet. Readers paste these into
//    their workflows, so other repositories' actions are pinned by SHA as in ours; this action
//    itself (`<owner>/lei-cache-action[/pull|/prune]`) may be named by its release tag (`@v1`,
//    `@v1.2.3`), which is what the README documents, and a local `./` action is an error there
//    (a reader's repository has none).
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

type Kind = 'action' | 'workflow' | 'markdown';

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
  for (const dir of [root, path.join(root, 'docs')]) {
    for (const name of await readdir(dir).catch(() => [])) {
      if (name.endsWith('.md')) found.push(path.join(dir, name));
    }
  }
  return found.sort();
}

function kindOf(file: string): Kind {
  if (file.endsWith('.md')) return 'markdown';
  return /(^|[\\/])action\.ya?ml$/.test(file) ? 'action' : 'workflow';
}

/** Where a block of YAML sits in its file: its first line's number, less one. */
interface Place {
  lineOffset: number;
  /** prefix for errors that carry a schema path but no line (a Markdown block's fence line) */
  block?: string;
}

const TOP: Place = { lineOffset: 0 };

/**
 * Flattens the validator's errors to lines. A `one_of` error lists, for each alternative the
 * schema allows, why it did not match; the alternative with the fewest complaints is nearly
 * always the one that was meant, so only its errors are shown.
 */
function describe(errors: readonly ValidationError[], place: Place = TOP): string[] {
  const lines: string[] = [];
  for (const error of errors) {
    const where = 'path' in error && error.path ? error.path : '/';
    const states = 'states' in error ? error.states : undefined;
    if (error.code === 'one_of' && states && states.length > 0) {
      const closest = [...states].sort((a, b) => a.errors.length - b.errors.length)[0];
      if (closest && closest.errors.length > 0) {
        lines.push(...describe(closest.errors, place));
        continue;
      }
    }
    let at = place.block ? `${place.block}: ${where}` : where;
    if ('location' in error && error.location)
      at = `line ${error.location.line + place.lineOffset}, column ${error.location.column}`;
    lines.push(`${at}: ${error.title}${error.detail ? ` (${error.detail})` : ''}`);
  }
  return lines;
}

const FULL_SHA = /^[0-9a-f]{40}$/;
/** This action and its sub-actions, as the docs name them (`org/lei-cache-action/pull`). */
const THIS_ACTION = /^[\w.-]+\/lei-cache-action(\/(pull|prune))?$/;
/** The release tags this action is documented with: the major tag, or an exact release. */
const RELEASE_TAG = /^v\d+(\.\d+\.\d+)?$/;

/** What is wrong with one `uses:` target, or undefined. `docs`: a Markdown example. */
function usesProblem(target: string, comment: string, docs: boolean): string | undefined {
  if (target.startsWith('docker://')) return undefined; // an image
  if (target.startsWith('./')) {
    return docs
      ? `'${target}' is a local action, which a reader's repository does not have; name the action as owner/repo@ref`
      : undefined; // ours, in this repository's workflows
  }
  const at = target.lastIndexOf('@');
  const name = target.slice(0, at === -1 ? undefined : at);
  const ref = at === -1 ? '' : target.slice(at + 1);
  if (docs && THIS_ACTION.test(name) && RELEASE_TAG.test(ref)) return undefined;
  if (!FULL_SHA.test(ref)) {
    const ours =
      docs && THIS_ACTION.test(name) ? ` (or a release tag of this action: ${name}@v1)` : '';
    return `'${target}' is not pinned to a full commit SHA; use ${name}@<40-hex commit> # <tag>${ours}`;
  }
  if (!/^v?\d+(\.\d+)*\S*/.test(comment)) {
    return `'${target}' needs the tag it stands for in a comment (e.g. '# v4.4.0'), for readers and Dependabot`;
  }
  return undefined;
}

/** `uses:` lines that name another repository's action without a full SHA and a tag comment. */
function unpinnedUses(text: string, place: Place = TOP, docs = false): string[] {
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = /^\s*(?:-\s+)?uses:\s*(['"]?)([^'"\s#]+)\1\s*(?:#\s*(.*))?$/.exec(line);
    if (!match) return;
    const problem = usesProblem(match[2] ?? '', (match[3] ?? '').trim(), docs);
    if (problem) problems.push(`line ${index + 1 + place.lineOffset}: ${problem}`);
  });
  return problems;
}

/**
 * Permission scopes GitHub has that the workflow schema built into @action-validator/core 0.6.0
 * does not know yet: `attestations` (what actions/attest needs). Only an "additional property"
 * error for exactly these keys under a `permissions:` block is let through; any other key there
 * is still an error.
 */
const SCHEMA_GAPS =
  /\/permissions: Property conditions are not met \(Additional property '(attestations)' is not allowed\)$/;

/** Runs a validator with its glob warnings silenced. */
function validate(kind: 'action' | 'workflow', text: string): ValidationState {
  // The validator prints a warning for every glob it cannot check (paths, branches filters):
  // they are not problems with our files, so they are kept out of the lint output.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!/Glob validation is not yet supported/.test(String(args[0]))) warn(...args);
  };
  try {
    return kind === 'action' ? validateAction(text) : validateWorkflow(text);
  } finally {
    console.warn = warn;
  }
}

interface YamlBlock {
  text: string;
  /** the line number of the opening fence */
  fence: number;
}

/** The ```yaml (or ```yml) blocks of a Markdown text, unindented when they sit in a list. */
function yamlBlocks(markdown: string): YamlBlock[] {
  const blocks: YamlBlock[] = [];
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*ya?ml\b/.exec(lines[i] ?? '');
    if (!open) continue;
    const [, indent = '', fence = ''] = open;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !(lines[j] ?? '').trim().startsWith(fence)) {
      const line = lines[j] ?? '';
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart());
      j += 1;
    }
    blocks.push({ text: `${body.join('\n')}\n`, fence: i + 1 });
    i = j;
  }
  return blocks;
}

/** A complete workflow, not a snippet: it has the two keys every workflow must have. */
function isWorkflow(yaml: string): boolean {
  return /^(on|"on"|'on'):/m.test(yaml) && /^jobs:/m.test(yaml);
}

function checkMarkdown(text: string): string[] {
  const problems: string[] = [];
  for (const block of yamlBlocks(text)) {
    const place = { lineOffset: block.fence, block: `the yaml block at line ${block.fence}` };
    if (isWorkflow(block.text)) {
      const errors = describe(validate('workflow', block.text).errors, place);
      problems.push(...errors.filter((line) => !SCHEMA_GAPS.test(line)));
    }
    problems.push(...unpinnedUses(block.text, place, true));
  }
  return problems;
}

async function check(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  const kind = kindOf(file);
  if (kind === 'markdown') return checkMarkdown(text);
  const errors = describe(validate(kind, text).errors).filter((line) => !SCHEMA_GAPS.test(line));
  return [...errors, ...unpinnedUses(text)];
}

const args = process.argv.slice(2);
const files = args.length > 0 ? args.map((f) => path.resolve(f)) : await findFiles();
if (files.length === 0) {
  console.error('lint-actions: found no action.yml, workflow or Markdown file to check');
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
  `lint-actions: ${files.length} files valid against GitHub's schemas (workflows in Markdown too), every action pinned by SHA`,
);
