import type { Credentials } from '../../registry/index.js';
import { InputError } from '../errors.js';
import {
  DEFAULT_REGISTRY,
  readBoolean,
  readCount,
  readCredentials,
  readRegistry,
  readRepository,
  trimmed,
} from '../inputs.js';
import type { Env, GetInput } from '../inputs.js';

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
  /** What was read anyway but deserves a word (a repository given with its host), said first. */
  warnings?: string[];
}

/** Reads and validates every input of the prune action (no network access). */
export function readPruneInputs(rawInput: GetInput, env: Env = process.env): PruneInputs {
  const getInput = trimmed(rawInput);
  const registry = readRegistry(getInput);
  const warnings: string[] = [];
  const repository = readRepository(getInput, env, registry, warnings);
  const keepDays = readCount(getInput, 'keep-days', 30, 36_500);
  const keepWeeks = readCount(getInput, 'keep-weeks', 12, 5_200);
  const dryRun = readBoolean(getInput, 'dry-run', false);
  const maxDeletions = readCount(getInput, 'max-deletions', 100, 100_000);
  if (registry === DEFAULT_REGISTRY && !repository.includes('/')) {
    throw new InputError(
      'repository',
      `'${repository}' names no owner; on ghcr.io a package is <owner>/<name>, e.g. my-org/lei-cache.`,
    );
  }
  const credentials = readCredentials(getInput, env);
  if (credentials === undefined && registry === DEFAULT_REGISTRY) {
    throw new InputError(
      'token',
      "is empty; GitHub's Packages API needs one. Leave it at its default (${{ github.token }}) with `permissions: packages: write`, or pass a token with read:packages and delete:packages.",
    );
  }
  const inputs: PruneInputs = { registry, repository, keepDays, keepWeeks, dryRun, maxDeletions };
  if (credentials) inputs.credentials = credentials;
  if (warnings.length > 0) inputs.warnings = warnings;
  return inputs;
}
