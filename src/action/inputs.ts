import path from 'node:path';
import {
  isValidRegistryHost,
  isValidRepository,
  isValidTag,
  parseReference,
  repositoryProblem,
} from '../registry/index.js';
import type { Credentials, Reference } from '../registry/index.js';
import { githubAnnotations, parseAnnotations } from './annotations.js';
import { InputError, messageOf } from './errors.js';
import { parseTags } from './tags.js';

/**
 * Reads one input by its action.yml name, as given (core.getInput without trimming in the
 * runner). readPushInputs/readPullInputs trim every value once, through `trimmed`; only
 * `annotations` is read untrimmed (parseAnnotations trims each line, and counts lines from the
 * input's first).
 */
export type GetInput = (name: string) => string;
export type Env = Record<string, string | undefined>;

export interface PushInputs {
  /** Absolute path of the export directory. */
  exportDir: string;
  /** host[:port] */
  registry: string;
  /** lowercase repository path in the registry */
  repository: string;
  /** Explicit tags; empty means the defaults for the snapshot's date. */
  tags: string[];
  credentials?: Credentials;
  /** GitHub context annotations first, then the user's (already merged in this order). */
  annotations: Record<string, string>;
  push: boolean;
  /**
   * Let moving tags (latest, weekly, any non-date tag) go back to an older snapshot (a deliberate
   * roll-back). Off: a moving tag on a newer snapshot stays where it is.
   */
  allowOlder: boolean;
  /** Absolute path for an OCI image layout, when asked for. */
  ociLayout?: string;
  summary: boolean;
  /** Check cache.jsonl.gz against manifest.json before publishing (verify-content). */
  verifyContent: boolean;
}

export interface PullInputs {
  reference: Reference;
  /** the reference as given (without `oci://`), for messages */
  referenceText: string;
  /** Check the pulled cache.jsonl.gz against its manifest.json before moving it (verify-content). */
  verifyContent: boolean;
  /** Absolute path of the directory to restore into. */
  outputDir: string;
  credentials?: Credentials;
}

export interface PruneInputs {
  /** host[:port]; ghcr.io means GitHub's Packages API */
  registry: string;
  /** lowercase repository path in the registry */
  repository: string;
  keepDays: number;
  keepWeeks: number;
  dryRun: boolean;
  maxDeletions: number;
  credentials?: Credentials;
}

const FALLBACK_USERNAME = 'lei-cache-action';

/** Every input with surrounding blanks removed: the one place inputs are trimmed. */
function trimmed(getInput: GetInput): GetInput {
  return (name) => getInput(name).trim();
}

function readBoolean(getInput: GetInput, name: string, fallback: boolean): boolean {
  const raw = getInput(name);
  if (raw === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(raw)) return true;
  if (['false', 'False', 'FALSE'].includes(raw)) return false;
  throw new InputError(name, `'${raw}' is not a boolean; write true or false.`);
}

/** Validates the `registry` input: a host[:port], no scheme, no path. */
function parseRegistryHost(value: string, input = 'registry'): string {
  if (value === '') {
    throw new InputError(
      input,
      'is empty; give a registry host such as ghcr.io or localhost:5000.',
    );
  }
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value);
  if (scheme) {
    throw new InputError(
      input,
      `'${value}' has a scheme; give only host[:port], e.g. '${value.slice(scheme[0].length).split('/')[0]}' (loopback registries are spoken to over HTTP, all others over HTTPS).`,
    );
  }
  if (value.includes('/')) {
    throw new InputError(
      input,
      `'${value}' holds a path; give only host[:port] here (e.g. '${value.split('/')[0]}') and put the path into 'repository'.`,
    );
  }
  if (!isValidRegistryHost(value)) {
    throw new InputError(
      input,
      `'${value}' is not a host[:port] such as ghcr.io or 127.0.0.1:5000.`,
    );
  }
  return value.toLowerCase();
}

/**
 * The `repository` input. The action.yml default is `${{ github.repository_owner }}/lei-cache`,
 * which may hold capitals (GitHub owner names do; registries don't), so when the input equals that
 * default (or is empty) it is lowercased. A repository the user wrote with capitals is an error.
 */
