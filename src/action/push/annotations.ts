import { RESERVED_ANNOTATIONS } from '../../artifact/index.js';
import { InputError } from '../errors.js';

const KEY = /^[A-Za-z0-9][A-Za-z0-9._\-/]*$/;

/**
 * Parses the `annotations` input: one `key=value` a line, blank lines ignored, the value is
 * everything after the first `=` (it may be empty or contain `=`), surrounding blanks trimmed.
 */
export function parseAnnotations(raw: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = raw.split(/\r?\n/);
  lines.forEach((line, index) => {
    const text = line.trim();
    if (text === '') return;
    const where = `line ${index + 1} ('${text}')`;
    const eq = text.indexOf('=');
    if (eq < 0) {
      throw new InputError(
        'annotations',
        `${where} has no '='. Write one key=value a line, e.g. org.example.team=supply-chain.`,
      );
    }
    const key = text.slice(0, eq).trim();
    const value = text.slice(eq + 1).trim();
    if (key === '') {
      throw new InputError(
        'annotations',
        `${where} has an empty key. Write key=value, e.g. org.example.team=supply-chain.`,
      );
    }
    if (!KEY.test(key)) {
      throw new InputError(
        'annotations',
        `${where}: the key '${key}' may hold only letters, digits, '.', '_', '-' and '/' (use reverse-domain keys like org.example.team).`,
      );
    }
    if (RESERVED_ANNOTATIONS.includes(key)) {
      throw new InputError(
        'annotations',
        `${where}: '${key}' is set from the export and cannot be overridden; remove that line.`,
      );
    }
    if (Object.prototype.hasOwnProperty.call(result, key)) {
      throw new InputError(
        'annotations',
        `${where}: the key '${key}' appears twice; keep one line per key.`,
      );
    }
    result[key] = value;
  });
  return result;
}

/**
 * `org.opencontainers.image.source` and `.revision` from the workflow's environment
 * (`GITHUB_SERVER_URL`/`GITHUB_REPOSITORY`, `GITHUB_SHA`); empty outside a workflow.
 */
export function githubAnnotations(env: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  const repository = env['GITHUB_REPOSITORY'];
  if (repository) {
    const server = (env['GITHUB_SERVER_URL'] || 'https://github.com').replace(/\/+$/, '');
    result['org.opencontainers.image.source'] = `${server}/${repository}`;
  }
  const sha = env['GITHUB_SHA'];
  if (sha) result['org.opencontainers.image.revision'] = sha;
  return result;
}
