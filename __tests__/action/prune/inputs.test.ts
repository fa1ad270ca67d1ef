import { describe, expect, it } from 'vitest';
import { readPruneInputs } from '../../../src/action/prune/inputs.js';
import { html, inline } from '../../../src/action/untrusted.js';

const env = { GITHUB_REPOSITORY_OWNER: 'Lei-Org', GITHUB_ACTOR: 'octocat' };
const get =
  (values: Record<string, string>) =>
  (name: string): string =>
    values[name] ?? '';

describe('readPruneInputs', () => {
  const defaults = {
    registry: 'ghcr.io',
    repository: 'Lei-Org/lei-cache',
    'keep-days': '30',
    'keep-weeks': '12',
    'dry-run': 'false',
    'max-deletions': '100',
    username: 'octocat',
    token: 'ghs_x',
  };

  it('reads the action.yml defaults, lowercasing the default repository', () => {
    expect(readPruneInputs(get(defaults), env)).toEqual({
      registry: 'ghcr.io',
      repository: 'lei-org/lei-cache',
      keepDays: 30,
      keepWeeks: 12,
      dryRun: false,
      maxDeletions: 100,
      credentials: { username: 'octocat', password: 'ghs_x' },
    });
  });

  it('takes 0 for the counts and true for dry-run', () => {
    const inputs = readPruneInputs(
      get({
        ...defaults,
        'keep-days': '0',
        'keep-weeks': '0',
        'max-deletions': '0',
        'dry-run': 'true',
      }),
      env,
    );
    expect([inputs.keepDays, inputs.keepWeeks, inputs.maxDeletions, inputs.dryRun]).toEqual([
      0,
      0,
      0,
      true,
    ]);
  });

  it.each([
    ['keep-days', '-1', "Input 'keep-days': '-1' is not a whole number from 0 to 36500 (e.g. 30)."],
    [
      'keep-weeks',
      '1.5',
      "Input 'keep-weeks': '1.5' is not a whole number from 0 to 5200 (e.g. 12).",
    ],
    [
      'max-deletions',
      'all',
      "Input 'max-deletions': 'all' is not a whole number from 0 to 100000 (e.g. 100).",
    ],
    ['dry-run', 'yes', "Input 'dry-run': 'yes' is not a boolean; write true or false."],
    ['registry', 'https://ghcr.io', "Input 'registry': 'https://ghcr.io' has a scheme"],
    ['repository', 'Lei-Org/Cache', "Input 'repository': 'Lei-Org/Cache' has capital letters"],
  ])('names the input %s and the fix for %s', (name, value, message) => {
    expect(() => readPruneInputs(get({ ...defaults, [name]: value }), env)).toThrow(message);
  });

  it('needs an owner in the repository on ghcr.io', () => {
    expect(() => readPruneInputs(get({ ...defaults, repository: 'lei-cache' }), env)).toThrow(
      "Input 'repository': 'lei-cache' names no owner; on ghcr.io a package is <owner>/<name>, e.g. my-org/lei-cache.",
    );
    expect(
      readPruneInputs(
        get({ ...defaults, repository: 'lei-cache', registry: 'localhost:5000' }),
        env,
      ).repository,
    ).toBe('lei-cache');
  });

  it('needs a token for ghcr.io, not for another registry', () => {
    expect(() => readPruneInputs(get({ ...defaults, token: '' }), env)).toThrow(
      /Input 'token': is empty; GitHub's Packages API needs one/,
    );
    expect(
      readPruneInputs(get({ ...defaults, token: '', registry: 'localhost:5000' }), env).credentials,
    ).toBeUndefined();
  });
});

describe('untrusted text (the shared module, as prune uses it)', () => {
  it('inline keeps a value on one line; no line of it can be a workflow command', () => {
    expect(inline('a\r\n::error::x')).toBe('a\\r\\n::error::x');
    expect(inline('  ##[error]x')).toBe('  ##\\[error]x');
    expect(inline('line\u2028sep\u0085')).toBe('line\\u2028sep\\u0085');
    expect(inline('2026-11-22')).toBe('2026-11-22');
  });

  it('html leaves no markup or Markdown', () => {
    expect(html('</td><img src=x>')).toBe('&#60;/td&#62;&#60;img src&#61;x&#62;');
    expect(html('[a](http://x) **b** `c`')).toBe(
      '&#91;a&#93;&#40;http://x&#41; &#42;&#42;b&#42;&#42; &#96;c&#96;',
    );
    expect(html('latest')).toBe('latest');
  });
});
