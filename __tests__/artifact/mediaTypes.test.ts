import { describe, expect, it } from 'vitest';
import {
  CACHE_JSONL_MEDIA_TYPE,
  CACHE_MANIFEST_MEDIA_TYPE,
  CONFIG_MEDIA_TYPE,
  MANIFEST_MEDIA_TYPE,
  mediaTypeToFilename,
} from '../../src/artifact/index.js';

describe('media types', () => {
  it('are the contract strings', () => {
    expect(MANIFEST_MEDIA_TYPE).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(CONFIG_MEDIA_TYPE).toBe('application/vnd.lei.cache.config.v1+json');
    expect(CACHE_MANIFEST_MEDIA_TYPE).toBe('application/vnd.lei.cache.manifest+json');
    expect(CACHE_JSONL_MEDIA_TYPE).toBe('application/vnd.lei.cache.jsonl+gzip');
  });

  it('map the two layer types to their file names', () => {
    expect(mediaTypeToFilename(CACHE_MANIFEST_MEDIA_TYPE)).toBe('manifest.json');
    expect(mediaTypeToFilename(CACHE_JSONL_MEDIA_TYPE)).toBe('cache.jsonl.gz');
  });

  it('give no file name for anything else (closed map)', () => {
    for (const t of [
      CONFIG_MEDIA_TYPE,
      MANIFEST_MEDIA_TYPE,
      'application/vnd.oci.image.layer.v1.tar+gzip',
      'application/vnd.lei.cache.jsonl+gzip ',
      'APPLICATION/VND.LEI.CACHE.JSONL+GZIP',
      '',
      '__proto__',
      'constructor',
      'toString',
    ]) {
      expect(mediaTypeToFilename(t)).toBeUndefined();
    }
  });
});
