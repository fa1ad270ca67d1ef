/**
 * Untrusted text: values from the export (manifest.json fields, file names), the registry (error
 * messages and bodies, headers) or an input (paths, annotations, references) are data. This
 * module is the one place that turns them into log text and job-summary markup:
 *
 * - `inline(value)`: one line, every control and line-breaking character written as a visible
 *   escape (`\n`, `\r`, `\t`, `\u001b`, ...), and the runner's legacy command prefix `##[`
 *   broken up (`##\[`). Use it for every foreign value put into a message.
 * - `logText(message)`: the last guard before the runner's stdout: the lines of a message the
 *   action composed can never be read as a workflow command (a line whose first non-blank
 *   characters are `::` starts `\::`; `##[` anywhere becomes `##\[`; controls are escaped).
 *   Every ActionIO method that writes to the log calls it.
 * - `html(value)`: `inline(value)` with the HTML and Markdown metacharacters written as character
 *   references, for the job summary (which GitHub renders as Markdown with HTML).
 *
 * GitHub's runner reads a workflow command from a stdout line whose first non-blank characters are
 * `::` (`::error::`, `::add-mask::`, `::stop-commands::`, ...), and a legacy command from `##[`
 * anywhere in a line; it splits stdout on CR and LF.
 */

/** C0 and C1 controls, DEL, line/paragraph separators, and bidirectional-text controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(ch: string): string {
  return SHORT[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `##[` is the runner's legacy command prefix, recognised anywhere in a line. */
const LEGACY_PREFIX = /##\[/g;

/**
 * A foreign value as one line of plain text: controls and line breaks become visible escapes,
 * `##[` becomes `##\[`. Printable text (including non-ASCII letters) is kept as it is.
 */
export function inline(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return text.replace(UNSAFE, escapeChar).replace(LEGACY_PREFIX, '##\\[');
}

/**
 * Leading characters the runner strips before looking for `::` (.NET's TrimStart: Unicode white
 * space, including U+001C-U+001F and U+0085; the controls are escaped before this matters).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const LEADING_BLANKS = /^[\s\u001c-\u001f\u0085]*/;

function guardLine(line: string): string {
  const escaped = inline(line);
  const blanks = LEADING_BLANKS.exec(escaped)?.[0] ?? '';
  const rest = escaped.slice(blanks.length);
  return rest.startsWith('::') ? `${blanks}\\${rest}` : escaped;
}

/**
 * A message the action composed (possibly several lines) made safe for the runner's log: each
 * line guarded as `inline` does, and a line that would start with `::` gets a backslash in
 * front. Line breaks of the message itself are kept (LF).
 */
export function logText(message: string): string {
  return message
    .split(/\r\n|\r|\n/)
    .map(guardLine)
    .join('\n');
}

/**
 * HTML metacharacters, the Markdown characters that could start a span, link or image, and `=`
 * and `+` (Setext headings, list markers).
 */
const MARKUP = /[&<>"'`*_[\]()!|~#\\{}=+]/g;

/**
 * A foreign value as text for the job summary: `inline(value)` (one line, so it cannot end an
 * HTML block or start a Markdown block), then `& < > " '` and the Markdown characters
 * `` ` * _ [ ] ( ) ! | ~ # \ { } = + `` as numeric character references, which render as the
 * characters themselves and never as markup.
 */
export function html(value: unknown): string {
  return inline(value).replace(MARKUP, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** `<code>` around a foreign value, escaped with `html`. */
export function code(value: unknown): string {
  return `<code>${html(value)}</code>`;
}
