// npm start: runs the bundled push action (dist/main/index.js) exactly as a runner would, on the
// example export, with push: false and an OCI image layout under out/: no registry, no network.
// Prints the manifest digest, the outputs and where the job summary went.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'dist/main/index.js');
const exportDir = path.join(root, 'examples/export');
const layoutDir = path.join(root, 'out/lei-cache-layout');

if (!existsSync(entry)) {
  console.error(`${path.relative(root, entry)} is missing: run 'npm run bundle' first.`);
  process.exit(1);
}

const work = mkdtempSync(path.join(tmpdir(), 'lei-cache-start-'));
const outputFile = path.join(work, 'github_output');
const summaryFile = path.join(work, 'step_summary.md');
// the runner creates both files empty
writeFileSync(outputFile, '');
writeFileSync(summaryFile, '');

// Inputs as the runner passes them: INPUT_<NAME upper-cased, hyphens kept>.
const inputs = {
  'export-dir': exportDir,
  registry: 'ghcr.io',
  repository: 'lei-example/lei-cache',
  tags: '',
  username: '',
  token: '',
  annotations: '',
  push: 'false',
  'oci-layout': layoutDir,
  summary: 'true',
};
const env = { ...process.env, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile };
// Outside a workflow: no source/revision annotations, so the digest is the example's own.
for (const name of Object.keys(env))
  if (name.startsWith('GITHUB_') && !['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY'].includes(name))
    delete env[name];
for (const name of Object.keys(env)) if (name.startsWith('INPUT_')) delete env[name];
for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;

rmSync(layoutDir, { recursive: true, force: true });
const run = spawnSync(process.execPath, [entry], { cwd: root, env, stdio: 'inherit' });
if (run.status !== 0) {
  console.error(`\nThe action failed (exit code ${run.status ?? run.signal}).`);
  process.exit(run.status ?? 1);
}

/** Parses GITHUB_OUTPUT: `name=value` lines and `name<<DELIMITER` ... `DELIMITER` blocks. */
function parseOutputs(text) {
  const outputs = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const body = [];
      while (++i < lines.length && lines[i] !== delimiter) body.push(lines[i]);
      outputs[name] = body.join('\n');
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

const outputs = parseOutputs(readFileSync(outputFile, 'utf8'));
console.log('\n--- outputs ---');
console.log(`digest:    ${outputs.digest}`);
console.log(`reference: ${outputs.reference}`);
console.log(`tags:      ${outputs.tags}`);
console.log(`size:      ${outputs.size} bytes`);
console.log(`OCI layout: ${path.relative(root, layoutDir)}`);
console.log(`job summary: ${summaryFile}`);
console.log(`\n${outputs.digest}`);
