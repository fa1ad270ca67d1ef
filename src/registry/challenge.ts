/** One challenge of a `WWW-Authenticate` header (RFC 9110 section 11.6.1). */
export interface Challenge {
  /** lowercased, e.g. `bearer`, `basic` */
  scheme: string;
  /** parameter names lowercased; quoted values unescaped */
  params: Record<string, string>;
}

const TOKEN_CHAR = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;

/**
 * Parses one or more `WWW-Authenticate` header values into challenges. Tolerates several
 * challenges in one header, quoted values containing commas and escaped quotes, and odd spacing.
 */
export function parseChallenges(header: string | string[] | undefined): Challenge[] {
  if (header === undefined) return [];
  const values = Array.isArray(header) ? header : [header];
  return values.flatMap(parseHeaderValue);
}

function isWs(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/** A position in one header value, and the lexical steps of RFC 9110's challenge grammar. */
class Cursor {
  i = 0;
  constructor(private readonly s: string) {}

  get done(): boolean {
    return this.i >= this.s.length;
  }

  peek(): string | undefined {
    return this.s[this.i];
  }

  skipWs(): void {
    while (!this.done && isWs(this.peek())) this.i++;
  }

  /** Commas and whitespace between challenges and parameters. */
  skipSeparators(): void {
    while (!this.done && (this.peek() === ',' || isWs(this.peek()))) this.i++;
  }

  skipToComma(): void {
    while (!this.done && this.peek() !== ',') this.i++;
  }

  readToken(): string {
    const start = this.i;
    while (!this.done && TOKEN_CHAR.test(this.s[this.i] as string)) this.i++;
    return this.s.slice(start, this.i);
  }

  /** A token, or a quoted string with its escapes undone. */
  readValue(): string {
    const s = this.s;
    if (s[this.i] !== '"') {
      const start = this.i;
      while (!this.done && s[this.i] !== ',' && !isWs(s[this.i])) this.i++;
      return s.slice(start, this.i);
    }
    this.i++;
    let value = '';
    while (!this.done && s[this.i] !== '"') {
      if (s[this.i] === '\\' && this.i + 1 < s.length) this.i++;
      value += s[this.i];
      this.i++;
    }
    this.i++; // closing quote (or end of input)
    return value;
  }
}

function parseHeaderValue(s: string): Challenge[] {
  const out: Challenge[] = [];
  const c = new Cursor(s);
  while (!c.done) {
    c.skipSeparators();
    if (c.done) break;
    const scheme = c.readToken();
    if (scheme === '') {
      c.i++; // skip a stray character
      continue;
    }
    const challenge: Challenge = { scheme: scheme.toLowerCase(), params: {} };
    out.push(challenge);
    readParams(c, challenge.params);
    // A token68 or garbage we do not understand: skip to the next comma.
    if (!c.done && c.peek() !== ',' && !isWs(c.peek())) c.skipToComma();
  }
  return out;
}

/** Reads `name=value` parameters into `params` until the next challenge's scheme or the end. */
function readParams(c: Cursor, params: Record<string, string>): void {
  for (;;) {
    const save = c.i;
    c.skipSeparators();
    const name = c.readToken();
    if (name === '') {
      c.i = save;
      return;
    }
    c.skipWs();
    if (c.peek() !== '=') {
      c.i = save; // a bare token: the next challenge's scheme
      return;
    }
    c.i++;
    if (Object.keys(params).length === 0 && (c.done || c.peek() === '=' || c.peek() === ',')) {
      // token68 (`Negotiate abc==`): not a parameter; skip it
      c.skipToComma();
      return;
    }
    c.skipWs();
    params[name.toLowerCase()] = c.readValue();
  }
}
