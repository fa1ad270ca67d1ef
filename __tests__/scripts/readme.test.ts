// The README's inputs and outputs tables against the action.yml files: every input with its
// default, every output. (The README may run ahead of an action.yml during a merge, so a row the
// action.yml does not have yet is not an error here; one it has and the README lacks is.)
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Metadata {
  /** input name -> its default as the README writes it: `required`, `empty` or `value` */
  inputs: Record<string, string>;
  outputs: string[];
}

/** The inputs and outputs of an action.yml (its two-level layout, as GitHub's schema has it). */
function readMetadata(yaml: string): Metadata {
  const inputs: Record<string, string> = {};
  const outputs: string[] = [];
  let section = '';
  let current = '';
  for (const line of yaml.split('\n')) {
    const top = /^(\w[\w-]*):/.exec(line);
    if (top) section = top[1] ?? '';
    const key = /^ {2}([\w-]+):\s*$/.exec(line);
    if (key && section === 'inputs') inputs[(current = key[1] ?? '')] = 'empty';
    if (key && section === 'outputs') outputs.push(key[1] ?? '');
    const required = /^ {4}required: true\s*$/.test(line);
    if (required && section === 'inputs') inputs[current] = 'required';
    const value = /^ {4}default: (.*)$/.exec(line)?.[1];
    if (value !== undefined && section === 'inputs') {
      const unquoted = value.replace(/^'(.*)'$/, '$1');
      inputs[current] = unquoted === '' ? 'empty' : `\`${unquoted}\``;
    }
  }
  return { inputs, outputs };
}

/** The rows of the `| input |` and `| output |` tables of a README section: name -> second cell. */
function tables(readme: string, heading: string): Record<string, Map<string, string>> {
  const start = readme.indexOf(`\n## ${heading}\n`);
  expect(start, `README section '## ${heading}'`).toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  const found: Record<string, Map<string, string>> = {};
  let table = new Map<string, string>();
  for (const line of readme.slice(start, end === -1 ? undefined : end).split('\n')) {
    const header = /^\| (input|output)\s*\|/.exec(line)?.[1];
    if (header) found[header] = table = new Map();
    const cells = /^\| `([\w-]+)`\s*\|\s*(.*?)\s*\|/.exec(line);
    if (cells) table.set(cells[1] ?? '', cells[2] ?? '');
  }
  return found;
}

describe('README inputs and outputs tables', () => {
  for (const [file, heading] of [
    ['action.yml', 'Push: `action.yml`'],
    ['pull/action.yml', 'Pull: `pull/action.yml`'],
    ['prune/action.yml', 'Prune: `prune/action.yml`'],
  ] as const) {
    it(`list every input of ${file} with its default, and every output`, async () => {
      const readme = await readFile(path.join(root, 'README.md'), 'utf8');
      const metadata = readMetadata(await readFile(path.join(root, file), 'utf8'));
      const { input: inputs, output: outputs } = tables(readme, heading);
      expect(Object.keys(metadata.inputs).length).toBeGreaterThan(0);
      for (const [input, fallback] of Object.entries(metadata.inputs)) {
        expect({ input, default: inputs?.get(input) }).toEqual({ input, default: fallback });
      }
      for (const output of metadata.outputs) expect(outputs?.has(output), output).toBe(true);
    });
  }
});
