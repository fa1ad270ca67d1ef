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

function parseHeaderValue(s: string): Challenge[] {
  const out: Challenge[] = [];
  let i = 0;
  const isWs = (c: string | undefined): boolean => c === ' ' || c === '\t';
  const skipWs = (): void => {
    while (i < s.length && isWs(s[i])) i++;
  };
  const readToken = (): string => {
    const start = i;
    while (i < s.length && TOKEN_CHAR.test(s[i] as string)) i++;
    return s.slice(start, i);
  };
  const readValue = (): string => {
    if (s[i] !== '"') {
      const start = i;
      while (i < s.length && s[i] !== ',' && !isWs(s[i])) i++;
      return s.slice(start, i);
    }
    i++;
    let value = '';
    while (i < s.length && s[i] !== '"') {
      if (s[i] === '\\' && i + 1 < s.length) i++;
      value += s[i];
      i++;
    }
    i++; // closing quote (or end of input)
    return value;
  };

  while (i < s.length) {
    while (i < s.length && (s[i] === ',' || isWs(s[i]))) i++;
    if (i >= s.length) break;
    const scheme = readToken();
    if (scheme === '') {
      i++; // skip a stray character
      continue;
    }
    const challenge: Challenge = { scheme: scheme.toLowerCase(), params: {} };
    out.push(challenge);
    for (;;) {
      const save = i;
      while (i < s.length && (s[i] === ',' || isWs(s[i]))) i++;
      const name = readToken();
      if (name === '') {
        i = save;
        break;
      }
      skipWs();
      if (s[i] !== '=') {
        i = save; // a bare token: the next challenge's scheme
        break;
      }
      i++;
      if (
        Object.keys(challenge.params).length === 0 &&
        (i >= s.length || s[i] === '=' || s[i] === ',')
      ) {
        // token68 (`Negotiate abc==`): not a parameter; skip it
        while (i < s.length && s[i] !== ',') i++;
        break;
      }
      skipWs();
      challenge.params[name.toLowerCase()] = readValue();
    }
    // A token68 or garbage we do not understand: skip to the next comma.
    if (i < s.length && s[i] !== ',' && !isWs(s[i])) {
      while (i < s.length && s[i] !== ',') i++;
    }
  }
  return out;
}
