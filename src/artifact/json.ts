/** A JSON object (not null, not an array): what parsed manifests and index files must be. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Where a text stops being JSON: line and column (from 1) and what was found there. */
export interface JsonSyntaxError {
  line: number;
  column: number;
  problem: string;
}

/**
 * Finds the first syntax error in `text` (RFC 8259), for a message once JSON.parse has failed:
 * JSON.parse's own messages differ between Node versions (Node 20 often gives only a snippet of
 * the text, no position). Columns count UTF-16 code units, as editors do for BMP text. Undefined
 * when the text is JSON after all. Iterative: a deeply nested text cannot overflow the stack.
 */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const scan = new JsonScanner(text);
  const fail = scan.run();
  if (fail === undefined) return undefined;
  const before = text.slice(0, fail.at);
  const line = before.split('\n').length;
  return { line, column: fail.at - (before.lastIndexOf('\n') + 1) + 1, problem: fail.problem };
}

interface ScanFailure {
  at: number;
  problem: string;
}

const LITERALS = ['true', 'false', 'null'];
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** A character as a message shows it: 'x', or U+0001 for what cannot be shown. */
function shown(ch: string | undefined): string {
  if (ch === undefined) return 'end of the text';
  const code = ch.charCodeAt(0);
  if (code < 0x20 || code === 0x7f || code === 0xfeff || (code >= 0x80 && code <= 0x9f))
    return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${ch}'`;
}

class JsonScanner {
  private i = 0;
  private readonly open: string[] = [];

  constructor(private readonly text: string) {}

  /** The first failure, or undefined for valid JSON. */
  run(): ScanFailure | undefined {
    for (;;) {
      const got = this.value();
      if (got === 'opened') continue;
      if (got !== undefined) return got;
      const after = this.afterValue();
      if (after !== 'value') return after === 'done' ? undefined : after;
    }
  }

  private skipBlanks(): void {
    while (' \t\n\r'.includes(this.text[this.i] ?? 'x')) this.i++;
  }

  private fail(problem: string): ScanFailure {
    return { at: this.i, problem };
  }

  /**
   * One value; 'opened' when it opens an object (its first key read) or array that is not empty,
   * so a value comes next.
   */
  private value(): ScanFailure | 'opened' | undefined {
    this.skipBlanks();
    const ch = this.text[this.i];
    if (ch === '{' || ch === '[') {
      this.i++;
      this.skipBlanks();
      if (this.text[this.i] === (ch === '{' ? '}' : ']')) {
        this.i++;
        return undefined;
      }
      this.open.push(ch);
      return (ch === '{' ? this.key() : undefined) ?? 'opened';
    }
    if (ch === '"') return this.string();
    NUMBER.lastIndex = this.i;
    if (ch !== undefined && /[-0-9]/.test(ch)) {
      if (!NUMBER.test(this.text)) return this.fail(`a malformed number`);
      this.i = NUMBER.lastIndex;
      return undefined;
    }
    const literal = LITERALS.find((word) => this.text.startsWith(word, this.i));
    if (literal !== undefined) {
      this.i += literal.length;
      return undefined;
    }
    return this.fail(`unexpected ${shown(ch)}, expected a value`);
  }

  /** `"key":` inside an object. */
  private key(): ScanFailure | undefined {
    this.skipBlanks();
    if (this.text[this.i] !== '"')
      return this.fail(`unexpected ${shown(this.text[this.i])}, expected a "quoted" key`);
    const failed = this.string();
    if (failed !== undefined) return failed;
    this.skipBlanks();
    if (this.text[this.i] !== ':')
      return this.fail(`unexpected ${shown(this.text[this.i])}, expected ':'`);
    this.i++;
    return undefined;
  }

  /** After a value: close what is open, or a ',' and the next key; 'value' when one follows. */
  private afterValue(): ScanFailure | 'value' | 'done' {
    for (;;) {
      this.skipBlanks();
      const top = this.open.at(-1);
      const ch = this.text[this.i];
      if (top === undefined)
        return ch === undefined
          ? 'done'
          : this.fail(`unexpected ${shown(ch)} after the JSON value`);
      const close = top === '{' ? '}' : ']';
      if (ch === close) {
        this.open.pop();
        this.i++;
        continue;
      }
      if (ch !== ',') return this.fail(`unexpected ${shown(ch)}, expected ',' or '${close}'`);
      this.i++;
      if (top === '[') return 'value';
      return this.key() ?? 'value';
    }
  }

  /** A string from its opening quote; controls must be escaped, escapes must be JSON's. */
  private string(): ScanFailure | undefined {
    this.i++;
    for (;;) {
      const ch = this.text[this.i];
      if (ch === undefined) return this.fail('the text ends inside a string');
      if (ch === '"') {
        this.i++;
        return undefined;
      }
      if (ch.charCodeAt(0) < 0x20) return this.fail(`${shown(ch)} inside a string (escape it)`);
      if (ch === '\\') {
        const escape = this.text[this.i + 1];
        const valid =
          escape !== undefined &&
          ('"\\/bfnrt'.includes(escape) ||
            (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6))));
        if (!valid) return this.fail('an invalid escape in a string');
        this.i += escape === 'u' ? 6 : 2;
        continue;
      }
      this.i++;
    }
  }
}
