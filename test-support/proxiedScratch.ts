import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startFaultProxy, type FaultProxy } from './faultProxy.js';
import type { TestRegistry } from './registry.js';

/**
 * A fault proxy in front of the suite's registry and a scratch directory (`prefix` + random),
 * made in beforeAll and removed in afterAll of the current suite; returns getters (valid inside
 * tests), like useRegistry.
 */
export function useProxyAndScratch(
  registry: () => TestRegistry,
  prefix: string,
): { proxy: () => FaultProxy; scratch: () => string } {
  let proxy: FaultProxy | undefined;
  let scratch: string | undefined;
  beforeAll(async () => {
    proxy = await startFaultProxy(registry());
    scratch = await mkdtemp(path.join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await proxy?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });
  return {
    proxy: () => {
      if (proxy === undefined) throw new Error('useProxyAndScratch: the proxy is not started yet');
      return proxy;
    },
    scratch: () => {
      if (scratch === undefined) throw new Error('useProxyAndScratch: no scratch directory yet');
      return scratch;
    },
  };
}
