/** The one Link header parser: the registry's tags/list pagination and GitHub's REST API use it. */
import { describe, expect, it } from 'vitest';
import { nextLink } from '../../src/registry/index.js';

describe('nextLink', () => {
  it('finds rel="next" among GitHub\'s relations, in any order', () => {
    expect(
      nextLink(
        '<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=4>; rel="last"',
      ),
    ).toBe('https://api.github.com/x?page=2');
    expect(nextLink('<https://a/x?page=1>; rel="first", <https://a/x?page=3>; rel="next"')).toBe(
      'https://a/x?page=3',
    );
    expect(nextLink('<https://a/x?page=1>; rel="prev"')).toBeUndefined();
    expect(nextLink(undefined)).toBeUndefined();
  });

  it("reads the distribution registry's relative link, as written", () => {
    expect(nextLink('</v2/lei-org/paged/tags/list?last=2026-01-04&n=4>; rel="next"')).toBe(
      '/v2/lei-org/paged/tags/list?last=2026-01-04&n=4',
    );
  });

  it('accepts a relation type list, any case, no quotes, and a comma inside the target', () => {
    expect(nextLink('<https://a/x?page=2>; rel="next last"')).toBe('https://a/x?page=2');
    expect(nextLink('<https://a/x?page=2>; REL="Next"')).toBe('https://a/x?page=2');
    expect(nextLink('<https://a/x?page=2>; rel=next')).toBe('https://a/x?page=2');
    expect(nextLink('<https://a/x?tags=a,b&page=2>; rel="next"')).toBe(
      'https://a/x?tags=a,b&page=2',
    );
  });

  it('does not take another parameter or relation for next', () => {
    expect(nextLink('<https://a/x?page=2>; title="next"')).toBeUndefined();
    expect(nextLink('<https://a/x?page=2>; rel="nextpage"')).toBeUndefined();
    expect(nextLink('<https://a/x?page=2>; rel="prev", <https://a/x?page=9>; title="next"')).toBe(
      undefined,
    );
    expect(nextLink('')).toBeUndefined();
    expect(nextLink('https://a/x?page=2; rel="next"')).toBeUndefined();
  });
});
