import { runEntry, coreIO, getInput } from './action/runner.js';
import { defaultServices } from './action/services.js';
import { readPushInputs } from './action/push/inputs.js';
import { runPush } from './action/push/run.js';

await runEntry(async () => {
  const inputs = readPushInputs(getInput);
  const io = coreIO();
  for (const warning of inputs.warnings ?? []) io.warning(warning);
  await runPush(inputs, { io, services: defaultServices(), env: process.env });
});
