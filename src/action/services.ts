import { packageExport, writeLayout } from '../artifact/index.js';
import { RegistryClient } from '../registry/index.js';
import type { ActionServices } from './deps.js';

/** The real artifact and registry rooms. */
export function defaultServices(): ActionServices {
  return {
    packageExport: (dir, options) => packageExport(dir, options),
    writeLayout: (dir, artifact, tags) => writeLayout(dir, artifact, tags),
    createRegistry: (registry, options) => new RegistryClient(registry, options),
  };
}
