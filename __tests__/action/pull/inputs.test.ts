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
    [
      'lei-org/lei-cache:latest',
      `'lei-org/lei-cache:latest' is not a valid reference: no registry host (a host has a "." or a ":", or is localhost). ` +
        'Write [oci://]host/repository:tag or host/repository@sha256:<64 hex>, e.g. ghcr.io/lei-org/lei-cache:latest.',
    ],
    [
      'x',
      `'x' is not a valid reference: no registry host (nor a "/" between a host and the repository). ` +
        'Write [oci://]host/repository:tag or host/repository@sha256:<64 hex>, e.g. ghcr.io/my-org/lei-cache:latest.',
    ],
    [
      'ghcr.io/lei-org/lei-cache:-x',
      `'ghcr.io/lei-org/lei-cache:-x' is not a valid reference: tag "-x" starts with "-": a tag must start with a letter, digit or "_". ` +
        'Write [oci://]host/repository:tag or host/repository@sha256:<64 hex>, e.g. ghcr.io/my-org/lei-cache:latest.',
    ],
  ])('refuses %j at once, quoting it once', (reference, message) => {
    const error = inputError(() => readPullInputs(getter({ reference, 'output-dir': 'o' }), env));
    expect(error.message).toBe(`Input 'reference': ${message}`);
    expect(error.message.split(`'${reference}'`)).toHaveLength(2);
    expect(error.message).not.toContain(`"${reference}"`);
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
