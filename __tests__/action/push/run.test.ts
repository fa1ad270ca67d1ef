import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionDeps } from '../../../src/action/deps.js';
import type { PushInputs } from '../../../src/action/push/inputs.js';
import { runPush } from '../../../src/action/push/run.js';
import { defaultServices } from '../../../src/action/services.js';
import { AuthError, RegistryError } from '../../../src/registry/index.js';
import type { Registry } from '../../../src/registry/types.js';
import { recordingIO } from '../../../test-support/recordingIO.js';

const EXAMPLE = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '../../../examples/export',
);

describe('runPush without a runner', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'lei-run-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  const base: PushInputs = {
    exportDir: EXAMPLE,
    registry: 'ghcr.io',
    repository: 'lei-org/lei-cache',
    tags: [],
    annotations: {},
    push: false,
    allowOlder: false,
    summary: true,
    verifyContent: true,
    maxShrink: 50,
  };

  it('push: false packages, writes the layout, sets every output and the summary, with no registry', async () => {
    const io = recordingIO();
    const layout = path.join(scratch, 'layout');
    const services = {
      ...defaultServices(),
      createRegistry: (): Registry => {
        throw new Error('no registry may be created when push is false');
      },
    };
    const outputs = await runPush({ ...base, ociLayout: layout }, { io, services, env: {} });
    expect(io.groups).toEqual([
      'Validate and package the export',
      'Write the OCI image layout',
      'Job summary',
    ]);
    expect(outputs.tags).toEqual(['2026-11-22', 'latest', 'weekly']);
    expect(io.outputs['digest']).toBe(outputs.digest);
    expect(io.outputs['reference']).toBe(`ghcr.io/lei-org/lei-cache@${outputs.digest}`);
    expect(io.outputs['tags']).toBe('2026-11-22,latest,weekly');
    expect(JSON.parse(io.outputs['manifest'] ?? '')).toMatchObject({ schemaVersion: 2 });
    const index = JSON.parse(await readFile(path.join(layout, 'index.json'), 'utf8')) as {
      manifests: { digest: string }[];
    };
    expect(index.manifests.map((m) => m.digest)).toEqual([
      outputs.digest,
      outputs.digest,
      outputs.digest,
    ]);
    expect(io.summaries).toHaveLength(1);
    expect(io.summaries[0]).toContain('packaged (not pushed)');
    expect(io.summaries[0]).toContain(`ghcr.io/lei-org/lei-cache:2026-11-22@${outputs.digest}`);
  });

  // A fake registry: GHCR's 403 "secondary rate limit" and a 403 DENIED on an existing package
  // cannot be produced by the real test registry; the e2e tests cover the real 401.
  function failingRegistry(error: Error): ActionDeps['services'] {
    return {
      ...defaultServices(),
      createRegistry: (): Registry => ({
        pushArtifact: () => Promise.reject(error),
        pullArtifact: () => Promise.reject(error),
        readTag: () => Promise.resolve({ kind: 'absent' }),
        close: () => undefined,
      }),
    };
  }

  it('a 403 DENIED gets the permissions advice, keeps the cause, and sets no output', async () => {
    const io = recordingIO();
    const denied = new AuthError({
      operation: 'push manifest to ghcr.io/lei-org/lei-cache',
      status: 403,
      code: 'DENIED',
      detail: 'permission_denied: write_package',
    });
    const failure = runPush(
      { ...base, push: true },
      { io, services: failingRegistry(denied), env: {} },
    );
    await expect(failure).rejects.toThrow(/packages: write[\s\S]*Manage Actions access/);
    await expect(failure).rejects.toHaveProperty('cause', denied);
    expect(io.outputs).toEqual({});
  });

  it('a secondary rate limit gets the rate-limit advice, not the permissions advice', async () => {
    const io = recordingIO();
    const limited = new RegistryError({
      operation: 'push blob',
      status: 403,
      detail: 'secondary rate limit',
      retryable: true,
    });
    const failure = runPush(
      { ...base, push: true },
      { io, services: failingRegistry(limited), env: {} },
    );
    await expect(failure).rejects.toThrow(/rate limiting/);
    await expect(failure).rejects.not.toThrow(/Manage Actions access/);
  });

  it("tags without the snapshot's date tag: it is added first in the log, the layout, the outputs and the summary", async () => {
    const io = recordingIO();
    const layout = path.join(scratch, 'layout-nightly');
    const outputs = await runPush(
      { ...base, tags: ['nightly'], ociLayout: layout },
      { io, services: defaultServices(), env: {} },
    );
    expect(io.lines).toContain(
      "Tags: 2026-11-22, nightly (2026-11-22 added: the snapshot's date tag is always pushed)",
    );
    expect(outputs.tags).toEqual(['2026-11-22', 'nightly']);
    expect(io.outputs['tags']).toBe('2026-11-22,nightly');
    const index = JSON.parse(await readFile(path.join(layout, 'index.json'), 'utf8')) as {
      manifests: { annotations: Record<string, string> }[];
    };
    expect(index.manifests.map((m) => m.annotations['org.opencontainers.image.ref.name'])).toEqual([
      '2026-11-22',
      'nightly',
    ]);
    const summary = io.summaries[0] ?? '';
    expect(summary).toContain(
      '<th align="left">Tags</th><td><code>2026-11-22</code> <code>nightly</code></td>',
    );
    // LowEndInsight's own tasks take a tag: the date tag, never the digest
    expect(summary).toContain(
      '```sh\nmix lei.cache.pull ghcr.io/lei-org/lei-cache:2026-11-22 -o lei-cache\nmix lei.cache.import lei-cache\n```',
    );
  });
});
