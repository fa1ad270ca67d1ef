import { describe, expect, it } from 'vitest';
import { PROGRESS_MIN_BYTES, formatBytes, progressLogger } from '../../src/action/progress.js';

describe('progress logging', () => {
  const digest = `sha256:${'b'.repeat(64)}`;

  it('logs big transfers at most every 10 s with bytes, percent and MB/s, plus completion', () => {
    let clock = 0;
    const lines: string[] = [];
    const log = progressLogger(
      (line) => lines.push(line),
      () => clock,
    );
    const total = 200_000_000;
    for (let t = 0; t <= 25_000; t += 1000) {
      clock = t;
      log({ operation: 'upload', digest, bytes: Math.min(total, t * 8000), total });
    }
    clock = 26_000;
    log({ operation: 'upload', digest, bytes: total, total });
    log({ operation: 'upload', digest, bytes: total, total });
    expect(lines).toEqual([
      'sha256:bbbbbbbbbbbb: uploaded 76.3 MiB of 191 MiB (40%, 8.0 MB/s)',
      'sha256:bbbbbbbbbbbb: uploaded 153 MiB of 191 MiB (80%, 8.0 MB/s)',
      'sha256:bbbbbbbbbbbb: uploaded 191 MiB of 191 MiB (100%, 8.0 MB/s)',
    ]);
  });

  it('stays silent below 64 MiB', () => {
    const lines: string[] = [];
    let clock = 0;
    const log = progressLogger(
      (line) => lines.push(line),
      () => clock,
    );
    clock = 60_000;
    log({
      operation: 'download',
      digest,
      bytes: PROGRESS_MIN_BYTES - 2,
      total: PROGRESS_MIN_BYTES - 1,
    });
    log({
      operation: 'download',
      digest,
      bytes: PROGRESS_MIN_BYTES - 1,
      total: PROGRESS_MIN_BYTES - 1,
    });
    expect(lines).toEqual([]);
  });

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(10 * 1024 ** 3)).toBe('10.0 GiB');
  });
});
