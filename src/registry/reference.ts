import { isDigest, isValidTag } from '../artifact/index.js';
import { InvalidReferenceError } from './errors.js';
import type { Reference } from './types.js';

/**
 * OCI distribution spec grammar (distribution-spec, "Pulling manifests"): repositories and hosts
 * here; tags and digests are the artifact room's (isValidTag, isDigest), one definition each.
 */
const REPOSITORY_RE = /^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$/;
/** host[:port]: a DNS name or IPv4 address, or a bracketed IPv6 address. */
const HOST_RE =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]{1,5})?$/;

export const DEFAULT_TAG = 'latest';

export function isValidRepository(name: string): boolean {
  return REPOSITORY_RE.test(name);
}

export function isValidRegistryHost(host: string): boolean {
  if (!HOST_RE.test(host)) return false;
  const port = /:([0-9]{1,5})$/.exec(host.replace(/^\[[^\]]*\]/, ''));
  return port === null || (Number(port[1]) >= 1 && Number(port[1]) <= 65535);
}

/** Explains why `name` is not a valid repository name (undefined when it is valid). */
export function repositoryProblem(name: string): string | undefined {
  if (isValidRepository(name)) return undefined;
  if (name === '') return 'the repository name is empty';
  if (/[A-Z]/.test(name)) {
    const lower = name.toLowerCase();
    const hint = isValidRepository(lower) ? `; use "${lower}"` : '';
    return `repository "${name}" has capital letters: OCI repository names (and GHCR package names) have no capitals, lowercase it${hint}`;
  }
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//')) {
    return `repository "${name}" has an empty path component (a leading, trailing or doubled "/")`;
  }
  const bad = [...new Set(name.replace(/[a-z0-9._/-]/g, ''))];
  if (bad.length > 0) {
    return `repository "${name}" contains ${bad.map((c) => JSON.stringify(c)).join(', ')}: only lowercase letters, digits and the separators ".", "_", "__", "-" and "/" are allowed`;
  }
  return `repository "${name}" is not valid: each "/"-separated component must start and end with a lowercase letter or digit, joined by ".", "_", "__" or "-"`;
}

/** Explains why `tag` is not a valid tag (undefined when it is valid). */
export function tagProblem(tag: string): string | undefined {
  if (isValidTag(tag)) return undefined;
  if (tag === '') return 'the tag is empty';
  if (tag.length > 128)
    return `tag "${tag.slice(0, 40)}…" is ${tag.length} characters long: at most 128 are allowed`;
  if (/^[.-]/.test(tag))
    return `tag "${tag}" starts with "${tag[0]}": a tag must start with a letter, digit or "_"`;
  return `tag "${tag}" is not valid: use letters, digits, "_", "." and "-" only (at most 128, not starting with "." or "-")`;
}

/** Explains why `digest` is not a valid sha256 digest (undefined when it is valid). */
export function digestProblem(digest: string): string | undefined {
  if (isDigest(digest as unknown)) return undefined;
  if (/^sha256:[a-fA-F0-9]{64}$/.test(digest))
    return `digest "${digest}" has capital hex digits: write it in lowercase`;
  if (!digest.startsWith('sha256:'))
    return `digest "${digest}" is not a sha256 digest: expected "sha256:" followed by 64 hex digits`;
  return `digest "${digest}" is not valid: expected "sha256:" followed by 64 lowercase hex digits`;
}

/**
 * Docker's rule for the first component of a reference: a registry host when it holds a "." or
 * a ":" (a port, an IPv6 address) or is `localhost`; otherwise it is a repository's first
 * component (`lei-org/lei-cache` names no host; Docker would read it as docker.io's, this client
 * has no default registry and refuses it).
 */
function looksLikeHost(component: string): boolean {
  return /[.:]/.test(component) || component.toLowerCase() === 'localhost';
}

/**
 * Parses `[oci://]host[:port]/name[:tag][@sha256:<hex>]`. The tag defaults to `latest` when
 * neither a tag nor a digest is given. Throws an error that quotes the reference and says what is
 * wrong with it.
 */
export function parseReference(input: string): Reference {
  const raw = input.trim();
  let rest = raw;
  if (/^oci:\/\//i.test(rest)) rest = rest.slice('oci://'.length);
  else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(rest)) {
    throw new InvalidReferenceError(
      input,
      `the scheme "${rest.split('://')[0]}://" is not supported: write host/name[:tag] (optionally with "oci://")`,
    );
  }
  if (rest === '') throw new InvalidReferenceError(input, 'the reference is empty');

  const slash = rest.indexOf('/');
  if (slash < 0) {
    throw new InvalidReferenceError(
      input,
      'no registry host (nor a "/" between a host and the repository)',
      'ghcr.io/my-org/lei-cache:latest',
    );
  }
  const registry = rest.slice(0, slash);
  let remainder = rest.slice(slash + 1);
  if (!isValidRegistryHost(registry)) {
    throw new InvalidReferenceError(input, `"${registry}" is not a valid registry host[:port]`);
  }
  if (!looksLikeHost(registry)) {
    throw new InvalidReferenceError(
      input,
      'no registry host (a host has a "." or a ":", or is localhost)',
      `ghcr.io/${rest}`,
    );
  }

  let digest: string | undefined;
  const at = remainder.indexOf('@');
  if (at >= 0) {
    digest = remainder.slice(at + 1);
    remainder = remainder.slice(0, at);
    const problem = digestProblem(digest);
    if (problem) throw new InvalidReferenceError(input, problem);
  }

  let tag: string | undefined;
  const lastSlash = remainder.lastIndexOf('/');
  const colon = remainder.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    tag = remainder.slice(colon + 1);
    remainder = remainder.slice(0, colon);
    const problem = tagProblem(tag);
    if (problem) throw new InvalidReferenceError(input, problem);
  }

  const repoProblem = repositoryProblem(remainder);
  if (repoProblem) throw new InvalidReferenceError(input, repoProblem);

  if (tag === undefined && digest === undefined) tag = DEFAULT_TAG;
  const ref: Reference = { registry: registry.toLowerCase(), repository: remainder };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

/** `host[:port]/name[:tag][@digest]`, the inverse of parseReference (without `oci://`). */
export function formatReference(ref: Reference): string {
  let out = `${ref.registry}/${ref.repository}`;
  if (ref.tag !== undefined) out += `:${ref.tag}`;
  if (ref.digest !== undefined) out += `@${ref.digest}`;
  return out;
}

/** True for hosts spoken to over plain HTTP: localhost and loopback addresses. */
export function isLoopbackHost(registry: string): boolean {
  const host = hostname(registry).toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '[0:0:0:0:0:0:0:1]') return true;
  return (
    /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(host) &&
    host.split('.').every((p) => Number(p) <= 255)
  );
}

/** The host part of host[:port] (brackets kept for IPv6). */
function hostname(registry: string): string {
  if (registry.startsWith('[')) return registry.slice(0, registry.indexOf(']') + 1);
  const colon = registry.lastIndexOf(':');
  return colon >= 0 ? registry.slice(0, colon) : registry;
}

/** `http://host[:port]` for loopback registries, `https://host[:port]` otherwise. */
export function registryBaseUrl(registry: string): string {
  return `${isLoopbackHost(registry) ? 'http' : 'https'}://${registry}`;
}
