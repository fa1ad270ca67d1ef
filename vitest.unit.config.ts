// `npm run test:unit`: the tests that need no registry, no skopeo and no bundled dist/, in well
// under a minute. Integration and end-to-end tests are known by name (see test-support/unitOnly.ts,
// which makes a test that needs a registry fail here instead of passing unnoticed).
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        '**/node_modules/**',
        '**/*.integration.test.ts',
        '__tests__/e2e/**',
        '__tests__/harness/**',
      ],
      env: { LEI_UNIT_ONLY: '1' },
      // One worker a core (vitest's default leaves one core free, which on 2 cores means one
      // worker): these files spend much of their time waiting on child processes and the disk.
      maxWorkers: '100%',
    },
  }),
);
