import { runEntry, coreIO, getInput } from './action/runner.js';
import { readPruneInputs } from './action/prune/inputs.js';
import { runPrune } from './action/prune/run.js';
import { pruneBackendFactory } from './action/prune/services.js';

await runEntry(async () => {
  const inputs = readPruneInputs(getInput);
  const io = coreIO();
  for (const warning of inputs.warnings ?? []) io.warning(warning);
  await runPrune(inputs, { io, env: process.env, createBackend: pruneBackendFactory(process.env) });
});
