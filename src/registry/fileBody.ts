import { open } from 'node:fs/promises';
import type { ClientRequest } from 'node:http';

/** Bytes per read/write on the upload hot path. */
const UPLOAD_CHUNK_SIZE = 1024 * 1024;

/**
 * Writes `size` bytes of the file at `path` into `req` and ends it, reusing two buffers: the
 * next chunk is read while the previous one is being written, and a buffer is refilled only
 * after the socket took it (write callback). Peak memory stays at two chunks however large the
 * file is, with no garbage for the collector to catch up with.
 */
export async function sendFile(
  req: ClientRequest,
  path: string,
  size: number,
  onBytes?: (n: number) => void,
): Promise<void> {
  const fh = await open(path, 'r');
  // A write callback may never run once the socket is gone: stop on 'close' too.
  let closedEarly = false;
  const closed = new Promise<never>((_, reject) => {
    req.once('close', () => {
      closedEarly = true;
      reject(new Error('the connection closed before the request body was sent'));
    });
  });
  closed.catch(() => undefined);
  try {
    const buffers = [
      Buffer.allocUnsafeSlow(UPLOAD_CHUNK_SIZE),
      Buffer.allocUnsafeSlow(UPLOAD_CHUNK_SIZE),
    ];
    let position = 0;
    let turn = 0;
    let writing: Promise<void> = Promise.resolve();
    while (position < size) {
      const buffer = buffers[turn] as Buffer;
      turn ^= 1;
      const { bytesRead } = await fh.read(
        buffer,
        0,
        Math.min(UPLOAD_CHUNK_SIZE, size - position),
        position,
      );
      if (bytesRead === 0) {
        throw new Error(
          `${path} ended after ${position} of ${size} bytes: the file changed after it was packaged`,
        );
      }
      position += bytesRead;
      await Promise.race([writing, closed]);
      if (closedEarly || req.destroyed) throw new Error('the request was aborted');
      const chunk = bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
      writing = new Promise<void>((resolve, reject) => {
        req.write(chunk, (err) => (err ? reject(err) : resolve()));
      });
      // It may fail while the next read is running: observed here, thrown where it is awaited.
      writing.catch(() => undefined);
      onBytes?.(bytesRead);
    }
    await Promise.race([writing, closed]);
    req.end();
  } finally {
    await fh.close();
  }
}
