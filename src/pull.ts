import { runEntry, coreIO, getInput } from './action/runner.js';
import { defaultServices } from './action/services.js';
import { readPullInputs } from './action/pull/inputs.js';
import { runPull } from './action/pull/run.js';

await runEntry(async () => {
  const inputs = readPullInputs(getInput);
  await runPull(inputs, { io: coreIO(), services: defaultServices(), env: process.env });
});
