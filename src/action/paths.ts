import { stat } from 'node:fs/promises';
import { InputError, messageOf } from './errors.js';

/**
 * A directory the action will write into (`output-dir`, `oci-layout`): fine when it is missing
 * (it gets created) or a directory; an error naming the input when it is a file or unusable.
 * Returns whether it exists.
 */
export async function checkDirectoryTarget(dir: string, input: string): Promise<boolean> {
  try {
    if ((await stat(dir)).isDirectory()) return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new InputError(input, `'${dir}' cannot be used: ${messageOf(error)}`, { cause: error });
  }
  throw new InputError(
    input,
    `'${dir}' exists and is not a directory; give a directory path (it is created when missing).`,
  );
}
