import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPushInputs } from '../../../src/action/push/inputs.js';
import { env, getter, inputError } from '../inputKit.js';

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
      maxShrink: 50,
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
    [{ 'max-shrink': '101' }, 'max-shrink', /whole number of percent from 0 to 100, got '101'/],
    [{ 'max-shrink': '-1' }, 'max-shrink', /from 0 to 100, got '-1'.*100 turns the check off/],
    [{ 'max-shrink': '50.5' }, 'max-shrink', /whole number/],
    [{ 'max-shrink': 'half' }, 'max-shrink', /whole number/],
    [{ 'max-shrink': '1e2' }, 'max-shrink', /whole number/],
    [{ 'max-shrink': '0x10' }, 'max-shrink', /whole number/],
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

  it('verify-content reads False', () => {
    expect(
      readPushInputs(getter({ 'export-dir': 'e', 'verify-content': 'False' }), env),
    ).toMatchObject({ verifyContent: false });
  });

  it.each([
    ['0', 0],
    ['100', 100],
    ['75%', 75],
    ['007', 7],
    ['', 50],
  ])('max-shrink %j reads as %d percent', (raw, percent) => {
    expect(readPushInputs(getter({ 'export-dir': 'e', 'max-shrink': raw }), env).maxShrink).toBe(
      percent,
    );
  });
});
