import { open, type FileHandle } from 'node:fs/promises';
import type { ClientRequest } from 'node:http';
import type { BlobCheck } from '../artifact/index.js';

/** Bytes per read/write on the upload hot path. */
const UPLOAD_CHUNK_SIZE = 1024 * 1024;
/**
 * Reused read buffers: one in the socket, one in the check, one being read, one spare (so a
 * burst on either side does not stall the read).
 */
const UPLOAD_BUFFERS = 4;
/**
 * Bytes at the end of a checked body that wait for the check's verdict. A request whose
 * Content-Length has not been reached is incomplete: without them the registry cannot commit
 * the upload, and when the check fails the request is destroyed instead.
 */
const HELD_BACK_BYTES = 1;

export interface FileBodyOptions {
  /** called with the number of bytes handed to the socket */
  onBytes?: (n: number) => void;
  /** the check this body must pass (a new one per send): see sendFile */
  startCheck?: () => BlobCheck;
}

/**
 * Writes `size` bytes of the file at `path` into `req` and ends it, reading the file once with
 * UPLOAD_BUFFERS reused buffers: the next chunks are read while earlier ones are written, and a
 * buffer is refilled only after the socket (write callback) and the check (its write promise)
 * both released it, so memory stays at a few chunks however large the file is, with no garbage
 * for the collector to catch up with.
 *
 * With a check, every byte goes to the check too, and the last HELD_BACK_BYTES reach the socket
 * only after `verdict()` resolved. A failed check (found early, or in the verdict) rejects with
 * its reason before those bytes were written; the caller destroys the request, so the registry
 * never receives the whole body and cannot commit it.
 */
export async function sendFile(
  req: ClientRequest,
  path: string,
  size: number,
  options: FileBodyOptions = {},
): Promise<void> {
  const body: Body = { req, path, size, closed: closedSignal(req), onBytes: options.onBytes };
  let fh: FileHandle | undefined;
  let ended = false;
  try {
    fh = await open(path, 'r');
    body.check = options.startCheck?.();
    const tail = await sendAllBut(body, fh);
    if (body.check !== undefined) {
      await body.closed.until(body.check.verdict());
      if (tail === undefined) throw new Error('the check of the request body failed');
      await body.closed.until(writeChunk(body, tail));
    }
    req.end();
    ended = true;
  } finally {
    if (!ended) body.check?.abort();
    await fh?.close();
  }
}

/** One request body being sent. */
interface Body {
  req: ClientRequest;
  path: string;
  size: number;
  closed: ClosedSignal;
  onBytes: ((n: number) => void) | undefined;
  check?: BlobCheck | undefined;
}

/**
 * Sends the file to the socket and to the check, all but its last bytes when there is a check
 * (HELD_BACK_BYTES); returns those (in the last buffer, which is not read into again), or
 * undefined when it stopped early because the check failed (the verdict then says why).
 */
async function sendAllBut(body: Body, fh: FileHandle): Promise<Buffer | undefined> {
  const { size, check } = body;
  const held = check === undefined ? 0 : Math.min(HELD_BACK_BYTES, size);
  const buffers = Array.from({ length: UPLOAD_BUFFERS }, () =>
    Buffer.allocUnsafeSlow(UPLOAD_CHUNK_SIZE),
  );
  const released: Promise<unknown>[] = buffers.map(() => Promise.resolve());
  let position = 0;
  let tail: Buffer = Buffer.alloc(0);
  for (let turn = 0; position < size; turn = (turn + 1) % UPLOAD_BUFFERS) {
    await body.closed.until(released[turn] as Promise<unknown>);
    if (check?.failed === true) return undefined;
    const chunk = await readChunk(body, fh, buffers[turn] as Buffer, position);
    position += chunk.length;
    const keep = position === size ? held : 0;
    tail = chunk.subarray(chunk.length - keep);
    const written = writeChunk(body, chunk.subarray(0, chunk.length - keep));
    released[turn] = check === undefined ? written : Promise.all([written, check.write(chunk)]);
    // It may fail while the next read is running: observed here, thrown where it is awaited.
    released[turn]?.catch(() => undefined);
  }
  await body.closed.until(Promise.all(released));
  return check?.failed === true ? undefined : tail;
}

/** The next chunk of the file from `position`, read into `buffer`. */
async function readChunk(
  body: Body,
  fh: FileHandle,
  buffer: Buffer,
  position: number,
): Promise<Buffer> {
  const want = Math.min(buffer.length, body.size - position);
  const { bytesRead } = await fh.read(buffer, 0, want, position);
  if (bytesRead === 0) {
    throw new Error(
      `${body.path} ended after ${position} of ${body.size} bytes: the file changed after it was packaged`,
    );
  }
  return buffer.subarray(0, bytesRead);
}

/** Writes a chunk; resolves once the socket took it (its buffer may then be reused). */
function writeChunk(body: Body, chunk: Buffer): Promise<void> {
  if (chunk.length === 0) return Promise.resolve();
  const written = new Promise<void>((resolve, reject) => {
    body.req.write(chunk, (err) => (err ? reject(err) : resolve()));
  });
  body.onBytes?.(chunk.length);
  return written;
}
interface ClosedSignal {
  /** Awaits `promise`, but throws as soon as the request is closed or destroyed. */
  until<T>(promise: Promise<T>): Promise<T>;
}

/** A write callback may never run once the socket is gone: every wait also stops on 'close'. */
function closedSignal(req: ClientRequest): ClosedSignal {
  let closedEarly = false;
  const closed = new Promise<never>((_, reject) => {
    req.once('close', () => {
      closedEarly = true;
      reject(new Error('the connection closed before the request body was sent'));
    });
  });
  closed.catch(() => undefined);
  return {
    async until<T>(promise: Promise<T>): Promise<T> {
      const value = await Promise.race([promise, closed]);
      if (closedEarly || req.destroyed) throw new Error('the request was aborted');
      return value;
    },
  };
}
