import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

/**
 * Writes an export whose cache.jsonl.gz is a stored (level 0) gzip of `rawBytes` of JSONL lines with
 * pseudo-random payloads, and a manifest.json that describes it as LEI's exporter would (so the
 * content check runs in full). Returns the size of cache.jsonl.gz.
 */
export async function writeBigExport(dir: string, rawBytes: number): Promise<number> {
  const content = createHash('sha256');
  let lines = 0;
  let raw = 0;
  let x = 0x9e3779b9;
  async function* jsonl(): AsyncGenerator<Buffer> {
    const payload = Buffer.alloc(3 * 1024);
    while (raw < rawBytes) {
      const batch: string[] = [];
      for (let n = 0; n < 256 && raw < rawBytes; n++) {
        for (let i = 0; i < payload.length; i += 4) {
          x ^= x << 13;
          x ^= x >>> 17;
          x ^= x << 5;
          payload.writeUInt32LE(x >>> 0, i);
        }
        const line = `{"n":${lines},"p":"${payload.toString('base64')}"}`;
        content.update(line);
        batch.push(`${line}\n`);
        raw += line.length + 1;
        lines += 1;
      }
      yield Buffer.from(batch.join(''));
    }
  }
  const cache = join(dir, 'cache.jsonl.gz');
  await pipeline(Readable.from(jsonl()), createGzip({ level: 0 }), createWriteStream(cache));
  const size = (await stat(cache)).size;
  await writeFile(
    join(dir, 'manifest.json'),
    JSON.stringify({
      format_version: '1.0',
      lei_version: '0.9.1',
      created: '2026-11-22T03:14:07Z',
      date: '2026-11-22',
      entry_count: lines,
      raw_size: raw,
      compressed_size: size,
      content_hash: content.digest('hex'),
    }),
  );
  return size;
}
