import { runEntry, coreIO, getInput } from './action/runner.js';
import { readPullInputs } from './action/inputs.js';
import { runPull } from './action/pull.js';
import { defaultServices } from './action/services.js';

await runEntry(async () => {
  const inputs = readPullInputs(getInput);
  await runPull(inputs, { io: coreIO(), services: defaultServices(), env: process.env });
});
