import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeWithRegistry, startRegistry } from '../../test-support/registry.js';

describeWithRegistry('temp dirs of killed test processes', () => {
  it('are removed by the first registry start in a later process; live owners are left alone', async () => {
    const deadPid = spawnSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' }).stdout.trim();
    const stale = await mkdtemp(join(tmpdir(), 'lei-registry-'));
    await writeFile(join(stale, 'owner.pid'), deadPid);
    const alive = await mkdtemp(join(tmpdir(), 'lei-registry-'));
    await writeFile(join(alive, 'owner.pid'), String(process.ppid));
    const registry = await startRegistry({ auth: 'none' });
    try {
      for (let i = 0; i < 100 && existsSync(stale); i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(alive)).toBe(true);
      expect(existsSync(registry.storageDir.replace(/\/storage$/, ''))).toBe(true);
    } finally {
      await registry.stop();
      await rm(alive, { recursive: true, force: true });
    }
  });
});
