import { isValidTag } from '../../registry/index.js';
import type { Credentials } from '../../registry/index.js';
import { InputError } from '../errors.js';
import {
  absoluteDir,
  readBoolean,
  readCredentials,
  readRegistry,
  readRepository,
  trimmed,
} from '../inputs.js';
import type { Env, GetInput } from '../inputs.js';
import { githubAnnotations, parseAnnotations } from './annotations.js';
import { caseTwinWarnings, parseTags } from './tags.js';

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
  /**
   * The share of `latest`'s entries (percent, 0-100) the new snapshot may lose and still move
   * the moving tags (max-shrink); 100 turns the shrink guard off.
   */
  maxShrink: number;
  /** What was read anyway but deserves a word (a repository with its host, tags unlike only in case). */
  warnings?: string[];
}

/** max-shrink's default (action.yml says the same). */
const DEFAULT_MAX_SHRINK = 50;

/** max-shrink: a whole number of percent from 0 to 100 (a trailing % is allowed). */
function readMaxShrink(getInput: GetInput): number {
  const raw = getInput('max-shrink');
  if (raw === '') return DEFAULT_MAX_SHRINK;
  const match = /^(\d{1,3})\s*%?$/.exec(raw);
  const percent = match ? Number(match[1]) : NaN;
  if (!(percent <= 100)) {
    throw new InputError(
      'max-shrink',
      `must be a whole number of percent from 0 to 100, got '${raw}'. It is how much smaller than latest (in entries) a snapshot may be ` +
        `and still move the moving tags (default ${DEFAULT_MAX_SHRINK}; 100 turns the check off).`,
    );
  }
  return percent;
}

function readExportDir(getInput: GetInput, env: Env): string {
  if (getInput('export-dir') === '') {
    throw new InputError(
      'export-dir',
      'is required: the directory with manifest.json and cache.jsonl.gz written by the LEI cache export.',
    );
  }
  return absoluteDir(getInput('export-dir'), 'export-dir', env);
}

function readOciLayout(getInput: GetInput, env: Env, exportDir: string): string | undefined {
  const raw = getInput('oci-layout');
  const ociLayout = raw === '' ? undefined : absoluteDir(raw, 'oci-layout', env);
  if (ociLayout !== undefined && ociLayout === exportDir) {
    throw new InputError(
      'oci-layout',
      'must not be the export directory; choose a separate directory such as out/lei-cache-layout.',
    );
  }
  return ociLayout;
}

/** Reads and validates every input of the push action (no file system or network access). */
export function readPushInputs(rawInput: GetInput, env: Env = process.env): PushInputs {
  const getInput = trimmed(rawInput);
  const exportDir = readExportDir(getInput, env);
  const registry = readRegistry(getInput);
  const warnings: string[] = [];
  const inputs: PushInputs = {
    exportDir,
    registry,
    repository: readRepository(getInput, env, registry, warnings),
    tags: parseTags(getInput('tags'), isValidTag),
    // Untrimmed: its error messages count lines from the input's first line.
    annotations: { ...githubAnnotations(env), ...parseAnnotations(rawInput('annotations')) },
    push: readBoolean(getInput, 'push', true),
    summary: readBoolean(getInput, 'summary', true),
    allowOlder: readBoolean(getInput, 'allow-older', false),
    verifyContent: readBoolean(getInput, 'verify-content', true),
    maxShrink: readMaxShrink(getInput),
  };
  const ociLayout = readOciLayout(getInput, env, exportDir);
  const credentials = readCredentials(getInput, env);
  if (inputs.push && credentials === undefined) {
    throw new InputError(
      'token',
      'is empty, so nothing could be pushed. Leave it at its default (${{ github.token }}), pass a token with write access to packages, or set push: false.',
    );
  }
  if (credentials) inputs.credentials = credentials;
  if (ociLayout !== undefined) inputs.ociLayout = ociLayout;
  warnings.push(...caseTwinWarnings(inputs.tags));
  if (warnings.length > 0) inputs.warnings = warnings;
  return inputs;
}
