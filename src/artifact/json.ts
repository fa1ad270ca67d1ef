/** A JSON object (not null, not an array): what parsed manifests and index files must be. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
