/**
 * `npm run test:unit` (vitest.unit.config.ts) runs every test file except the integration and
 * end-to-end ones, which it selects by name: `*.integration.test.ts`, `__tests__/e2e/`, and
 * `__tests__/harness/` (the tests of this harness). It sets LEI_UNIT_ONLY=1, and then anything
 * here that needs a registry, skopeo or the bundled dist/ fails the test that asked for it, so
 * a new file that needs them but is not named so cannot pass there unnoticed (nor be skipped):
 * it fails until it is renamed.
 */
export function refuseInUnitRun(what: string): void {
  if (process.env['LEI_UNIT_ONLY'] !== '1') return;
  throw new Error(
    `${what}, but this test file runs in 'npm run test:unit' (LEI_UNIT_ONLY=1), which has none: ` +
      'name it *.integration.test.ts (or put it in __tests__/e2e/) so that only npm test runs it.',
  );
}
