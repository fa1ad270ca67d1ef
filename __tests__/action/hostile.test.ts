/**
 * Hostile values from each source (the export, an input, the registry) through the real
 * @actions/core IO: the exact stdout lines the runner would read, the job summary file and the
 * output file. No registry is needed here (push: false, and a stand-in for the registry's failure
 * whose body text the real test registry cannot be made to send); the e2e tests repeat the
 * export and registry cases against the real registry.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PushInputs } from '../../src/action/push/inputs.js';
import { runPull } from '../../src/action/pull/run.js';
import { runPush } from '../../src/action/push/run.js';
import { coreIO, runEntry } from '../../src/action/runner.js';
import { defaultServices } from '../../src/action/services.js';
import { RegistryError, parseReference } from '../../src/registry/index.js';
import type { Registry } from '../../src/registry/types.js';
import { parseOutputFile } from '../../test-support/runAction.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/export');

export const HOSTILE_LEI_VERSION =
  '0.9.1\n::error title=injected::this snapshot is fine\n::add-mask::lei-cache';
const HOSTILE_MARKUP = '0.9.1</td></tr></table>\n\n# Fine [docs](https://evil.example) <img src=x>';

/** Lines the runner would act on: V2 commands (`::` after blanks) and legacy `##[` anywhere. */
function commandLines(stdout: string): string[] {
  // eslint-disable-next-line no-control-regex -- the runner's own idea of leading blanks
  const command = /^[\s\u001c-\u001f\u0085]*::/;
  return stdout.split(/\r\n|\r|\n/).filter((l) => command.test(l) || l.includes('##['));
}

/** Captures what @actions/core writes to stdout while `fn` runs. */
async function captureStdout(fn: () => Promise<unknown>): Promise<string> {
  const original = process.stdout.write.bind(process.stdout);
  let text = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  try {
    await fn();
  } finally {
    process.stdout.write = original;
  }
  return text;
}

