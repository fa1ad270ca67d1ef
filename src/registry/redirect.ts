import { NetworkError } from './errors.js';
import { resolveRedirectLocation } from './location.js';
import { isLoopbackHost } from './reference.js';
import {
  discard,
  header,
  type HttpRequest,
  type HttpResponse,
  type Transport,
} from './transport.js';

const MAX_REDIRECTS = 10;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Sends `request`, following redirects ourselves (at most MAX_REDIRECTS hops, relative locations
 * resolved against the URL that sent them). `authorizationFor(url)` decides per hop whether the
 * Authorization header goes along; it must return undefined for any host other than the
 * registry's. Only GET and HEAD are followed; a redirect on another method is returned as is.
 * Cookies are never sent.
 */
export async function sendFollowingRedirects(
  transport: Transport,
  request: HttpRequest,
  authorizationFor: (url: URL) => string | undefined,
  operation: string,
): Promise<HttpResponse> {
  let url = request.url;
  let method = request.method;
  for (let hop = 0; ; hop++) {
    const headers = { ...request.headers };
    delete headers['authorization'];
    delete headers['cookie'];
    const authorization = authorizationFor(new URL(url));
    if (authorization !== undefined) headers['authorization'] = authorization;
    const res = await transport.send({ ...request, method, url, headers });
    const location = header(res, 'location');
    if (
      !REDIRECT_STATUSES.has(res.status) ||
      location === undefined ||
      (method !== 'GET' && method !== 'HEAD')
    ) {
      return res;
    }
    discard(res);
    if (hop + 1 > MAX_REDIRECTS) {
      throw new NetworkError({
        operation,
        url: request.url,
        detail: `more than ${MAX_REDIRECTS} redirects`,
        retryable: false,
      });
    }
    const next = resolveRedirectLocation(location, url);
    const from = new URL(url);
    const to = new URL(next);
    if (to.protocol !== 'http:' && to.protocol !== 'https:') {
      throw new NetworkError({
        operation,
        url: request.url,
        detail: `redirect to unsupported scheme ${to.protocol}`,
        retryable: false,
      });
    }
    if (from.protocol === 'https:' && to.protocol === 'http:' && !isLoopbackHost(to.host)) {
      throw new NetworkError({
        operation,
        url: request.url,
        detail: `refusing a redirect from HTTPS to plain HTTP (${to.host})`,
        retryable: false,
      });
    }
    if (res.status === 303) method = 'GET';
    url = next;
  }
}
