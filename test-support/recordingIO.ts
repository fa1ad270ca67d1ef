import type { ActionIO } from '../src/action/deps.js';

/** An ActionIO that keeps what an action wrote, for tests that run an action in process. */
export interface RecordingIO extends ActionIO {
  /** info lines as written, warnings as `warning: <message>` */
  lines: string[];
  debugs: string[];
  outputs: Record<string, string>;
  summaries: string[];
  secrets: string[];
  /** the names of the groups opened, in order */
  groups: string[];
}

export function recordingIO(): RecordingIO {
  const io: RecordingIO = {
    lines: [],
    debugs: [],
    outputs: {},
    summaries: [],
    secrets: [],
    groups: [],
    info: (message) => io.lines.push(message),
    warning: (message) => io.lines.push(`warning: ${message}`),
    debug: (message) => io.debugs.push(message),
    setOutput: (name, value) => {
      io.outputs[name] = value;
    },
    setSecret: (secret) => io.secrets.push(secret),
    group: (name, fn) => {
      io.groups.push(name);
      return fn();
    },
    writeSummary: async (markdown) => {
      io.summaries.push(markdown);
    },
  };
  return io;
}
