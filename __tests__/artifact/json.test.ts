import { describe, expect, it } from 'vitest';
import { jsonSyntaxError } from '../../src/artifact/json.js';

/** Whether JSON.parse takes the text: the scanner must agree on every sample. */
function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('jsonSyntaxError', () => {
  it.each([
    ['{\n  "a": 1,\n  "b": x\n}', 3, 8, "unexpected 'x', expected a value"],
    ['{"a":1', 1, 7, "unexpected end of the text, expected ',' or '}'"],
    ['', 1, 1, 'unexpected end of the text, expected a value'],
    ['{"a":1}}', 1, 8, "unexpected '}' after the JSON value"],
    ['{"a":"\u0001"}', 1, 7, 'U+0001 inside a string (escape it)'],
    ['{"a":"x\n"}', 1, 8, 'U+000A inside a string (escape it)'],
    ['[1,2,]', 1, 6, "unexpected ']', expected a value"],
    ['{"a" 1}', 1, 6, "unexpected '1', expected ':'"],
    ['{\n  "a": 1,\n}', 3, 1, `unexpected '}', expected a "quoted" key`],
    ["{'a': 1}", 1, 2, `unexpected ''', expected a "quoted" key`],
    ['[01]', 1, 3, "unexpected '1', expected ',' or ']'"],
    ['"\\x"', 1, 2, 'an invalid escape in a string'],
    ['"\\u12G4"', 1, 2, 'an invalid escape in a string'],
    ['-', 1, 1, 'a malformed number'],
    ['{"a": tru}', 1, 7, "unexpected 't', expected a value"],
    ['"open', 1, 6, 'the text ends inside a string'],
    ['\ufeff{}', 1, 1, 'unexpected U+FEFF, expected a value'],
    ['{"a":1}\r\n{"b":2}', 2, 1, "unexpected '{' after the JSON value"],
  ])('%j: line %i, column %i, %s', (text, line, column, problem) => {
    expect(parses(text)).toBe(false);
    expect(jsonSyntaxError(text)).toEqual({ line, column, problem });
  });

  it('finds nothing wrong with JSON, and agrees with JSON.parse', () => {
    for (const text of [
      '{}',
      ' [ ] ',
      '{"a":[{"b":null},true,false,-1.5e+3,0,"\\u00e9\\n\\"\\\\\\/"],"c":{}}\n',
      '"just a string"',
      '12',
      '[[[[[]]]]]',
    ]) {
      expect(parses(text)).toBe(true);
      expect(jsonSyntaxError(text)).toBeUndefined();
    }
  });

  it('a deeply nested text does not overflow the stack', () => {
    const deep = '['.repeat(200_000);
    expect(jsonSyntaxError(deep)).toEqual({
      line: 1,
      column: 200_001,
      problem: 'unexpected end of the text, expected a value',
    });
  });
});
