/**
 * A small fault-injecting HTTP proxy on loopback in front of the real test registry, for
 * behaviours the real registry cannot produce (5xx, 429, resets, relative Location, redirects to
 * a storage host, expired tokens, stalls, corrupted bytes).
 *
 * Without a matching rule every request is forwarded to the registry as is (streamed both ways,
 * never buffered), with its headers preserved; an absolute `Location` that points at the
 * registry is rewritten to point at the proxy, so a client keeps going through the proxy. The
 * registry sees its own host in `Host`.
 *
 * Rules are checked in the order added; the first matching rule with uses left applies (and uses
 * one). A request that a rule answers by itself (status, rejectToken, redirectTo) has its body
 * drained first, then gets the answer.
 */
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import type { TestRegistry } from './registry.js';

interface ProxiedRequest {
  method: string;
  /** path + query */
  path: string;
  hadAuthorization: boolean;
  /** status answered to the client (0 when the connection was destroyed before an answer) */
  status: number;
  /** the Host header the client sent */
  host: string;
  /** whether a Cookie header arrived */
  hadCookie?: boolean;
  /** name of the fault applied, when one was */
  fault?: string;
  /** request-body bytes received from the client and forwarded so far (forwarded requests) */
  bodyBytes?: number;
}

interface FaultRule {
  /** match the request method (case-insensitive); absent: any */
  method?: string;
  /** match path + query; absent: any */
  path?: RegExp;
  /** how many matching requests the rule applies to (default 1; Infinity for all) */
  times?: number;
  /** answer instead of forwarding (e.g. 503, 429 + Retry-After) */
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** forward, but destroy the client socket (and the upstream request) after N request-body bytes */
  resetAfterBytes?: number;
  /** forward, but flip bytes in the response body (same length) */
  corruptResponseBody?: boolean;
  /** rewrite an absolute Location header in the response to a relative one (path + query) */
  relativeLocation?: boolean;
  /**
   * answer a blob GET/HEAD (`/v2/<name>/blobs/<digest>`) with 307 to the other-host server,
   * which serves the same bytes (fetched from the registry with admin credentials) and records
   * whether Authorization/Cookie arrived
   */
  redirectTo?: 'otherHost';
  /**
   * answer 401 with the registry's real WWW-Authenticate challenge and error body, as for an
   * expired/invalid token (obtained by sending the same method and path to the registry with an
   * invalid credential and no body). Not available with auth 'none'.
   */
  rejectToken?: boolean;
  /**
   * stall: accept the request but send nothing (and read nothing of its body) for N ms, then
   * forward it normally. With `stallAfterResponseBytes`: forward, send that many response-body
   * bytes, then send nothing for N ms, then the rest.
   */
  stallMs?: number;
  stallAfterResponseBytes?: number;
  /**
   * forward, but set (string) or remove (null) these headers in the response, e.g. a wrong
   * Docker-Content-Digest on a manifest PUT, or no Content-Length
   */
  overrideResponseHeaders?: Record<string, string | null>;
  /**
   * forward, but first await this (e.g. another client's write straight to the registry), to
   * stage a race at an exact point of a client's request sequence without timing
   */
  beforeForward?: () => Promise<void>;
}

export interface FaultProxy {
  /** '127.0.0.1:PORT' - use it in references instead of the registry's host */
  host: string;
  requests: ProxiedRequest[];
  /** the redirect target, on a different loopback address ('127.0.0.2:PORT', or 'localhost:PORT') */
  otherHost: { host: string; requests: ProxiedRequest[] };
  addRule(rule: FaultRule): void;
  clearRules(): void;
  stop(): Promise<void>;
}

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'upgrade',
]);

const BLOB_PATH = /^\/v2\/(.+)\/blobs\/(sha256:[a-f0-9]{64})(?:\?.*)?$/;

function faultName(rule: FaultRule): string {
  if (rule.rejectToken) return 'rejectToken';
  if (rule.redirectTo) return 'redirectTo';
  if (rule.status !== undefined) return `status ${rule.status}`;
  if (rule.resetAfterBytes !== undefined) return 'resetAfterBytes';
  if (rule.stallMs !== undefined) return 'stall';
  if (rule.corruptResponseBody) return 'corruptResponseBody';
  if (rule.relativeLocation) return 'relativeLocation';
  if (rule.overrideResponseHeaders) return 'overrideResponseHeaders';
  if (rule.beforeForward) return 'beforeForward';
  return 'rule';
}

