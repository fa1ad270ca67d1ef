import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/action/errors.js';
import { readPullInputs, readPushInputs } from '../../src/action/inputs.js';

/** The runner's view of the inputs: action.yml defaults already filled in, as the runner does. */
function getter(values: Record<string, string>): (name: string) => string {
  const defaults: Record<string, string> = {
    registry: 'ghcr.io',
    repository: 'Lei-Org/lei-cache',
    username: 'octocat',
    token: 'ghs_secret',
    push: 'true',
    summary: 'true',
  };
  const all = { ...defaults, ...values };
  return (name) => all[name] ?? '';
}

const env = {
  GITHUB_REPOSITORY_OWNER: 'Lei-Org',
  GITHUB_REPOSITORY: 'Lei-Org/lei-nightly',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_SHA: 'abc123',
  GITHUB_WORKSPACE: '/work/space',
};

function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('readPushInputs', () => {
  it('reads the defaults: lowercased default repository, ghcr.io, no explicit tags, GitHub annotations', () => {
    const inputs = readPushInputs(getter({ 'export-dir': 'export' }), env);
    expect(inputs).toEqual({
      exportDir: path.resolve('/work/space', 'export'),
      registry: 'ghcr.io',
      repository: 'lei-org/lei-cache',
      tags: [],
      credentials: { username: 'octocat', password: 'ghs_secret' },
      annotations: {
        'org.opencontainers.image.source': 'https://github.com/Lei-Org/lei-nightly',
        'org.opencontainers.image.revision': 'abc123',
      },
      push: true,
      allowOlder: false,
      summary: true,
      verifyContent: true,
    });
  });

  it('puts the user annotations after the GitHub ones and lets them override source', () => {
    const inputs = readPushInputs(
      getter({
        'export-dir': 'e',
        annotations:
          'org.example.team=supply chain\n\norg.opencontainers.image.source = https://example.org/x\nempty=\nwith=equals=sign',
      }),
      env,
    );
    expect(Object.entries(inputs.annotations)).toEqual([
      ['org.opencontainers.image.source', 'https://example.org/x'],
      ['org.opencontainers.image.revision', 'abc123'],
      ['org.example.team', 'supply chain'],
      ['empty', ''],
      ['with', 'equals=sign'],
    ]);
  });

  it('splits tags on commas and newlines, drops blanks and duplicates', () => {
    const inputs = readPushInputs(
      getter({ 'export-dir': 'e', tags: 'v1, nightly\n\nv1,\n2026-11-22' }),
      env,
    );
    expect(inputs.tags).toEqual(['v1', 'nightly', '2026-11-22']);
  });

  it('accepts an explicit lowercase repository and a loopback registry with a port', () => {
    const inputs = readPushInputs(
      getter({ 'export-dir': 'e', repository: 'other/lei-cache', registry: '127.0.0.1:5000' }),
      env,
    );
    expect(inputs.repository).toBe('other/lei-cache');
    expect(inputs.registry).toBe('127.0.0.1:5000');
  });

  it('push: false needs no token, oci-layout is resolved against the workspace', () => {
    const inputs = readPushInputs(
      getter({ 'export-dir': 'e', push: 'false', token: '', 'oci-layout': 'out/layout' }),
      env,
    );
    expect(inputs.push).toBe(false);
    expect(inputs.credentials).toBeUndefined();
    expect(inputs.ociLayout).toBe(path.resolve('/work/space/out/layout'));
  });

  it.each([
    [{ 'export-dir': '' }, 'export-dir', /required/],
    [{ repository: 'Other-Org/lei-cache' }, 'repository', /lowercase.*'other-org\/lei-cache'/],
    [{ repository: 'ghcr.io/org/lei-cache:latest' }, 'repository', /no host, tag or digest/],
    [{ repository: 'org//lei' }, 'repository', /empty path component/],
    [{ registry: 'https://ghcr.io' }, 'registry', /scheme.*'ghcr.io'/],
    [{ registry: 'ghcr.io/org' }, 'registry', /path/],
    [{ registry: 'bad host' }, 'registry', /host\[:port\]/],
    [{ registry: 'localhost:99999' }, 'registry', /host\[:port\]/],
    [{ tags: 'latest,-bad' }, 'tags', /'-bad' is not a valid OCI tag/],
    [{ tags: 'a'.repeat(129) }, 'tags', /not a valid OCI tag/],
    [{ tags: 'has space' }, 'tags', /not a valid OCI tag/],
    [{ annotations: 'novalue' }, 'annotations', /line 1 .*no '='/],
    [{ annotations: 'a=1\n=2' }, 'annotations', /line 2 .*empty key/],
    [{ annotations: 'a=1\na=2' }, 'annotations', /'a' appears twice/],
    [
      { annotations: 'org.opencontainers.image.created=2020-01-01T00:00:00Z' },
      'annotations',
      /cannot be overridden/,
    ],
    [{ annotations: 'bad key=1' }, 'annotations', /may hold only/],
    [{ push: 'yes' }, 'push', /'yes' is not a boolean; write true or false/],
    [{ summary: '1' }, 'summary', /not a boolean/],
    [{ 'allow-older': 'yes' }, 'allow-older', /'yes' is not a boolean/],
    [
      { annotations: 'a=1\n::add-mask::x y' },
      'annotations',
      /^Input 'annotations': line 2 \('::add-mask::x y'\) has no '='/,
    ],
    [{ 'verify-content': 'no' }, 'verify-content', /'no' is not a boolean; write true or false/],
    [{ token: '' }, 'token', /is empty/],
    [{ 'oci-layout': 'e' }, 'oci-layout', /must not be the export directory/],
  ])('rejects %j naming the input', (values, input, message) => {
    const error = inputError(() => readPushInputs(getter({ 'export-dir': 'e', ...values }), env));
    expect(error.input).toBe(input);
    expect(error.message).toMatch(new RegExp(`^Input '${input}': `));
    expect(error.message).toMatch(message);
  });

  it('without GITHUB_REPOSITORY_OWNER an empty repository is an error', () => {
    const error = inputError(() =>
      readPushInputs(getter({ 'export-dir': 'e', repository: '' }), {}),
    );
    expect(error.input).toBe('repository');
  });

  it('outside a workflow there are no GitHub annotations', () => {
    const inputs = readPushInputs(getter({ 'export-dir': '/abs/e', repository: 'a/b' }), {});
    expect(inputs.annotations).toEqual({});
    expect(inputs.exportDir).toBe('/abs/e');
  });
});

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
    expect(
      readPushInputs(getter({ 'export-dir': 'e', 'verify-content': 'False' }), env),
    ).toMatchObject({ verifyContent: false });
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
