import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry } from '../../test-support/registry.js';

// A fake docker-registry (a shell script) stands in for failures the real one cannot be made to
// produce on demand: a crash at startup and a lost race for the port.
describe('startRegistry when the registry does not come up', () => {
  let dir: string;
  const saved = process.env.LEI_DOCKER_REGISTRY_BIN;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lei-harness-startup-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.LEI_DOCKER_REGISTRY_BIN;
    else process.env.LEI_DOCKER_REGISTRY_BIN = saved;
  });

  async function fake(name: string, body: string): Promise<string> {
    const file = join(dir, name);
    await writeFile(file, `#!/bin/sh\n${body}\n`);
    await chmod(file, 0o755);
    process.env.LEI_DOCKER_REGISTRY_BIN = file;
    return file;
  }

  it('fails fast with the tail of the registry log', async () => {
    await fake('crash', 'echo "configuration error: bad storage driver" >&2; exit 1');
    const started = Date.now();
    const error = (await startRegistry({ auth: 'none' }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/did not start on 127\.0\.0\.1:\d+ \(exited\)/);
    expect(error.message).toContain('configuration error: bad storage driver');
    expect(Date.now() - started).toBeLessThan(10_000); // not the 15 s startup timeout
  });

  it('retries on a new port when the port was taken meanwhile, then gives up', async () => {
    const counter = join(dir, 'attempts');
    await writeFile(counter, '');
    await fake(
      'busy',
      `echo x >> ${counter}; echo "listen tcp 127.0.0.1:1: bind: address already in use" >&2; exit 1`,
    );
    const error = (await startRegistry({ auth: 'token' }).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('address already in use');
    expect((await readFile(counter, 'utf8')).trim().split('\n')).toHaveLength(5);
  });
});
