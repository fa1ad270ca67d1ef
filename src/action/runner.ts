import * as core from '@actions/core';
import type { ActionIO } from './deps.js';
import { causeChain, messageOf } from './errors.js';
import { logText } from './untrusted.js';

/**
 * ActionIO backed by @actions/core (workflow commands, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY).
 * Every message goes through `logText` first: core.info writes its string raw, and
 * core.warning/debug/group escape only CR, LF and %, so a line of ours can never become a
 * workflow command, whatever foreign text it holds.
 *
 * A group opens on the first info or warning line written inside it, so a step that fails (or
 * has nothing to say) before that leaves no empty group in the log. Debug lines do not open it:
 * a log without debug output would show the group empty. Groups do not nest (the runner's do not).
 */
export function coreIO(): ActionIO {
  let current: { name: string; open: boolean } | undefined;
  const visible = (): void => {
    if (current === undefined || current.open) return;
    core.startGroup(current.name);
    current.open = true;
  };
  const info = (message: string): void => {
    visible();
    core.info(logText(message));
  };
  return {
    info,
    warning: (message) => {
      visible();
      core.warning(logText(message));
    },
    debug: (message) => core.debug(logText(message)),
    setOutput: (name, value) => core.setOutput(name, value),
    setSecret: (secret) => core.setSecret(secret),
    group: async (name, fn) => {
      const group = { name: logText(name), open: false };
      current = group;
      try {
        return await fn();
      } finally {
        if (group.open) core.endGroup();
        if (current === group) current = undefined;
      }
    },
    writeSummary: async (markdown) => {
      if (!process.env['GITHUB_STEP_SUMMARY']) {
        info('GITHUB_STEP_SUMMARY is not set: no job summary written.');
        return;
      }
      await core.summary.addRaw(markdown, true).write();
      info(`Wrote the job summary (${process.env['GITHUB_STEP_SUMMARY']}).`);
    },
  };
}

/**
 * core.getInput as the runner passed it (INPUT_<NAME>), untrimmed: inputs.ts trims every value
 * once, so the tests' inputs and the runner's go through the same code.
 */
export function getInput(name: string): string {
  return core.getInput(name, { trimWhitespace: false });
}

/** The one catch of an entry: a failure becomes `::error::` + exit code 1, the causes go to debug. */
export async function runEntry(body: () => Promise<void>): Promise<void> {
  // Mask the token input before anything can print it.
  const token = getInput('token').trim();
  if (token !== '') core.setSecret(token);
  try {
    await body();
  } catch (error) {
    core.setFailed(logText(messageOf(error)));
    core.debug(logText(causeChain(error)));
  }
}
