import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CONFIG = fileURLToPath(new URL('./fixtures/vitest.config.ts', import.meta.url));
const VITEST = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));

/** Run the fixture suite in a child vitest with the tools made to look missing. */
function runFixture(env: Record<string, string>): { status: number | null; output: string } {
  const result = spawnSync(
    process.execPath,
    [VITEST, 'run', '--config', CONFIG, '--reporter', 'verbose'],
    {
      env: {
        ...process.env,
        LEI_DOCKER_REGISTRY_BIN: '/nonexistent/docker-registry',
        LEI_SKOPEO_BIN: '/nonexistent/skopeo',
        NO_COLOR: '1',
        ...env,
      },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('describeWithRegistry / describeWithSkopeo when a tool is missing', () => {
  it('skip with an install hint by default', () => {
    const { status, output } = runFixture({ LEI_REQUIRE_TOOLS: '' });
    expect(output).toContain(
      'docker-registry not installed: apt-get install -y docker-registry skopeo',
    );
    expect(output).toContain('skopeo not installed');
    expect(output).toMatch(/2 skipped/);
    expect(status).toBe(0);
  });

  it('fail the run when LEI_REQUIRE_TOOLS=1', () => {
    const { status, output } = runFixture({ LEI_REQUIRE_TOOLS: '1' });
    expect(output).toMatch(/requires docker-registry/);
    expect(output).toMatch(/requires skopeo/);
    expect(output).toMatch(/2 failed/);
    expect(status).not.toBe(0);
  });
});
