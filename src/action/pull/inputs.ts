import { InvalidReferenceError, parseReference } from '../../registry/index.js';
import type { Credentials, Reference } from '../../registry/index.js';
import { InputError, messageOf } from '../errors.js';
import { absoluteDir, readBoolean, readCredentials, trimmed } from '../inputs.js';
import type { Env, GetInput } from '../inputs.js';

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

function readReference(getInput: GetInput): Reference {
  const raw = getInput('reference');
  if (raw === '') {
    throw new InputError(
      'reference',
      'is required, e.g. ghcr.io/my-org/lei-cache:latest or ghcr.io/my-org/lei-cache@sha256:<digest>.',
    );
  }
  try {
    return parseReference(raw);
  } catch (error) {
    const invalid = error instanceof InvalidReferenceError ? error : undefined;
    throw new InputError(
      'reference',
      `'${raw}' is not a valid reference: ${invalid?.problem ?? messageOf(error)}. Write [oci://]host/repository:tag or host/repository@sha256:<64 hex>, ` +
        `e.g. ${invalid?.example ?? 'ghcr.io/my-org/lei-cache:latest'}.`,
      { cause: error },
    );
  }
}

/** Reads and validates every input of the pull action (no file system or network access). */
export function readPullInputs(rawInput: GetInput, env: Env = process.env): PullInputs {
  const getInput = trimmed(rawInput);
  const reference = readReference(getInput);
  const outputDir = absoluteDir(getInput('output-dir'), 'output-dir', env);
  const inputs: PullInputs = {
    reference,
    referenceText: getInput('reference').replace(/^oci:\/\//, ''),
    outputDir,
    verifyContent: readBoolean(getInput, 'verify-content', true),
  };
  const credentials = readCredentials(getInput, env);
  if (credentials) inputs.credentials = credentials;
  return inputs;
}
