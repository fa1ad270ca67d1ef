/**
 * The content check as the gate of the cache layer's upload (PackageOptions.checkContentOnUpload),
 * without a registry: what packaging leaves to the gate, and what the gate's passes and its read of
 * its own find. The registry side is __tests__/registry/gatedUpload.integration.test.ts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CACHE_JSONL_MEDIA_TYPE,
  ExportError,
  SnapshotError,
  findCause,
  packageExport,
  type BlobGate,
  type PackagedArtifact,
} from '../../src/artifact/index.js';
import { ContentMismatchError } from '../../src/artifact/errors.js';
import { tempDir } from './fixtures.js';
import {
  DAMAGES,
  LATE_FLIP,
  bigLeiExport,
  buildLeiExport,
  leiReports,
  writeLeiExport,
  type LeiExport,
} from './leiExport.js';

async function packaged(
  exp: LeiExport,
  options: { verifyContent?: boolean; onWarning?: (m: string) => void } = {},
): Promise<{ dir: string; art: PackagedArtifact }> {
  const dir = await writeLeiExport(await tempDir(), exp);
  const art = await packageExport(dir, { checkContentOnUpload: true, ...options });
  return { dir, art };
}

function gateOf(art: PackagedArtifact): BlobGate {
  const cache = art.layers.find((l) => l.descriptor.mediaType === CACHE_JSONL_MEDIA_TYPE);
  if (cache?.gate === undefined) throw new Error('the cache layer has no gate');
  return cache.gate;
}

/** One pass of the gate over `bytes`, in chunks of `chunk` bytes; the verdict's outcome. */
async function pass(gate: BlobGate, bytes: Buffer, chunk = 64 * 1024): Promise<unknown> {
  const check = gate.start();
  for (let at = 0; at < bytes.length && !check.failed; at += chunk) {
    await check.write(bytes.subarray(at, at + chunk));
  }
  return check.verdict().then(
    () => 'passed',
    (error: unknown) => error,
  );
}

describe('packageExport with checkContentOnUpload', () => {
  it('hashes the cache alone and leaves the check to the gate, which finds what packaging would', async () => {
    const exp = buildLeiExport(leiReports(300));
    const { dir, art } = await packaged(exp);
    expect(art.verified).toBeUndefined();
    expect(art.contentGate?.facts).toBeUndefined();
    const cache = art.layers[1]!;
    expect(cache.gate).toBe(art.contentGate);
    expect(cache.path).toBe(join(dir, 'cache.jsonl.gz'));
    // the same artifact as a packaging that checks while it reads
    const checkedWhilePackaging = await packageExport(dir);
    expect(art.digest).toBe(checkedWhilePackaging.digest);
    expect(await pass(gateOf(art), exp.gz)).toBe('passed');
    expect(art.contentGate?.facts).toEqual(checkedWhilePackaging.verified);
  });

  it('checks while packaging when manifest.json has no entry_count: the config needs the count', async () => {
    const exp = buildLeiExport(leiReports(40));
    delete exp.manifest['entry_count'];
    const { art } = await packaged(exp);
    expect(art.contentGate).toBeUndefined();
    expect(art.layers[1]!.gate).toBeUndefined();
    expect(art.verified?.entries).toBe(40);
    expect(art.info.entryCount).toBe(40);
  });

  it('leaves no gate with verifyContent false', async () => {
    const { art } = await packaged(DAMAGES[3]!.apply(buildLeiExport()), { verifyContent: false });
    expect(art.contentGate).toBeUndefined();
    expect(art.layers[1]!.gate).toBeUndefined();
    expect(art.verified).toBeUndefined();
  });

  it.each([...DAMAGES, LATE_FLIP])('packages $name, and the gate refuses it', async (damage) => {
    const exp = damage.apply(damage === LATE_FLIP ? bigLeiExport(6 << 20) : buildLeiExport());
    const { art } = await packaged(exp);
    const gate = gateOf(art);
    for (const refusal of [
      await pass(gate, exp.gz, 1 << 20),
      await gate.checkFile().catch((e) => e),
    ]) {
      const mismatch = findCause(refusal, ContentMismatchError);
      expect(mismatch?.field).toBe(damage.field);
      expect(mismatch?.message).toMatch(damage.says);
    }
    expect(art.contentGate?.facts).toBeUndefined();
  });

  it('checks the file in a read of its own, refusing one that changed since packaging', async () => {
    const exp = buildLeiExport(leiReports(20));
    const { dir, art } = await packaged(exp);
    await gateOf(art).checkFile();
    expect(art.contentGate?.facts?.entries).toBe(20);

    // the same size, one byte different: the file is not the one packaging hashed
    const gz = Buffer.from(exp.gz);
    gz[gz.length - 9] = (gz[gz.length - 9] as number) ^ 0x01;
    await writeFile(join(dir, 'cache.jsonl.gz'), gz);
    const changed: unknown = await gateOf(art)
      .checkFile()
      .catch((e: unknown) => e);
    expect(changed).toBeInstanceOf(ExportError);
    expect(findCause(changed, SnapshotError)).toBeUndefined();
    expect((changed as Error).message).toContain('changed after it was packaged');
  });

  it("gives checkContent's warnings once, however many passes run", async () => {
    const exp = buildLeiExport(leiReports(10));
    delete exp.manifest['raw_size'];
    const warnings: string[] = [];
    const { dir, art } = await packaged(exp, { onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([]);
    const gz = await readFile(join(dir, 'cache.jsonl.gz'));
    expect(await pass(gateOf(art), gz)).toBe('passed');
    expect(await pass(gateOf(art), gz)).toBe('passed');
    await gateOf(art).checkFile();
    const expected = `manifest.json has no "raw_size"; the uncompressed size was not checked`;
    expect(warnings).toEqual([expected]);
    expect(art.warnings).toEqual([expected]);
  });
});
