import { Worker } from 'node:worker_threads';
import { READ_CHUNK_SIZE } from './digest.js';

/**
 * The sha256 digest and size of a file, computed on a worker thread.
 *
 * Why: the push's packaging pass hashes the compressed cache file (the blob digest) and, to
 * verify it, the inflated reports (LEI's content_hash). With both SHA-256 streams on the main
 * thread the pass took 1.4 s per GiB here with the main thread busy throughout and the second
 * core half idle (BENCHMARKS.md). On this thread the blob digest runs beside the content check.
 * The worker reads the file itself, in step with the main thread's read of the same bytes, so
 * the second read comes from the page cache; handing the main thread's buffers over instead
 * (SharedArrayBuffer slots and a message per chunk) cost the main thread more than it saved.
 *
 * The worker's code is plain CommonJS kept in this file (run with `eval`), so the bundle needs
 * no second entry file and no path to find it by.
 */
const WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const hash = createHash('sha256');
const buffer = Buffer.allocUnsafeSlow(workerData.chunkSize);
const fd = openSync(workerData.path, 'r');
let size = 0;
try {
  for (;;) {
    const n = readSync(fd, buffer, 0, buffer.length, size);
    if (n === 0) break;
    size += n;
    hash.update(n === buffer.length ? buffer : buffer.subarray(0, n));
  }
} finally {
  closeSync(fd);
}
parentPort.postMessage({ digest: 'sha256:' + hash.digest('hex'), size });
`;

/** A digest being computed on its own thread: `result` settles once, `stop` cancels it. */
export interface ThreadDigest {
  result: Promise<{ digest: string; size: number }>;
  stop(): Promise<void>;
}

/** Starts hashing the file at `path` on a worker thread. */
export function digestFileOnThread(path: string): ThreadDigest {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { path, chunkSize: READ_CHUNK_SIZE },
  });
  let settled = false;
  const result = new Promise<{ digest: string; size: number }>((resolve, reject) => {
    worker.once('message', (m: { digest: string; size: number }) => {
      settled = true;
      resolve(m);
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (settled) return;
      settled = true;
      reject(new Error(`the hashing thread for ${path} stopped early (exit code ${code})`));
    });
  });
  result.catch(() => undefined);
  return {
    result,
    stop: async () => {
      settled = true;
      await worker.terminate();
    },
  };
}
