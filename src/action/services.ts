import { packageExport, writeLayout } from '../artifact/index.js';
import { RegistryClient } from '../registry/index.js';
import type { Credentials, RegistryClientOptions } from '../registry/index.js';
import type { ActionIO, ActionServices } from './deps.js';
import { progressLogger, retryLine } from './progress.js';

/** The real artifact and registry rooms. */
export function defaultServices(): ActionServices {
  return {
    packageExport: (dir, options) => packageExport(dir, options),
    writeLayout: (dir, artifact, tags) => writeLayout(dir, artifact, tags),
    createRegistry: (registry, options) => new RegistryClient(registry, options),
  };
}

/**
 * The registry client options every action uses: the credentials, every token the client gets
 * masked, the client's debug lines, an info line for each retry (its cause and wait: a job that
 * waits says why), and (with `progress`) progress lines for big transfers.
 */
export function registryOptions(
  credentials: Credentials | undefined,
  io: ActionIO,
  progress?: { now?: (() => number) | undefined },
): RegistryClientOptions {
  return {
    ...(credentials ? { credentials } : {}),
    onSecret: (secret) => io.setSecret(secret),
    onDebug: (message) => io.debug(message),
    onRetry: (retry) => io.info(retryLine(retry)),
    ...(progress ? { onProgress: progressLogger((line) => io.info(line), progress.now) } : {}),
  };
}
