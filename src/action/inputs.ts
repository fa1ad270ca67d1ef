import path from 'node:path';
import { isValidRegistryHost, isValidRepository, repositoryProblem } from '../registry/index.js';
import type { Credentials } from '../registry/index.js';
import { InputError } from './errors.js';
import { inline } from './untrusted.js';

/**
 * Reads one input by its action.yml name, as given (core.getInput without trimming in the
 * runner). Each action's readInputs trims every value once, through `trimmed`; only the push's
 * `annotations` is read untrimmed (its error messages count lines from the input's first).
 */
export type GetInput = (name: string) => string;
export type Env = Record<string, string | undefined>;

/** The registry a blank `registry` input means, in every action. */
export const DEFAULT_REGISTRY = 'ghcr.io';
const FALLBACK_USERNAME = 'lei-cache-action';

/** Every input with surrounding blanks removed: the one place inputs are trimmed. */
export function trimmed(getInput: GetInput): GetInput {
  return (name) => getInput(name).trim();
}

export function readBoolean(getInput: GetInput, name: string, fallback: boolean): boolean {
  const raw = getInput(name);
  if (raw === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(raw)) return true;
  if (['false', 'False', 'FALSE'].includes(raw)) return false;
  throw new InputError(name, `'${raw}' is not a boolean; write true or false.`);
}

/** A whole number input within [0, max], or its default when empty. */
export function readCount(getInput: GetInput, name: string, fallback: number, max: number): number {
  const raw = getInput(name);
  if (raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > max) {
    throw new InputError(
      name,
      `'${raw}' is not a whole number from 0 to ${max} (e.g. ${fallback}).`,
    );
  }
  return Number(raw);
}

/**
 * The `registry` input: a host[:port], no scheme, no path, lowercased. Blank means ghcr.io, as
 * action.yml's default says, in every action.
 */
export function readRegistry(getInput: GetInput): string {
  const value = getInput('registry');
  if (value === '') return DEFAULT_REGISTRY;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value);
  if (scheme) {
    throw new InputError(
      'registry',
      `'${value}' has a scheme; give only host[:port], e.g. '${value.slice(scheme[0].length).split('/')[0]}' (loopback registries are spoken to over HTTP, all others over HTTPS).`,
    );
  }
  if (value.includes('/')) {
    throw new InputError(
      'registry',
      `'${value}' holds a path; give only host[:port] here (e.g. '${value.split('/')[0]}') and put the path into 'repository'.`,
    );
  }
  if (!isValidRegistryHost(value)) {
    throw new InputError(
      'registry',
      `'${value}' is not a host[:port] such as ghcr.io or 127.0.0.1:5000.`,
    );
  }
  return value.toLowerCase();
}

/**
 * The `repository` input. The action.yml default is `${{ github.repository_owner }}/lei-cache`,
 * which may hold capitals (GitHub owner names do; registries don't), so when the input equals that
 * default (or is empty) it is lowercased. A repository the user wrote with capitals is an error.
 * A leading host is dropped or refused first (`withoutHost`); a warning about it goes to `warnings`.
 */
export function readRepository(
  getInput: GetInput,
  env: Env,
  registry: string,
  warnings: string[],
): string {
  const given = getInput('repository');
  const path = withoutHost(given, registry);
  const value = checkedRepository(path, env);
  if (path !== given) {
    warnings.push(
      `Input 'repository': '${inline(given)}' starts with the registry host; using '${value}'.`,
    );
  }
  return value;
}

/**
 * `repository` without a leading host, as docker/metadata-action's images are written
 * (ghcr.io/my-org/lei-cache). The first '/'-separated component is a host when
 * - it equals `registry` (in any case): it is dropped;
 * - it holds a ':' (a port: no repository name has one), or, on ghcr.io, a '.' or is `localhost`
 *   (GitHub owner names are letters, digits and '-'; `localhost` is Docker's name for a host):
 *   refused, naming both inputs.
 * On another registry a first component with a '.' is a path (mirrors keep the source registry as
 * the first component, e.g. skopeo sync's docker.io/library/alpine), so it stays.
 */
function withoutHost(value: string, registry: string): string {
  const slash = value.indexOf('/');
  if (slash <= 0 || slash === value.length - 1) return value;
  const first = value.slice(0, slash);
  const rest = value.slice(slash + 1);
  if (first.toLowerCase() === registry) return rest;
  const isHost =
    first.includes(':') ||
    (registry === DEFAULT_REGISTRY && (first.includes('.') || first.toLowerCase() === 'localhost'));
  if (!isHost) return value;
  throw new InputError(
    'repository',
    `'${value}' starts with the host ${first}, but 'registry' is ${registry}; give the host in 'registry' and only the path here (registry: ${first.toLowerCase()}, repository: ${rest}).`,
  );
}

/** The repository path checked: the lowercased default, else lowercase and valid as given. */
function checkedRepository(given: string, env: Env): string {
  const owner = env['GITHUB_REPOSITORY_OWNER'] ?? '';
  const defaultValue = owner ? `${owner}/lei-cache` : '';
  let value = given;
  if (value === '' || (defaultValue !== '' && value === defaultValue)) {
    if (defaultValue === '') {
      throw new InputError(
        'repository',
        'is empty and GITHUB_REPOSITORY_OWNER is not set; give a repository such as my-org/lei-cache.',
      );
    }
    value = defaultValue.toLowerCase();
  } else if (value !== value.toLowerCase()) {
    throw new InputError(
      'repository',
      `'${value}' has capital letters, which registries (GHCR included) do not allow; write it in lowercase: '${value.toLowerCase()}'.`,
    );
  }
  if (!isValidRepository(value)) {
    throw new InputError(
      'repository',
      `${repositoryProblem(value) ?? `'${value}' is not valid`}. Give only the path in the registry, e.g. my-org/lei-cache (no host, tag or digest).`,
    );
  }
  return value;
}

/** `username` and `token`; undefined when the token is blank (anonymous). */
export function readCredentials(getInput: GetInput, env: Env): Credentials | undefined {
  const password = getInput('token');
  if (password === '') return undefined;
  const username = getInput('username') || env['GITHUB_ACTOR'] || FALLBACK_USERNAME;
  return { username, password };
}

/** A directory input as an absolute path (relative to GITHUB_WORKSPACE); required. */
export function absoluteDir(value: string, input: string, env: Env): string {
  if (value === '') throw new InputError(input, 'is required; give a directory path.');
  const base = env['GITHUB_WORKSPACE'] || process.cwd();
  return path.resolve(base, value);
}
