import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CONFIG = fileURLToPath(new URL('./fixtures/vitest.config.ts', import.meta.url));
const VITEST = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));

/** Run a fixture file in a child vitest with the tools made to look missing (unless env says otherwise). */
function runFixture(
  env: Record<string, string>,
  fixture = 'needsTools',
): { status: number | null; output: string } {
  const result = spawnSync(
    process.execPath,
    [VITEST, 'run', '--config', CONFIG, '--reporter', 'verbose', fixture],
    {
      env: {
        ...process.env,
        LEI_DOCKER_REGISTRY_BIN: '/nonexistent/docker-registry',
        LEI_SKOPEO_BIN: '/nonexistent/skopeo',
        NO_COLOR: '1',
        LEI_UNIT_ONLY: '',
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

describe('npm run test:unit (LEI_UNIT_ONLY=1)', () => {
  it('fails every test that needs a registry or the bundled dist/, tools installed or not', () => {
    const { status, output } = runFixture(
      // the real tools, found on PATH as npm test finds them
      { LEI_UNIT_ONLY: '1', LEI_DOCKER_REGISTRY_BIN: '', LEI_SKOPEO_BIN: '' },
      'unitOnly',
    );
    const advice =
      "but this test file runs in 'npm run test:unit' (LEI_UNIT_ONLY=1), which has none: name it *.integration.test.ts";
    expect(output).toContain(
      `"an integration suite not named *.integration.test.ts" needs docker-registry, ${advice}`,
    );
    expect(output).toContain(`This test starts a docker-registry, ${advice}`);
    expect(output).toContain(`This test runs the bundled dist/main/index.js, ${advice}`);
    expect(output).toMatch(/3 failed/);
    expect(status).not.toBe(0);
  });
});
