import type { ExportInfo } from './types.js';

/** The version of the config blob's own format (ARTIFACT.md: always "1.0"). */
const CONFIG_FORMAT_VERSION = '1.0';

/** The config blob's JSON (ARTIFACT.md section 2). */
export interface LeiCacheConfig {
  lei_version: string;
  created: string;
  cache_entries: number;
  format_version: string;
}

export function buildConfig(info: ExportInfo): LeiCacheConfig {
  return {
    lei_version: info.leiVersion,
    created: info.created,
    cache_entries: info.entryCount,
    format_version: CONFIG_FORMAT_VERSION,
  };
}

/** Compact JSON with the keys in the contract's order: lei_version, created, cache_entries, format_version. */
export function serializeConfig(config: LeiCacheConfig): Buffer {
  return Buffer.from(
    JSON.stringify({
      lei_version: config.lei_version,
      created: config.created,
      cache_entries: config.cache_entries,
      format_version: config.format_version,
    }),
    'utf8',
  );
}
