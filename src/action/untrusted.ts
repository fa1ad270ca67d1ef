/**
 * Text from a registry, GitHub's API or an input is data: it must never reach the log as a
 * workflow command or the job summary as markup. Until the shared module of issue 9 lands, the
 * prune action routes every such value through these two functions (switch them over there).
 */

/**
 * A single log line's worth of untrusted text: control characters (CR, LF, NUL, ESC, U+0085,
 * U+2028/9 ...) become visible `\u{...}` escapes, and text that would start a line with `::`
 * (or the legacy `##[`) is prefixed, so nothing in it can act as a workflow command.
 */
export function logText(value: string): string {
  const flat = value.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u{${c.codePointAt(0)?.toString(16)}}`,
  );
  return /^\s*(::|##\[)/.test(flat) ? `'${flat}` : flat;
}

/** Untrusted text as inert HTML/Markdown: `&<>"'` and Markdown punctuation become entities. */
export function htmlText(value: string): string {
  return logText(value).replace(/[&<>"'`*_[\]()#!|~\\{}=+:]/g, (c) => `&#${c.codePointAt(0)};`);
}
