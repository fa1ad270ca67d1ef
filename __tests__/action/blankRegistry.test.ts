/**
 * A blank `registry` input means ghcr.io in every action (issue 16): the runner passes an empty
 * or all-blank value when a workflow writes `registry: ''` or `registry: ${{ vars.UNSET }}`.
 */
import { describe, expect, it } from 'vitest';
import { readPruneInputs } from '../../src/action/prune/inputs.js';
import { readPushInputs } from '../../src/action/push/inputs.js';

const env = { GITHUB_REPOSITORY_OWNER: 'lei-org', GITHUB_ACTOR: 'octocat' };
const input =
  (values: Record<string, string>) =>
  (name: string): string =>
    values[name] ?? '';

describe('a blank registry input', () => {
  it.each(['', '   ', '\n'])('means ghcr.io in push and prune (%j)', (registry) => {
    const common = { registry, repository: 'lei-org/lei-cache', token: 'ghs_x' };
    expect(readPushInputs(input({ ...common, 'export-dir': 'e' }), env).registry).toBe('ghcr.io');
    expect(readPruneInputs(input(common), env).registry).toBe('ghcr.io');
  });
});