function parseRepository(raw: string, env: Env): string {
  const owner = env['GITHUB_REPOSITORY_OWNER'] ?? '';
  const defaultValue = owner ? `${owner}/lei-cache` : '';
  let value = raw;
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

function readCredentials(getInput: GetInput, env: Env): Credentials | undefined {
  const password = getInput('token');
  if (password === '') return undefined;
  const username = getInput('username') || env['GITHUB_ACTOR'] || FALLBACK_USERNAME;
  return { username, password };
}

function absoluteDir(value: string, input: string, env: Env): string {
  if (value === '') throw new InputError(input, 'is required; give a directory path.');
  const base = env['GITHUB_WORKSPACE'] || process.cwd();
  return path.resolve(base, value);
}

/** Reads and validates every input of the push action (no file system or network access). */
export function readPushInputs(rawInput: GetInput, env: Env = process.env): PushInputs {
  const getInput = trimmed(rawInput);
  const exportDirRaw = getInput('export-dir');
  if (exportDirRaw === '') {
    throw new InputError(
      'export-dir',
      'is required: the directory with manifest.json and cache.jsonl.gz written by the LEI cache export.',
    );
  }
  const exportDir = absoluteDir(exportDirRaw, 'export-dir', env);
  // An input that is absent (not blank) takes the action.yml default.
  const registry = parseRegistryHost(
    rawInput('registry') === '' ? 'ghcr.io' : getInput('registry'),
  );
  const repository = parseRepository(getInput('repository'), env);
  const tags = parseTags(getInput('tags'), isValidTag);
  // Untrimmed: its error messages count lines from the input's first line.
  const userAnnotations = parseAnnotations(rawInput('annotations'));
  const push = readBoolean(getInput, 'push', true);
  const summary = readBoolean(getInput, 'summary', true);
  const allowOlder = readBoolean(getInput, 'allow-older', false);
  const verifyContent = readBoolean(getInput, 'verify-content', true);
  const layoutRaw = getInput('oci-layout');
  const ociLayout = layoutRaw === '' ? undefined : absoluteDir(layoutRaw, 'oci-layout', env);
  if (ociLayout !== undefined && ociLayout === exportDir) {
    throw new InputError(
      'oci-layout',
      'must not be the export directory; choose a separate directory such as out/lei-cache-layout.',
    );
  }
  const credentials = readCredentials(getInput, env);
  if (push && credentials === undefined) {
    throw new InputError(
      'token',
      'is empty, so nothing could be pushed. Leave it at its default (${{ github.token }}), pass a token with write access to packages, or set push: false.',
    );
  }
  const inputs: PushInputs = {
    exportDir,
    registry,
    repository,
    tags,
    annotations: { ...githubAnnotations(env), ...userAnnotations },
    push,
    allowOlder,
    summary,
    verifyContent,
  };
  if (credentials) inputs.credentials = credentials;
  if (ociLayout !== undefined) inputs.ociLayout = ociLayout;
  return inputs;
}

/** Reads and validates every input of the pull action (no file system or network access). */
export function readPullInputs(rawInput: GetInput, env: Env = process.env): PullInputs {
  const getInput = trimmed(rawInput);
  const raw = getInput('reference');
  if (raw === '') {
    throw new InputError(
      'reference',
      'is required, e.g. ghcr.io/my-org/lei-cache:latest or ghcr.io/my-org/lei-cache@sha256:<digest>.',
    );
  }
  let reference: Reference;
  try {
    reference = parseReference(raw);
  } catch (error) {
    throw new InputError(
      'reference',
      `'${raw}' is not a valid reference (${messageOf(error)}). Write [oci://]host/repository:tag or host/repository@sha256:<64 hex>, ` +
        `e.g. ghcr.io/my-org/lei-cache:latest (lowercase repository).`,
      { cause: error },
    );
  }
  const outputDir = absoluteDir(getInput('output-dir'), 'output-dir', env);
  const inputs: PullInputs = {
    reference,
    referenceText: raw.replace(/^oci:\/\//, ''),
    outputDir,
    verifyContent: readBoolean(getInput, 'verify-content', true),
  };
  const credentials = readCredentials(getInput, env);
  if (credentials) inputs.credentials = credentials;
  return inputs;
}

/** A whole number input within [0, max], or its default when empty. */
function readCount(getInput: GetInput, name: string, fallback: number, max: number): number {
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

/** Reads and validates every input of the prune action (no network access). */
export function readPruneInputs(rawInput: GetInput, env: Env = process.env): PruneInputs {
  const getInput = trimmed(rawInput);
  const registry = parseRegistryHost(getInput('registry') || 'ghcr.io');
  const repository = parseRepository(getInput('repository'), env);
  const keepDays = readCount(getInput, 'keep-days', 30, 36_500);
  const keepWeeks = readCount(getInput, 'keep-weeks', 12, 5_200);
  const dryRun = readBoolean(getInput, 'dry-run', false);
  const maxDeletions = readCount(getInput, 'max-deletions', 100, 100_000);
  if (registry === 'ghcr.io' && !repository.includes('/')) {
    throw new InputError(
      'repository',
      `'${repository}' names no owner; on ghcr.io a package is <owner>/<name>, e.g. my-org/lei-cache.`,
    );
  }
  const credentials = readCredentials(getInput, env);
  if (credentials === undefined && registry === 'ghcr.io') {
    throw new InputError(
      'token',
      "is empty; GitHub's Packages API needs one. Leave it at its default (${{ github.token }}) with `permissions: packages: write`, or pass a token with read:packages and delete:packages.",
    );
  }
  const inputs: PruneInputs = { registry, repository, keepDays, keepWeeks, dryRun, maxDeletions };
  if (credentials) inputs.credentials = credentials;
  return inputs;
}
