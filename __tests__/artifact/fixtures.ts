import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach } from 'vitest';

export const EXAMPLE_EXPORT = resolve(import.meta.dirname, '..', '..', 'examples', 'export');

const dirs: string[] = [];

/** A fresh temporary directory, removed after the current test. */
export async function tempDir(prefix = 'lei-artifact-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A copy of examples/export in a temporary directory. */
export async function copyExample(): Promise<string> {
  const dir = join(await tempDir(), 'export');
  await cp(EXAMPLE_EXPORT, dir, { recursive: true });
  return dir;
}

/** Rewrites manifest.json of an export directory. */
export async function writeExportManifest(dir: string, doc: unknown): Promise<void> {
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(doc, null, 2));
}

/** A readable that emits the chunks and then fails with `error`. */
export function failingStream(chunks: Buffer[], error: Error): Readable {
  let i = 0;
  return new Readable({
    read() {
      if (i < chunks.length) this.push(chunks[i++]);
      else this.destroy(error);
    },
  });
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}