describe('hostile text through the real @actions/core IO', () => {
  let scratch: string;
  let exportDir: string;
  let summaryFile: string | undefined;
  let outputFile: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'lei-hostile-'));
    exportDir = path.join(scratch, 'export\n::add-mask::runner');
    await cp(EXAMPLE, exportDir, { recursive: true });
    const manifest = JSON.parse(
      await readFile(path.join(exportDir, 'manifest.json'), 'utf8'),
    ) as Record<string, unknown>;
    manifest['lei_version'] = HOSTILE_LEI_VERSION;
    manifest['format_version'] = '2.0\n::stop-commands::lei';
    await writeFile(path.join(exportDir, 'manifest.json'), JSON.stringify(manifest));
    await writeFile(path.join(exportDir, 'notes\n::error::evil.txt'), 'x');
    await writeFile(path.join(exportDir, 'x ##[add-mask]y'), 'x');
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });
  afterEach(() => {
    process.exitCode = undefined;
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  /** Fresh output and summary files (core.summary keeps the first path it saw: truncate it). */
  async function files(): Promise<void> {
    summaryFile ??= path.join(scratch, 'summary');
    outputFile = path.join(await mkdtemp(path.join(scratch, 'run-')), 'output');
    await writeFile(summaryFile, '');
    await writeFile(outputFile, '');
    process.env['GITHUB_STEP_SUMMARY'] = summaryFile;
    process.env['GITHUB_OUTPUT'] = outputFile;
  }

  function inputs(extra: Partial<PushInputs> = {}): PushInputs {
    return {
      exportDir,
      registry: 'ghcr.io',
      repository: 'lei-org/lei-cache',
      tags: [],
      annotations: { 'org.example.note': '<img src=x onerror=alert(1)> & [x](y)' },
      push: false,
      summary: true,
      allowOlder: false,
      verifyContent: true,
      maxShrink: 50,
      ...extra,
    };
  }

  it('an export with hostile lei_version, format_version and file names, and a hostile path: no command, exact lines', async () => {
    await files();
    const layout = path.join(scratch, 'layout\n::error::x');
    await mkdir(layout);
    const stdout = await captureStdout(() =>
      runPush(inputs({ ociLayout: layout }), {
        io: coreIO(),
        services: defaultServices(),
        env: {},
      }),
    );
    // the only commands are the action's own groups and warnings
    expect(commandLines(stdout).map((l) => /^::([a-z-]+)/.exec(l)?.[1])).toEqual([
      'group',
      'warning',
      'warning',
      'endgroup',
      'group',
      'endgroup',
      'group',
      'endgroup',
    ]);
    const lines = stdout.split('\n');
    const dir = exportDir.replace('\n', '\\n');
    expect(lines).toContain(`Export: ${dir}`);
    expect(lines).toContain(
      'Snapshot 2026-11-22, 12 entries, LEI 0.9.1\\n::error title=injected::this snapshot is fine\\n::add-mask::lei-cache',
    );
    expect(lines).toContain(
      `::warning::${dir}/manifest.json has format_version "2.0\\n::stop-commands::lei"; this action knows "1.0", packaging the files as they are`,
    );
    expect(lines).toContain(
      `::warning::${dir} also holds notes\\n::error::evil.txt, x ##\\[add-mask]y: not packaged (an LEI cache artifact carries only manifest.json and cache.jsonl.gz)`,
    );
    expect(lines).toContain(
      `Wrote ${layout.replace('\n', '\\n')} with ref names 2026-11-22, latest, weekly`,
    );

    const summary = await readFile(summaryFile ?? '', 'utf8');
    expect(summary).toContain(
      '<tr><th align="left">LEI version</th><td>0.9.1&#92;n::error title&#61;injected::this snapshot is fine&#92;n::add-mask::lei-cache</td></tr>',
    );
    expect(summary).toContain(`<code>skopeo copy oci:${layout.replace('\n', '&#92;n')}:2026-11-22`);
    expect(summary).not.toContain('\n::');
    expect(summary).not.toMatch(/<img|\[x\]\(y\)/);

    // outputs: the manifest output is HTML-safe JSON, the others cannot hold markup
    const outputs = parseOutputFile(await readFile(outputFile, 'utf8'));
    expect(outputs['manifest']).toContain(
      '"org.example.note":"\\u003cimg src=x onerror=alert(1)\\u003e \\u0026 [x](y)"',
    );
    for (const value of Object.values(outputs)) expect(value).not.toMatch(/[<>&\n]/);
  });

  it('an lei_version with markup renders as text in the summary table', async () => {
    await files();
    const dir = path.join(scratch, 'markup-export');
    await cp(EXAMPLE, dir, { recursive: true });
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    manifest['lei_version'] = HOSTILE_MARKUP;
    await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
    const stdout = await captureStdout(() =>
      runPush(inputs({ exportDir: dir }), { io: coreIO(), services: defaultServices(), env: {} }),
    );
    expect(stdout.split('\n')).toContain(
      'Snapshot 2026-11-22, 12 entries, LEI 0.9.1</td></tr></table>\\n\\n# Fine [docs](https://evil.example) <img src=x>',
    );
    const summary = await readFile(summaryFile ?? '', 'utf8');
    expect(summary).toContain(
      '<td>0.9.1&#60;/td&#62;&#60;/tr&#62;&#60;/table&#62;&#92;n&#92;n&#35; Fine &#91;docs&#93;&#40;https://evil.example&#41; &#60;img src&#61;x&#62;</td>',
    );
    expect(summary.match(/<\/table>/g)).toHaveLength(1);
    expect(summary).not.toContain('<img');
  });

  /** The real services, but a registry whose every push and pull fails with `err`. */
  const servicesFailingWith = (err: Error): ReturnType<typeof defaultServices> => ({
    ...defaultServices(),
    createRegistry: (): Registry => ({
      pushArtifact: () => Promise.reject(err),
      pullArtifact: () => Promise.reject(err),
      readTag: () => Promise.resolve({ kind: 'absent' }),
      close: () => undefined,
    }),
  });

  it("a registry's hostile error body ends the job with one ::error:: line and nothing else", async () => {
    await files();
    const hostile = new RegistryError({
      operation: 'push manifest 127.0.0.1:5000/lei-org/lei-cache:latest',
      status: 400,
      code: 'MANIFEST_INVALID',
      detail: 'bad\n::add-mask::lei-cache\r\n##[set-output name=digest]sha256:0 <img src=x>',
    });
    const services = servicesFailingWith(hostile);
    const stdout = await captureStdout(() =>
      runEntry(() =>
        runPush(inputs({ exportDir: EXAMPLE, push: true, summary: false }), {
          io: coreIO(),
          services,
          env: {},
        }).then(() => undefined),
      ),
    );
    expect(process.exitCode).toBe(1);
    const commands = commandLines(stdout).map((l) => /^::([a-z-]+)/.exec(l)?.[1]);
    // the push step failed before it logged a line: no empty group for it
    expect(commands.filter((c) => c !== 'debug')).toEqual(['group', 'endgroup', 'error']);
    const error = stdout.split('\n').find((l) => l.startsWith('::error::'));
    expect(error).toBe(
      '::error::Pushing to ghcr.io/lei-org/lei-cache failed: push manifest 127.0.0.1:5000/lei-org/lei-cache:latest: 400 MANIFEST_INVALID: bad\\n::add-mask::lei-cache\\r\\n##\\[set-output name=digest]sha256:0 <img src=x>',
    );
  });

  it("the pull action: a registry's hostile error body and a hostile output-dir stay one line of text", async () => {
    await files();
    const hostile = new RegistryError({
      operation: 'pull manifest 127.0.0.1:5000/lei-org/lei-cache:latest',
      status: 404,
      code: 'MANIFEST_UNKNOWN',
      detail: 'unknown\n::add-mask::lei-cache ##[warning]x',
    });
    const services = servicesFailingWith(hostile);
    const outputDir = path.join(scratch, 'out\n::add-mask::x');
    const stdout = await captureStdout(() =>
      runEntry(() =>
        runPull(
          {
            reference: parseReference('127.0.0.1:5000/lei-org/lei-cache:latest'),
            referenceText: '127.0.0.1:5000/lei-org/lei-cache:latest',
            outputDir,
            verifyContent: true,
          },
          { io: coreIO(), services, env: {} },
        ).then(() => undefined),
      ),
    );
    expect(process.exitCode).toBe(1);
    // no add-mask or warning from the hostile text, and no empty group for the failed pull
    expect(
      commandLines(stdout)
        .map((l) => /^::([a-z-]+)/.exec(l)?.[1])
        .filter((c) => c !== 'debug'),
    ).toEqual(['error']);
    expect(stdout.split('\n').filter((l) => l.startsWith('::error::'))).toEqual([
      '::error::Pulling 127.0.0.1:5000/lei-org/lei-cache:latest failed: pull manifest 127.0.0.1:5000/lei-org/lei-cache:latest: 404 MANIFEST_UNKNOWN: unknown\\n::add-mask::lei-cache ##\\[warning]x. The registry has no such repository, tag or digest; check the reference.',
    ]);
  });
});
