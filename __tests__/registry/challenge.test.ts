import { describe, expect, it } from 'vitest';
import { parseChallenges } from '../../src/registry/index.js';

describe('parseChallenges', () => {
  it('parses a Docker token challenge with a comma inside a quoted scope', () => {
    expect(
      parseChallenges(
        'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:org/lei-cache:pull,push"',
      ),
    ).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://ghcr.io/token',
          service: 'ghcr.io',
          scope: 'repository:org/lei-cache:pull,push',
        },
      },
    ]);
  });

  it('parses several challenges in one header and across header lines', () => {
    expect(
      parseChallenges('Basic realm="Registry Realm", Bearer realm="https://a/token", service="a"'),
    ).toEqual([
      { scheme: 'basic', params: { realm: 'Registry Realm' } },
      { scheme: 'bearer', params: { realm: 'https://a/token', service: 'a' } },
    ]);
    expect(parseChallenges(['Basic realm="x"', 'Bearer realm="y"']).map((c) => c.scheme)).toEqual([
      'basic',
      'bearer',
    ]);
  });

  it('handles spacing, case, unquoted values and escaped quotes', () => {
    expect(
      parseChallenges(
        'BEARER  Realm = "https://x/t" ,SERVICE=reg.example ,  error="insufficient_scope", note="say \\"hi\\""',
      ),
    ).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://x/t',
          service: 'reg.example',
          error: 'insufficient_scope',
          note: 'say "hi"',
        },
      },
    ]);
  });

  it('keeps several scopes separated by spaces in one value', () => {
    const [c] = parseChallenges(
      'Bearer realm="r",scope="repository:a:pull repository:b:pull,push"',
    );
    expect(c!.params['scope']).toBe('repository:a:pull repository:b:pull,push');
  });

  it('tolerates a scheme without parameters, token68 and garbage', () => {
    expect(parseChallenges('Negotiate abc==, Basic realm="x"')).toEqual([
      { scheme: 'negotiate', params: {} },
      { scheme: 'basic', params: { realm: 'x' } },
    ]);
    expect(parseChallenges('')).toEqual([]);
    expect(parseChallenges(undefined)).toEqual([]);
    expect(parseChallenges('Bearer realm="unterminated')).toEqual([
      { scheme: 'bearer', params: { realm: 'unterminated' } },
    ]);
  });
});
