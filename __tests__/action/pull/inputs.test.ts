import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPullInputs } from '../../../src/action/pull/inputs.js';
import { env, getter, inputError } from '../inputKit.js';

describe('readPullInputs', () => {
  it('parses a tag reference with oci:// and resolves output-dir', () => {
    const inputs = readPullInputs(
      getter({ reference: 'oci://ghcr.io/lei-org/lei-cache:2026-11-22', 'output-dir': 'restored' }),
      env,
    );
    expect(inputs.reference).toEqual({
      registry: 'ghcr.io',
      repository: 'lei-org/lei-cache',
      tag: '2026-11-22',
    });
    expect(inputs.referenceText).toBe('ghcr.io/lei-org/lei-cache:2026-11-22');
    expect(inputs.outputDir).toBe(path.resolve('/work/space/restored'));
    expect(inputs.credentials).toEqual({ username: 'octocat', password: 'ghs_secret' });
  });

  it('verify-content defaults to true and reads false', () => {
    const base = { reference: 'ghcr.io/a/b:latest', 'output-dir': 'o' };
    expect(readPullInputs(getter(base), env).verifyContent).toBe(true);
    expect(readPullInputs(getter({ ...base, 'verify-content': 'false' }), env).verifyContent).toBe(
      false,
    );
  });

  it('parses a digest reference; an empty token pulls anonymously', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const inputs = readPullInputs(
      getter({ reference: `127.0.0.1:5000/x/y@${digest}`, 'output-dir': '/o', token: '' }),
      env,
    );
    expect(inputs.reference).toEqual({ registry: '127.0.0.1:5000', repository: 'x/y', digest });
    expect(inputs.credentials).toBeUndefined();
  });

  it.each([
    [{ reference: '' }, 'reference', /required/],
    [{ reference: 'lei-cache:latest' }, 'reference', /no registry host/],
    [{ reference: 'ghcr.io/Lei-Org/lei-cache' }, 'reference', /capital/],
    [{ reference: 'https://ghcr.io/a/b' }, 'reference', /scheme/],
    [{ reference: 'ghcr.io/a/b@sha256:123' }, 'reference', /sha256/],
    [{ 'output-dir': '' }, 'output-dir', /required/],
    [{ 'verify-content': 'off' }, 'verify-content', /'off' is not a boolean/],
  ])('rejects %j naming the input', (values, input, message) => {
    const error = inputError(() =>
      readPullInputs(
        getter({ reference: 'ghcr.io/a/b:latest', 'output-dir': 'o', ...values }),
        env,
      ),
    );
    expect(error.input).toBe(input);
    expect(error.message).toMatch(message);
  });
});
