import { runEntry, coreIO, getInput } from './action/runner.js';
import { readPruneInputs } from './action/inputs.js';
import { runPrune } from './action/prune.js';
import { openRepository } from './action/pruneRegistry.js';
import { pruneBackendFactory } from './action/pruneServices.js';

await runEntry(async () => {
  const inputs = readPruneInputs(getInput);
  await runPrune(inputs, {
    io: coreIO(),
    env: process.env,
    createBackend: pruneBackendFactory(process.env, openRepository),
  });
});
