import { expect } from 'vitest';
import { InputError } from '../../src/action/errors.js';

/** The runner's view of the inputs: action.yml defaults already filled in, as the runner does. */
export function getter(values: Record<string, string>): (name: string) => string {
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

export const env = {
  GITHUB_REPOSITORY_OWNER: 'Lei-Org',
  GITHUB_REPOSITORY: 'Lei-Org/lei-nightly',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_SHA: 'abc123',
  GITHUB_WORKSPACE: '/work/space',
};

export function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}
