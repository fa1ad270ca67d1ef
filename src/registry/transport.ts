import * as http from 'node:http';
import * as https from 'node:https';
import type { Readable } from 'node:stream';
import { HttpClient } from '@actions/http-client';
import type { BlobCheck } from '../artifact/index.js';
import { sendFile } from './fileBody.js';

/** One HTTP exchange's input. Headers are never logged. */
export interface HttpRequest {
  method: string;
  url: string;
  headers: http.OutgoingHttpHeaders;
  /**
   * A small body; a file on disk, sent whole with reused buffers (its size is the request's
   * Content-Length), optionally gated by a check; or a factory for a streamed body (called once
   * per send).
   */
  body?: Buffer | FileBody | (() => Readable);
  /** Called with the number of request-body bytes as they are handed to the socket. */
  onBodyBytes?: (bytes: number) => void;
}

/** A request body read from a file: the upload fast path (see fileBody.ts). */
interface FileBody {
  file: string;
  /** the check the body must pass before its last bytes are sent (called once per send) */
  check?: () => BlobCheck;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  url: string;
  /** The response body; the caller must consume (or `discard`) it. */
  body: http.IncomingMessage;
}

/** A failure below HTTP (reset, refused, stall). `code` is the errno-style code. */
export class TransportError extends Error {
  readonly code: string;
  constructor(message: string, code: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransportError';
    this.code = code;
  }
}

export interface TransportOptions {
  userAgent: string;
  /** No bytes moving either way on the connection for this long aborts the exchange. */
  stallTimeoutMs: number;
}

/**
 * Sends single HTTP requests (no redirects, no auth, no retries: the layers above do those).
 * @actions/http-client supplies the agent, so HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured
 * exactly as in the rest of the Actions toolkit; the request itself is made here so that a
 * stalled or failed exchange can be aborted (the client's request() hides the ClientRequest).
 */
export class Transport {
  /** One per protocol: HttpClient caches a single direct agent, which must match the protocol. */
  private readonly clients: Record<'http:' | 'https:', HttpClient>;

  constructor(private readonly options: TransportOptions) {
    const make = (): HttpClient =>
      new HttpClient(options.userAgent, [], {
        allowRedirects: false,
        allowRetries: false,
        keepAlive: true,
        socketTimeout: options.stallTimeoutMs,
      });
    this.clients = { 'http:': make(), 'https:': make() };
  }

  send(request: HttpRequest): Promise<HttpResponse> {
    const url = new URL(request.url);
    const isHttps = url.protocol === 'https:';
    const client = this.clients[isHttps ? 'https:' : 'http:'];
    const headers: http.OutgoingHttpHeaders = {
      'user-agent': client.userAgent,
      ...request.headers,
    };
    return new Promise<HttpResponse>((resolve, reject) => {
      const req = (isHttps ? https : http).request(url, {
        method: request.method,
        headers,
        agent: client.getAgent(url.href),
      });
      let settled = false;
      const exchange: Exchange = {
        req,
        response: undefined,
        fail: (err) => {
          if (settled) return;
          settled = true;
          reject(err);
        },
      };
      this.abortOnStall(exchange);
      req.on('error', (err) => exchange.fail(toTransportError(err)));
      req.on('response', (res) => {
        exchange.response = res;
        if (settled) {
          res.resume();
          return;
        }
        settled = true;
        // Errors of the response body reach the consumer through the stream itself.
        resolve({ status: res.statusCode ?? 0, headers: res.headers, url: request.url, body: res });
      });
      writeBody(exchange, request, Number(headers['content-length']));
    });
  }

  /**
   * Socket idle timeout: covers the request body, waiting for the response, and the response
   * body (the socket stays assigned until the body is consumed).
   */
  private abortOnStall(exchange: Exchange): void {
    const { req } = exchange;
    req.setTimeout(this.options.stallTimeoutMs, () => {
      const err = new TransportError(
        `connection stalled: no bytes moved for ${formatMs(this.options.stallTimeoutMs)}`,
        'LEI_STALLED',
      );
      exchange.response?.destroy(err);
      req.destroy(err);
    });
  }

