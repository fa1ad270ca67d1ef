/**
 * The `rel="next"` target of an HTTP `Link` header (RFC 8288), as the distribution API's tags
 * list and GitHub's REST API send it: `<url>; rel="next", <url>; rel="last"`. The target is
 * returned as written (it may be relative); the caller resolves it and decides whether to follow
 * it. A relation type list (`rel="next last"`) counts, in any case; undefined when there is none.
 */
export function nextLink(link: string | undefined): string | undefined {
  if (link === undefined) return undefined;
  // Each link is `<target>` and its parameters up to the next `<` (a target may hold commas).
  for (const [, target, params] of link.matchAll(/<([^>]*)>([^<]*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,"]+))/i.exec(params ?? '');
    const types = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (types.includes('next')) return target;
  }
  return undefined;
}
