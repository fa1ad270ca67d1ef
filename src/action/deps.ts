import type { PackagedArtifact, PackageOptions } from '../artifact/index.js';
import type { Registry, RegistryClientOptions } from '../registry/index.js';

/** The runner-facing side effects, so runPush()/runPull() can be tested without a runner. */
export interface ActionIO {
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
  setOutput(name: string, value: string): void;
  setSecret(secret: string): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Appends Markdown to the job summary. */
  writeSummary(markdown: string): Promise<void>;
}

/** The rooms the action calls (the real ones by default; tests may substitute). */
export interface ActionServices {
  packageExport(dir: string, options: PackageOptions): Promise<PackagedArtifact>;
  writeLayout(dir: string, artifact: PackagedArtifact, tags: string[]): Promise<unknown>;
  createRegistry(registry: string, options: RegistryClientOptions): Registry;
}

export interface ActionDeps {
  io: ActionIO;
  services: ActionServices;
  env: Record<string, string | undefined>;
  now?: () => number;
}