function forwardHeaders(headers: IncomingHttpHeaders, host: string): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    // node answers `Expect: 100-continue` to the client itself; don't pass it on
    if (value === undefined || HOP_BY_HOP.has(name) || name === 'expect') continue;
    out[name] = value;
  }
  out.host = host;
  return out;
}

/** Upstream response headers as a flat raw list (case kept), minus hop-by-hop, with Location fixed. */
function responseHeaders(
  upstream: IncomingMessage,
  rewriteLocation: (location: string) => string,
  overrides: Record<string, string | null> = {},
): string[] {
  const out: string[] = [];
  const raw = upstream.rawHeaders;
  const override = new Map(Object.entries(overrides).map(([k, v]) => [k.toLowerCase(), v]));
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    let value = raw[i + 1]!;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || override.has(lower)) continue;
    if (lower === 'location') value = rewriteLocation(value);
    out.push(name, value);
  }
  for (const [name, value] of override) if (value !== null) out.push(name, value);
  return out;
}

function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    if (req.readableEnded) {
      resolve();
      return;
    }
    req.on('end', () => resolve());
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.resume();
  });
}

function listen(server: Server, address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(0, address, () => {
      server.off('error', onError);
      const bound = server.address();
      resolve(typeof bound === 'object' && bound !== null ? bound.port : 0);
    });
  });
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

class CorruptingStream extends Transform {
  private done = false;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.done && chunk.length > 0) {
      const copy = Buffer.from(chunk);
      // flip the first byte and one in the middle of the first non-empty chunk
      copy[0] = copy[0]! ^ 0xff;
      const middle = copy.length >> 1;
      copy[middle] = copy[middle]! ^ 0x55;
      this.done = true;
      callback(null, copy);
      return;
    }
    callback(null, chunk);
  }
}

class StallingStream extends Transform {
  private sent = 0;
  private stalled = false;
  private readonly afterBytes: number;
  private readonly stallMs: number;
  // (no parameter properties: the helpers stay loadable by Node's type stripping, e.g. from a
  // benchmark script run with Node >= 22.6)
  constructor(afterBytes: number, stallMs: number) {
    super();
    this.afterBytes = afterBytes;
    this.stallMs = stallMs;
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.stalled || this.sent + chunk.length <= this.afterBytes) {
      this.sent += chunk.length;
      callback(null, chunk);
      return;
    }
    const head = chunk.subarray(0, Math.max(0, this.afterBytes - this.sent));
    const rest = chunk.subarray(head.length);
    this.stalled = true;
    this.sent += chunk.length;
    if (head.length > 0) this.push(head);
    setTimeout(() => callback(null, rest), this.stallMs);
  }
}

