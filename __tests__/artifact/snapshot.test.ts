import { describe, expect, it } from 'vitest';
import { SnapshotError } from '../../src/artifact/errors.js';
import { parseSnapshotManifest } from '../../src/artifact/snapshot.js';
import { buildLeiExport } from './leiExport.js';

const parse = (doc: unknown, source = 'manifest.json') =>
  parseSnapshotManifest(Buffer.from(JSON.stringify(doc)), source);

function refusal(bytes: Buffer | object): SnapshotError {
  try {
    parseSnapshotManifest(
      Buffer.isBuffer(bytes) ? bytes : Buffer.from(JSON.stringify(bytes)),
      'm.json',
    );
  } catch (e) {
    expect(e).toBeInstanceOf(SnapshotError);
    return e as SnapshotError;
  }
  throw new Error('not refused');
}

describe('parseSnapshotManifest', () => {
  it("reads LEI's manifest.json into one typed description", () => {
    const { manifest } = buildLeiExport();
    const d = parse(manifest);
    expect(d.warnings).toEqual([]);
    expect(d.info).toEqual({
      formatVersion: '1.0',
      leiVersion: '0.9.1',
      created: '2026-11-22T03:14:07Z',
      date: '2026-11-22',
      entryCount: 50,
      repos: manifest['repos'],
    });
    expect(d.declared).toEqual({
      entryCount: 50,
      rawSize: manifest['raw_size'],
      compressedSize: manifest['compressed_size'],
      contentHash: manifest['content_hash'],
    });
  });

  it('takes date, else the UTC day of created', () => {
    const created = '2026-02-05T23:30:00-05:00';
    expect(parse({ created }).info.date).toBe('2026-02-06');
    expect(parse({ created, date: '2026-02-05' }).info.date).toBe('2026-02-05');
  });

  it('leaves an absent entry_count undeclared (0 until the content is counted)', () => {
    const { manifest } = buildLeiExport();
    delete manifest['entry_count'];
    const d = parse(manifest);
    expect(d.declared.entryCount).toBeUndefined();
    expect(d.info.entryCount).toBe(0);
  });

  it('keeps a content_hash in another form apart, so it is not compared', () => {
    const d = parse({ created: '2026-11-22T00:00:00Z', content_hash: 'sha256:' + 'a'.repeat(64) });
    expect(d.declared.contentHash).toBeUndefined();
    expect(d.declared.otherContentHash).toBe('sha256:' + 'a'.repeat(64));
    expect(
      parse({ created: '2026-11-22T00:00:00Z', content_hash: 'A'.repeat(64) }).declared,
    ).toEqual({ otherContentHash: 'A'.repeat(64) });
  });

  it('names a UTF-8 byte-order mark as such', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('{"created":"2026-11-22T00:00:00Z"}'),
    ]);
    expect(refusal(bytes).message).toBe(
      'm.json starts with a UTF-8 byte-order mark (bytes EF BB BF), which JSON does not allow; save the file as UTF-8 without a BOM or run the export again',
    );
  });

  it('refuses malformed content fields, naming them', () => {
    for (const field of ['entry_count', 'raw_size', 'compressed_size']) {
      const e = refusal({ created: '2026-11-22T00:00:00Z', [field]: -1 });
      expect(e.field).toBe(field);
      expect(e.message).toBe(
        `m.json: "${field}" must be a non-negative integer, got -1; fix the field or run the export again`,
      );
    }
    expect(refusal({ created: '2026-11-22T00:00:00Z', content_hash: 5 }).field).toBe(
      'content_hash',
    );
  });

  it('refuses a manifest without created and date, and one that is not an object', () => {
    expect(refusal({ lei_version: '0.9.1' }).message).toMatch(
      /has neither "created" \(RFC 3339\) nor "date"/,
    );
    expect(refusal([]).message).toMatch(/must hold a JSON object .* not an array/);
    expect(refusal(Buffer.from('{')).message).toBe(
      'm.json is not valid JSON at line 1, column 2 (unexpected end of the text, expected a "quoted" key); run the export again or repair the file',
    );
    expect(
      refusal(Buffer.from('{\n  "date": "2026-11-22",\n  "lei_version": x\n}\n')).message,
    ).toBe(
      "m.json is not valid JSON at line 3, column 18 (unexpected 'x', expected a value); run the export again or repair the file",
    );
  });
});
