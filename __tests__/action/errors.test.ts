import { describe, expect, it } from 'vitest';
import {
  causeChain,
  isAuthFailure,
  isRateLimited,
  pushPermissionHint,
} from '../../src/action/errors.js';
import { AuthError, NetworkError, RegistryError } from '../../src/registry/index.js';

// Error objects built directly (no HTTP): GHCR's 403 "secondary rate limit" and 429 are answers
// the real test registry cannot give, so the classification is checked on the registry room's
// own error types.
describe('registry failure classification', () => {
  it('an AuthError (401/403) is a permission problem, also when wrapped', () => {
    const auth = new AuthError({
      operation: 'push manifest',
      status: 403,
      code: 'DENIED',
      detail: 'denied',
    });
    expect(isAuthFailure(auth)).toBe(true);
    expect(isAuthFailure(new Error('outer', { cause: auth }))).toBe(true);
    expect(isRateLimited(auth)).toBe(false);
  });

  it('a 403 secondary rate limit and a 429 are rate limits, not permission problems', () => {
    const secondary = new RegistryError({
      operation: 'push blob',
      status: 403,
      detail: 'secondary rate limit',
      retryable: true,
    });
    const tooMany = new RegistryError({ operation: 'push blob', status: 429, retryable: true });
    for (const error of [secondary, tooMany]) {
      expect(isAuthFailure(error)).toBe(false);
      expect(isRateLimited(error)).toBe(true);
    }
  });

  it('network errors are neither', () => {
    const error = new NetworkError({ operation: 'push blob', detail: 'ECONNRESET' });
    expect(isAuthFailure(error)).toBe(false);
    expect(isRateLimited(error)).toBe(false);
  });

  it('the push hint names packages: write and Manage Actions access', () => {
    const hint = pushPermissionHint('ghcr.io', 'lei-org/lei-cache');
    expect(hint).toContain('permissions: packages: write');
    expect(hint).toContain('"Manage Actions access"');
    expect(hint).toContain('lei-org');
  });

  it('the cause chain lists every cause', () => {
    const chain = causeChain(new Error('outer', { cause: new Error('inner', { cause: 'root' }) }));
    expect(chain).toMatch(/^Error: outer/);
    expect(chain).toContain('caused by: Error: inner');
    expect(chain).toContain('caused by: root');
  });
});