  /** Closes idle keep-alive connections. */
  dispose(): void {
    this.clients['http:'].dispose();
    this.clients['https:'].dispose();
  }
}

/** One request in flight: what the body writers need to end it. */
interface Exchange {
  req: http.ClientRequest;
  /** The response, once it arrived (read it through the object: it is set later). */
  response: http.IncomingMessage | undefined;
  /** Rejects the send, unless it already settled. */
  fail: (err: Error) => void;
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/** Sends the request body (none, a buffer, a file of `length` bytes, or a stream) and ends it. */
function writeBody(exchange: Exchange, request: HttpRequest, length: number): void {
  const { req } = exchange;
  const body = request.body;
  if (body === undefined) {
    req.end();
  } else if (Buffer.isBuffer(body)) {
    req.end(body);
    request.onBodyBytes?.(body.length);
  } else if (typeof body !== 'function') {
    writeFileBody(exchange, body, length, request.onBodyBytes);
  } else {
    pipeStreamBody(exchange, body, request.onBodyBytes);
  }
}

/**
 * Sends a file body with sendFile: reused buffers instead of a fresh one per chunk, so memory
 * stays flat however large the file (BENCHMARKS.md: push memory), and the body's check, if any.
 */
function writeFileBody(
  exchange: Exchange,
  body: FileBody,
  length: number,
  onBytes: ((bytes: number) => void) | undefined,
): void {
  const { req } = exchange;
  if (!Number.isSafeInteger(length)) {
    exchange.fail(new Error('a file body needs its Content-Length'));
    req.destroy();
    return;
  }
  const options = {
    ...(onBytes ? { onBytes } : {}),
    ...(body.check ? { startCheck: body.check } : {}),
  };
  sendFile(req, body.file, length, options).catch((err: unknown) => {
    const e = asError(err);
    const { response } = exchange;
    if (response) {
      // The registry answered early (e.g. 401 before reading the body): let the caller
      // read that answer, then drop the half-sent request.
      if (response.closed) req.destroy();
      else response.once('close', () => req.destroy());
    } else {
      exchange.fail(e);
      req.destroy(e);
    }
  });
}

function pipeStreamBody(
  { req, fail }: Exchange,
  open: () => Readable,
  onBytes: ((bytes: number) => void) | undefined,
): void {
  let source: Readable;
  try {
    source = open();
  } catch (err) {
    req.destroy();
    fail(asError(err));
    return;
  }
  source.on('error', (err) => {
    // A read error (e.g. the file vanished) aborts the request instead of leaving the
    // registry waiting for the rest of Content-Length.
    fail(err);
    req.destroy(err);
  });
  req.on('close', () => source.destroy());
  if (onBytes) source.on('data', (chunk: Buffer) => onBytes(chunk.length));
  source.pipe(req);
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

function toTransportError(err: Error): Error {
  if (err instanceof TransportError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (typeof code === 'string') return new TransportError(err.message, code, { cause: err });
  if (/socket hang up/i.test(err.message))
    return new TransportError(err.message, 'ECONNRESET', { cause: err });
  return err;
}

/** Drains a response body we do not need so its connection can be reused. */
export function discard(res: HttpResponse): void {
  res.body.resume();
  res.body.on('error', () => undefined);
}

/**
 * Reads a response body up to `limit` bytes. Throws a TransportError with code LEI_TOO_LARGE
 * when the body is larger (the connection is closed then).
 */
export async function readBody(res: HttpResponse, limit: number): Promise<Buffer> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    res.body.destroy();
    throw new TransportError(
      `response body of ${declared} bytes exceeds the limit of ${limit}`,
      'LEI_TOO_LARGE',
    );
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) {
      res.body.destroy();
      throw new TransportError(
        `response body exceeds the limit of ${limit} bytes`,
        'LEI_TOO_LARGE',
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

/** Reads at most `limit` bytes of an error body as text and discards the rest. Never throws. */
export async function readErrorText(res: HttpResponse, limit = 64 * 1024): Promise<string> {
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      if (total < limit) chunks.push(chunk.subarray(0, limit - total));
      total += chunk.length;
    }
    return Buffer.concat(chunks).toString('utf8');
  } catch {
    return '';
  }
}

/** First value of a response header. */
export function header(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
