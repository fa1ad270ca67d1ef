// scripts/lint-actions.ts (run by `npm run lint`): GitHub's schemas for action metadata and
// workflows, and SHA pinning of other repositories' actions. Runs the script as `npm run lint`
// does, on this repository's files and on small broken copies in a temporary directory.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const script = path.join(root, 'scripts', 'lint-actions.ts');

function lint(files: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(tsx, [script, ...files], { cwd: root }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lei-lint-actions-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const full = path.join(dir, name);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, text);
  return full;
}

describe('lint-actions', () => {
  it("passes this repository's action.yml files and workflows", async () => {
    const result = await lint([]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/lint-actions: \d+ files valid/);
    // the root action, the pull action and both workflows at least
    expect(Number(/(\d+) files valid/.exec(result.stdout)?.[1])).toBeGreaterThanOrEqual(4);
  });

  it('rejects action metadata that breaks the schema, naming the file and the key', async () => {
    const pull = await readFile(path.join(root, 'pull', 'action.yml'), 'utf8');
    // the first input's description key, misspelt
    const misspelt = pull.replace('\n    description:', '\n    descripton:');
    expect(misspelt).not.toBe(pull);
    const typo = await file('typo/action.yml', misspelt);
    const runtime = await file(
      'runtime/action.yml',
      pull.replace('using: node20', 'using: node21'),
    );
    const result = await lint([typo, runtime]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "typo/action.yml: /inputs/reference: Property conditions are not met (Additional property 'descripton' is not allowed)",
    );
    expect(result.stderr).toContain(
      'typo/action.yml: /inputs/reference/description: This property is required',
    );
    expect(result.stderr).toContain('runtime/action.yml: /runs/using: Enum conditions are not met');
    expect(result.stderr).toContain('lint-actions: 2 of 2 files have problems');
  });

  it('rejects a workflow that breaks the schema or is not YAML', async () => {
    const bad = await file(
      'bad.yml',
      'name: x\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n',
    );
    const broken = await file('broken.yml', 'name: x\non: [push\n');
    const result = await lint([bad, broken]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "bad.yml: /jobs/a: Property conditions are not met (Additional property 'stepz' is not allowed)",
    );
    expect(result.stderr).toMatch(/broken\.yml: line \d+, column \d+: Parse Error/);
  });

  it('requires a full commit SHA and the tag in a comment for every action of another repository', async () => {
    const ci = await readFile(path.join(root, '.github', 'workflows', 'ci.yml'), 'utf8');
    const pinned = /uses: (actions\/checkout)@([0-9a-f]{40}) # (v[\d.]+)/.exec(ci);
    expect(pinned).not.toBeNull();
    const [line, name, sha] = pinned as unknown as [string, string, string];
    const byTag = await file('by-tag.yml', ci.replace(line, `uses: ${name}@v4`));
    const shortSha = await file(
      'short-sha.yml',
      ci.replace(line, `uses: ${name}@${sha.slice(0, 7)} # v4`),
    );
    const noComment = await file('no-comment.yml', ci.replace(line, `uses: ${name}@${sha}`));
    const result = await lint([byTag, shortSha, noComment]);
    expect(result.code).toBe(1);
    const lineNo = ci.slice(0, ci.indexOf(line)).split('\n').length;
    expect(result.stderr).toContain(
      `by-tag.yml: line ${lineNo}: 'actions/checkout@v4' is not pinned to a full commit SHA`,
    );
    expect(result.stderr).toContain(
      `short-sha.yml: line ${lineNo}: 'actions/checkout@${sha.slice(0, 7)}' is not pinned to a full commit SHA`,
    );
    expect(result.stderr).toContain(
      `no-comment.yml: line ${lineNo}: 'actions/checkout@${sha}' needs the tag it stands for in a comment`,
    );
    // local actions (uses: ./, ./pull) need no pin: the unchanged workflow passes
    expect((await lint([await file('ok.yml', ci)])).code).toBe(0);
  });

  it("checks the workflows in README.md: a broken one fails, at the README's own line", async () => {
    const readme = await readFile(path.join(root, 'README.md'), 'utf8');
    const first = readme.indexOf('    runs-on: ');
    expect(first).toBeGreaterThan(0); // the README has a complete workflow with a job
    const broken = await file(
      'readme/README.md',
      `${readme.slice(0, first)}    runs-onn: ${readme.slice(first + '    runs-on: '.length)}`,
    );
    const result = await lint([broken]);
    expect(result.code).toBe(1);
    const lines = readme.slice(0, first).split('\n');
    const fence = lines.map((l) => l.startsWith('```yaml')).lastIndexOf(true) + 1;
    expect(result.stderr).toContain(`readme/README.md: the yaml block at line ${fence}: /jobs/`);
    expect(result.stderr).toContain("Additional property 'runs-onn' is not allowed");
  });

  it('checks the yaml blocks of Markdown files: workflows against the schema, every uses: pinned', async () => {
    const sha = '11d5960a326750d5838078e36cf38b85af677262';
    const doc = await file(
      'docs/example.md',
      [
        '# Example', //                                                          1
        '',
        '```yaml', //                                                            3
        'name: nightly',
        'on: push',
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-latest',
        '    stepz: []', //                                                      9
        '```',
        '',
        '```yaml',
        'on: [push',
        'jobs: {}',
        '```',
        '',
        '- a step in a list:',
        '',
        '  ```yaml', //                                                          19
        '  steps:',
        '    - uses: actions/checkout@v4', //                                    21
        `    - uses: actions/setup-node@${sha} # v4.4.0`,
        '    - uses: org/lei-cache-action@v1',
        '    - uses: org/lei-cache-action/pull@v1.2.3',
        `    - uses: org/lei-cache-action/prune@${sha} # v1.2.3`,
        '    - uses: org/lei-cache-action@main', //                              26
        '    - uses: ./pull', //                                                 27
        '    - uses: docker://alpine:3',
        '  ```',
        '',
        '```sh',
        'uses: not/yaml@v1',
        '```',
        '',
      ].join('\n'),
    );
    const result = await lint([doc]);
    expect(result.code).toBe(1);
    const problems = result.stderr
      .split('\n')
      .filter((l) => l.includes('docs/example.md: '))
      .map((l) => l.slice(l.indexOf('docs/example.md: ')));
    expect(problems).toEqual([
      "docs/example.md: the yaml block at line 3: /jobs/a: Property conditions are not met (Additional property 'stepz' is not allowed)",
      expect.stringMatching(/^docs\/example\.md: line 14, column \d+: Parse Error/),
      "docs/example.md: line 21: 'actions/checkout@v4' is not pinned to a full commit SHA; use actions/checkout@<40-hex commit> # <tag>",
      "docs/example.md: line 26: 'org/lei-cache-action@main' is not pinned to a full commit SHA; use org/lei-cache-action@<40-hex commit> # <tag> (or a release tag of this action: org/lei-cache-action@v1)",
      "docs/example.md: line 27: './pull' is a local action, which a reader's repository does not have; name the action as owner/repo@ref",
    ]);
  });

  it("lets GitHub's attestations permission through (the bundled schema predates it), and no other unknown one", async () => {
    const workflow = (scope: string): string =>
      [
        '```yaml',
        'on: push',
        'permissions:',
        `  ${scope}: write`,
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-latest',
        '    permissions:',
        `      ${scope}: write`,
        '    steps: [{ run: "true" }]',
        '```',
        '',
      ].join('\n');
    const known = await file('perm/known.md', workflow('attestations'));
    const typo = await file('perm/typo.md', workflow('attestation'));
    expect((await lint([known])).code).toBe(0);
    const result = await lint([typo]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "perm/typo.md: the yaml block at line 1: /permissions: Property conditions are not met (Additional property 'attestation' is not allowed)",
    );
  });
});
