import { mkdir } from 'node:fs/promises';
import type { ActionDeps } from '../deps.js';
import { InputError, messageOf, registryFailure } from '../errors.js';
import type { PullInputs } from './inputs.js';
import { checkDirectoryTarget } from '../paths.js';
import { contentLine } from '../report.js';
import { registryOptions } from '../services.js';
import { inline } from '../untrusted.js';

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

/** Pulls the artifact into output-dir, verified, and sets digest, date and entry-count. */
export async function runPull(inputs: PullInputs, deps: ActionDeps): Promise<PullOutputs> {
  const { io, services } = deps;
  const ref = inputs.reference;
  const outputs = await io.group(`Pull ${inputs.referenceText}`, async () => {
    await prepareOutputDir(inputs.outputDir);
    const client = services.createRegistry(
      ref.registry,
      registryOptions(inputs.credentials, io, { now: deps.now }),
    );
    let result;
    try {
      result = await client.pullArtifact(ref, inputs.outputDir, {
        verifyContent: inputs.verifyContent,
        onWarning: (message) => io.warning(inline(message)),
      });
    } catch (error) {
      throw registryFailure(`Pulling ${inputs.referenceText}`, error, 'pull', ref);
    } finally {
      client.close();
    }
    // Outputs come from the staged manifest.json, read and checked before anything moved.
    const { date, entryCount } = result.info;
    io.info(contentLine(result.verified));
    for (const file of result.files)
      io.info(
        `Restored ${inline(file.path)} (${file.descriptor.size} bytes, ${file.descriptor.digest})`,
      );
    io.info(`Digest ${result.digest}; snapshot ${date}, ${entryCount} entries`);
    return { digest: result.digest, date, entryCount, files: result.files.map((f) => f.path) };
  });
  io.setOutput('digest', outputs.digest);
  io.setOutput('date', outputs.date);
  io.setOutput('entry-count', String(outputs.entryCount));
  return outputs;
}