export async function startFaultProxy(target: TestRegistry): Promise<FaultProxy> {
  const rules: ActiveRule[] = [];
  const requests: ProxiedRequest[] = [];
  const otherRequests: ProxiedRequest[] = [];
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const [targetHostname, targetPortText] = target.host.split(':') as [string, string];
  const targetPort = Number(targetPortText);
  let proxyHost = '';
  let otherHost = '';

  const takeRule = (req: IncomingMessage): FaultRule | undefined => {
    const path = req.url ?? '/';
    for (const active of rules) {
      if (active.remaining <= 0) continue;
      const { rule } = active;
      if (rule.method !== undefined && rule.method.toUpperCase() !== req.method) continue;
      if (rule.path !== undefined && !rule.path.test(path)) continue;
      active.remaining--;
      return rule;
    }
    return undefined;
  };

  const rewriteToProxy = (location: string): string => {
    for (const prefix of [`http://${target.host}/`, `http://${target.host}?`]) {
      if (location.startsWith(prefix))
        return `http://${proxyHost}${location.slice(prefix.length - 1)}`;
    }
    return location;
  };
  const makeRelative = (location: string): string => {
    try {
      const url = new URL(location);
      return `${url.pathname}${url.search}`;
    } catch {
      return location; // already relative
    }
  };

  const answer = (
    res: ServerResponse,
    record: ProxiedRequest,
    status: number,
    headers: OutgoingHttpHeaders,
    body: Buffer,
  ): void => {
    record.status = status;
    res.writeHead(status, { 'content-length': String(body.length), ...headers });
    res.end(body);
  };

  /** the registry's real challenge and body for this method and path, with an invalid credential */
  const realChallenge = (
    req: IncomingMessage,
  ): Promise<{ status: number; headers: OutgoingHttpHeaders; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const invalid =
        target.auth === 'htpasswd'
          ? `Basic ${Buffer.from('lei-expired:wrong').toString('base64')}`
          : 'Bearer lei-expired-token';
      const upstream = httpRequest(
        {
          host: targetHostname,
          port: targetPort,
          method: req.method,
          path: req.url,
          agent,
          headers: { host: target.host, authorization: invalid, 'content-length': '0' },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const headers: OutgoingHttpHeaders = {};
            for (const name of [
              'www-authenticate',
              'content-type',
              'docker-distribution-api-version',
            ]) {
              const value = response.headers[name];
              if (value !== undefined) headers[name] = value;
            }
            resolve({ status: response.statusCode ?? 401, headers, body: Buffer.concat(chunks) });
          });
          response.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.end();
    });

  const forward = (
    req: IncomingMessage,
    res: ServerResponse,
    record: ProxiedRequest,
    rule: FaultRule | undefined,
  ): void => {
    const upstream = httpRequest({
      host: targetHostname,
      port: targetPort,
      method: req.method,
      path: req.url,
      agent,
      headers: forwardHeaders(req.headers, target.host),
    });
    let finished = false;
    let reset = false;
    res.on('close', () => {
      if (!finished) upstream.destroy();
    });
    upstream.on('response', (response) => {
      const rewrite = (location: string): string =>
        rule?.relativeLocation ? makeRelative(location) : rewriteToProxy(location);
      record.status = response.statusCode ?? 0;
      res.writeHead(
        response.statusCode ?? 502,
        response.statusMessage,
        responseHeaders(response, rewrite, rule?.overrideResponseHeaders),
      );
      let body: NodeJS.ReadableStream = response;
      if (rule?.corruptResponseBody) body = response.pipe(new CorruptingStream());
      if (rule?.stallAfterResponseBytes !== undefined) {
        body = body.pipe(new StallingStream(rule.stallAfterResponseBytes, rule.stallMs ?? 0));
      }
      body.pipe(res);
      res.on('finish', () => {
        finished = true;
      });
      response.on('error', () => res.destroy());
    });
    upstream.on('error', (error) => {
      // the client went first (reset, or it destroyed its request): nobody to answer
      if (reset || res.destroyed) return;
      if (res.headersSent) {
        res.destroy();
        return;
      }
      answer(
        res,
        record,
        502,
        { 'content-type': 'text/plain' },
        Buffer.from(`proxy: ${error.message}`),
      );
    });

    if (rule?.resetAfterBytes !== undefined) {
      const limit = rule.resetAfterBytes;
      let seen = 0;
      req.on('data', (chunk: Buffer) => {
        if (seen >= limit) return;
        const room = limit - seen;
        seen += chunk.length;
        if (chunk.length < room) {
          if (!upstream.write(chunk)) {
            req.pause();
            upstream.once('drain', () => req.resume());
          }
          return;
        }
        upstream.write(chunk.subarray(0, room));
        reset = true;
        record.status = 0;
        upstream.destroy();
        req.socket.destroy();
      });
      req.on('end', () => upstream.end());
      return;
    }
    record.bodyBytes = 0;
    req.on('data', (chunk: Buffer) => {
      record.bodyBytes = (record.bodyBytes ?? 0) + chunk.length;
    });
    req.pipe(upstream);
    req.on('error', () => upstream.destroy());
  };

  const proxy = createServer((req, res) => {
    const rule = takeRule(req);
    const record: ProxiedRequest = {
      ...requestRecord(req),
      ...(req.headers.cookie !== undefined ? { hadCookie: true } : {}),
      ...(rule !== undefined ? { fault: faultName(rule) } : {}),
    };
    requests.push(record);
    void handle(req, res, record, rule).catch((error: unknown) => {
      if (!res.headersSent) {
        answer(
          res,
          record,
          502,
          { 'content-type': 'text/plain' },
          Buffer.from(`proxy: ${String(error)}`),
        );
      } else {
        res.destroy();
      }
    });
  });

  const handle = async (
    req: IncomingMessage,
    res: ServerResponse,
    record: ProxiedRequest,
    rule: FaultRule | undefined,
  ): Promise<void> => {
    if (rule === undefined) {
      forward(req, res, record, undefined);
      return;
    }
    if (rule.rejectToken) {
      await drain(req);
      const challenge = await realChallenge(req);
      answer(res, record, challenge.status, challenge.headers, challenge.body);
      return;
    }
    if (rule.redirectTo === 'otherHost') {
      const match = BLOB_PATH.exec(req.url ?? '');
      await drain(req);
      if (!match) {
        answer(res, record, 400, {}, Buffer.from('redirectTo applies to blob GET/HEAD only'));
        return;
      }
      const signature = Math.random().toString(36).slice(2);
      const location = `http://${otherHost}/storage/${match[1]}/${match[2]}?X-Signature=${signature}`;
      answer(res, record, 307, { location, 'content-type': 'text/html' }, Buffer.from(''));
      return;
    }
    if (rule.status !== undefined) {
      await drain(req);
      answer(res, record, rule.status, rule.headers ?? {}, Buffer.from(rule.body ?? ''));
      return;
    }
    if (rule.beforeForward) {
      req.pause();
      await rule.beforeForward();
    }
    if (rule.stallMs !== undefined && rule.stallAfterResponseBytes === undefined) {
      req.pause();
      const closed = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), rule.stallMs);
        res.once('close', () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      if (closed) return; // the client gave up
    }
    forward(req, res, record, rule);
  };

  // The "storage host" a blob GET is redirected to: serves the registry's bytes, records headers.
  const other = createServer((req, res) => {
    const record: ProxiedRequest = {
      ...requestRecord(req),
      hadCookie: req.headers.cookie !== undefined,
    };
    otherRequests.push(record);
    const match = /^\/storage\/(.+)\/(sha256:[a-f0-9]{64})(?:\?.*)?$/.exec(req.url ?? '');
    req.resume();
    if (!match || (req.method !== 'GET' && req.method !== 'HEAD')) {
      answer(res, record, 404, {}, Buffer.from('not found'));
      return;
    }
    void (async () => {
      const authorization = await target.adminAuthorization(match[1]!, 'pull');
      const upstream = httpRequest(
        {
          host: targetHostname,
          port: targetPort,
          method: req.method,
          path: `/v2/${match[1]}/blobs/${match[2]}`,
          agent,
          headers: {
            host: target.host,
            ...(authorization !== undefined ? { authorization } : {}),
          },
        },
        (response) => {
          record.status = response.statusCode ?? 0;
          const headers: OutgoingHttpHeaders = {};
          for (const name of ['content-length', 'content-type', 'etag']) {
            const value = response.headers[name];
            if (value !== undefined) headers[name] = value;
          }
          // storage hosts do not send Docker-Content-Digest; the client must hash the bytes
          res.writeHead(response.statusCode ?? 502, headers);
          response.pipe(res);
        },
      );
      res.on('close', () => upstream.destroy());
      upstream.on('error', () => res.destroy());
      upstream.end();
    })().catch(() => res.destroy());
  });

  const proxyPort = await listen(proxy, '127.0.0.1');
  proxyHost = `127.0.0.1:${proxyPort}`;
  try {
    otherHost = `127.0.0.2:${await listen(other, '127.0.0.2')}`;
  } catch {
    otherHost = `localhost:${await listen(other, '127.0.0.1')}`;
  }

  return {
    host: proxyHost,
    requests,
    otherHost: { host: otherHost, requests: otherRequests },
    addRule(rule) {
      if (rule.rejectToken && target.auth === 'none') {
        throw new Error('rejectToken needs a registry with auth (token or htpasswd)');
      }
      rules.push({ rule, remaining: rule.times ?? 1 });
    },
    clearRules() {
      rules.length = 0;
    },
    async stop() {
      await Promise.all([closeServer(proxy), closeServer(other)]);
      agent.destroy();
    },
  };
}

/** What the proxy records of every request it sees (status filled in once answered). */
function requestRecord(req: IncomingMessage): ProxiedRequest {
  return {
    method: req.method ?? 'GET',
    path: req.url ?? '/',
    hadAuthorization: req.headers.authorization !== undefined,
    status: 0,
    host: req.headers.host ?? '',
  };
}
