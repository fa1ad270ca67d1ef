/**
 * A `repository` written with its host (as docker/metadata-action users write images): dropped
 * with a warning when it is the registry, refused naming both inputs when it is another host,
 * before any request. The rule is shared by push and prune (action/inputs.ts readRepository).
 */
import { describe, expect, it } from 'vitest';
import { readPruneInputs } from '../../src/action/prune/inputs.js';
import { readPushInputs } from '../../src/action/push/inputs.js';
import { env, getter, inputError } from './inputKit.js';

const push = (values: Record<string, string>) =>
  readPushInputs(getter({ 'export-dir': 'e', ...values }), env);
const prune = (values: Record<string, string>) => readPruneInputs(getter(values), env);

describe('a repository that starts with the registry host', () => {
  it.each([
    ['ghcr.io', 'ghcr.io/lei-org/lei-cache', 'lei-org/lei-cache'],
    // docker/metadata-action's `ghcr.io/${{ github.repository_owner }}/...`: the default, lowercased
    ['ghcr.io', 'ghcr.io/Lei-Org/lei-cache', 'lei-org/lei-cache'],
    ['ghcr.io', 'GHCR.IO/lei-org/nested/cache', 'lei-org/nested/cache'],
    ['127.0.0.1:5000', '127.0.0.1:5000/lei-org/lei-cache', 'lei-org/lei-cache'],
    ['localhost:5000', 'localhost:5000/team/cache', 'team/cache'],
  ])('registry %s, repository %s: uses %s and says so', (registry, repository, used) => {
    for (const inputs of [push({ registry, repository }), prune({ registry, repository })]) {
      expect(inputs.repository).toBe(used);
      expect(inputs.warnings).toEqual([
        `Input 'repository': '${repository}' starts with the registry host; using '${used}'.`,
      ]);
    }
  });

  it('a repository without a host gets no warning', () => {
    expect(push({ repository: 'lei-org/lei-cache' }).warnings).toBeUndefined();
    expect(prune({ repository: 'lei-org/lei-cache' }).warnings).toBeUndefined();
  });

  it('a host alone is no repository: the path check says so', () => {
    const error = inputError(() => push({ repository: 'ghcr.io/' }));
    expect(error.message).toMatch(/^Input 'repository': repository "ghcr.io\/" has an empty path/);
  });
});

describe('a repository that starts with another host', () => {
  it.each([
    ['ghcr.io', 'docker.io/x/y', 'docker.io', 'x/y'],
    [
      'ghcr.io',
      'registry.example.com/lei-org/lei-cache',
      'registry.example.com',
      'lei-org/lei-cache',
    ],
    ['ghcr.io', '127.0.0.1:5000/x', '127.0.0.1:5000', 'x'],
    ['ghcr.io', 'localhost/lei-org/lei-cache', 'localhost', 'lei-org/lei-cache'],
    ['127.0.0.1:5000', 'ghcr.io:443/lei-org/lei-cache', 'ghcr.io:443', 'lei-org/lei-cache'],
  ])(
    'registry %s, repository %s: refused naming both inputs',
    (registry, repository, host, path) => {
      for (const read of [push, prune]) {
        const error = inputError(() => read({ registry, repository }));
        expect(error.input).toBe('repository');
        expect(error.message).toBe(
          `Input 'repository': '${repository}' starts with the host ${host}, but 'registry' is ${registry}; ` +
            `give the host in 'registry' and only the path here (registry: ${host}, repository: ${path}).`,
        );
      }
    },
  );

  it("on another registry a first component with a '.' is a path (mirrors keep the source host)", () => {
    const inputs = push({ registry: '127.0.0.1:5000', repository: 'docker.io/library/alpine' });
    expect(inputs.repository).toBe('docker.io/library/alpine');
    expect(inputs.warnings).toBeUndefined();
  });
});
