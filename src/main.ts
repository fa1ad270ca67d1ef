import { runEntry, coreIO, getInput } from './action/runner.js';
import { readPushInputs } from './action/inputs.js';
import { runPush } from './action/push.js';
import { defaultServices } from './action/services.js';

await runEntry(async () => {
  const inputs = readPushInputs(getInput);
  await runPush(inputs, { io: coreIO(), services: defaultServices(), env: process.env });
});
