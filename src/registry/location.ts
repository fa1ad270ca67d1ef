/**
 * Resolves an upload session's `Location` against the URL of the response that sent it
 * (ghcr.io sends a relative one, the reference registry an absolute one with a `_state` query)
 * and adds `digest=<digest>` to its query, keeping the existing query byte for byte (it may be
 * signed).
 */
export function resolveUploadLocation(
  location: string,
  responseUrl: string,
  digest: string,
): string {
  const url = new URL(location, responseUrl);
  url.hash = '';
  const param = `digest=${encodeURIComponent(digest)}`;
  const href = url.href;
  if (url.search === '' || url.search === '?') return `${href.replace(/\?$/, '')}?${param}`;
  return `${href}&${param}`;
}

/** Resolves a redirect's `Location` (absolute or relative) against the URL that returned it. */
export function resolveRedirectLocation(location: string, responseUrl: string): string {
  const url = new URL(location, responseUrl);
  url.hash = ''; // fragments are never sent
  return url.href;
}
