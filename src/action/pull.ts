import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ActionDeps } from './deps.js';
import { InputError, messageOf, registryFailure } from './errors.js';
import type { PullInputs } from './inputs.js';
import { checkDirectoryTarget } from './paths.js';
import { progressLogger } from './progress.js';
import { inline } from './untrusted.js';

export interface PullOutputs {
  digest: string;
  date: string;
  entryCount: number;
  files: string[];
}

/** Makes sure output-dir is (or becomes) a directory, before any network traffic. */
async function prepareOutputDir(dir: string): Promise<void> {
  if (await checkDirectoryTarget(dir, 'output-dir')) return;
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new InputError('output-dir', `'${dir}' could not be created: ${messageOf(error)}`, {
      cause: error,
    });
  }
}

/** date and entry_count from a restored manifest.json (date falls back to the day of created). */
export async function readRestoredManifest(
  dir: string,
): Promise<{ date: string; entryCount: number }> {
  const file = path.join(dir, 'manifest.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `The restored ${inline(file)} is not readable JSON: ${inline(messageOf(error))}`,
      {
        cause: error,
      },
    );
  }
  const record = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<
    string,
    unknown
  >;
  const created = typeof record['created'] === 'string' ? record['created'] : '';
  const date =
    typeof record['date'] === 'string' && record['date'] !== ''
      ? record['date']
      : created.slice(0, 10);
  const entryCount = typeof record['entry_count'] === 'number' ? record['entry_count'] : Number.NaN;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !Number.isInteger(entryCount)) {
    throw new Error(`The restored ${inline(file)} lacks a snapshot date or entry_count.`);
  }
  return { date, entryCount };
}

/** Pulls the artifact into output-dir, verified, and sets digest, date and entry-count. */
export async function runPull(inputs: PullInputs, deps: ActionDeps): Promise<PullOutputs> {
  const { io, services } = deps;
  const ref = inputs.reference;
  const outputs = await io.group(`Pull ${inputs.referenceText}`, async () => {
    await prepareOutputDir(inputs.outputDir);
    const client = services.createRegistry(ref.registry, {
      ...(inputs.credentials ? { credentials: inputs.credentials } : {}),
      onSecret: (secret) => io.setSecret(secret),
      onProgress: progressLogger((line) => io.info(line), deps.now),
      onDebug: (message) => io.debug(message),
    });
    let result;
    try {
      result = await client.pullArtifact(ref, inputs.outputDir);
    } catch (error) {
      throw registryFailure(`Pulling ${inputs.referenceText}`, error, 'pull', ref);
    } finally {
      client.close();
    }
    const restored = await readRestoredManifest(inputs.outputDir);
    for (const file of result.files)
      io.info(
        `Restored ${inline(file.path)} (${file.descriptor.size} bytes, ${file.descriptor.digest})`,
      );
    io.info(`Digest ${result.digest}; snapshot ${restored.date}, ${restored.entryCount} entries`);
    return { digest: result.digest, ...restored, files: result.files.map((f) => f.path) };
  });
  io.setOutput('digest', outputs.digest);
  io.setOutput('date', outputs.date);
  io.setOutput('entry-count', String(outputs.entryCount));
  return outputs;
}
