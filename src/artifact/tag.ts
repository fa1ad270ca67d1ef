/**
 * The OCI tag grammar (distribution-spec): the one definition, for layout ref names here and
 * for the registry room's references and the action's `tags` input.
 */
const TAG_RE = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;

export function isValidTag(tag: string): boolean {
  return TAG_RE.test(tag);
}
