import { describe, expect, it } from 'vitest';
import {
  InvalidReferenceError,
  formatReference,
  isLoopbackHost,
  isValidRepository,
  isValidTag,
  parseReference,
  registryBaseUrl,
} from '../../src/registry/index.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('parseReference', () => {
  it('parses host/name:tag', () => {
    expect(parseReference('ghcr.io/my-org/lei-cache:2024-05-01')).toEqual({
      registry: 'ghcr.io',
      repository: 'my-org/lei-cache',
      tag: '2024-05-01',
    });
  });

  it('defaults the tag to latest', () => {
    expect(parseReference('ghcr.io/my-org/lei-cache')).toEqual({
      registry: 'ghcr.io',
      repository: 'my-org/lei-cache',
      tag: 'latest',
    });
  });

  it('drops an oci:// prefix', () => {
    expect(parseReference('oci://127.0.0.1:5000/org/cache:v1')).toEqual({
      registry: '127.0.0.1:5000',
      repository: 'org/cache',
      tag: 'v1',
    });
  });

  it('parses a digest, and tag@digest', () => {
    expect(parseReference(`localhost:5000/a/b@${DIGEST}`)).toEqual({
      registry: 'localhost:5000',
      repository: 'a/b',
      digest: DIGEST,
    });
    expect(parseReference(`ghcr.io/a/b:v1@${DIGEST}`)).toEqual({
      registry: 'ghcr.io',
      repository: 'a/b',
      tag: 'v1',
      digest: DIGEST,
    });
  });

  it('accepts IPv6 loopback with a port', () => {
    expect(parseReference('[::1]:5000/x/y:z')).toEqual({
      registry: '[::1]:5000',
      repository: 'x/y',
      tag: 'z',
    });
  });

  it('accepts the separators of the spec grammar', () => {
    for (const name of ['a', 'a.b', 'a_b', 'a__b', 'a-b', 'a---b', 'a/b/c', 'org.name/x_y__z-w']) {
      expect(parseReference(`ghcr.io/${name}`).repository).toBe(name);
    }
  });

  it('says GHCR has no capitals and suggests the lowercase name', () => {
    expect(() => parseReference('ghcr.io/My-Org/LEI-cache:v1')).toThrow(
      /"ghcr\.io\/My-Org\/LEI-cache:v1".*capital.*GHCR.*lowercase.*"my-org\/lei-cache"/,
    );
  });

  it.each([
    ['', /empty/],
    ['lei-cache:latest', /no registry host/],
    ['https://ghcr.io/a/b', /scheme "https:\/\/" is not supported/],
    ['ghcr.io/', /empty/],
    ['ghcr.io/a//b', /empty path component/],
    ['ghcr.io/a/b-', /not valid/],
    ['ghcr.io/a/b:', /tag is empty/],
    ['ghcr.io/a/b:.hidden', /must start with a letter, digit or "_"/],
    [`ghcr.io/a/b:${'x'.repeat(129)}`, /at most 128/],
    ['ghcr.io/a/b@sha256:abc', /64 lowercase hex/],
    [`ghcr.io/a/b@md5:${'a'.repeat(32)}`, /not a sha256 digest/],
    [`ghcr.io/a/b@sha256:${'A'.repeat(64)}`, /capital hex/],
    ['ghcr.io/a b/c', /contains " "/],
    ['ghcr.io:99999/a/b', /not a valid registry host/],
    ['bad_host/a/b', /not a valid registry host/],
  ])('rejects %j', (input, message) => {
    expect(() => parseReference(input)).toThrow(message);
    expect(() => parseReference(input)).toThrow(`"${input}"`);
  });
});

describe("a reference's first component is a host only by Docker's rule", () => {
  it.each([
    ['lei-org/lei-cache:latest', 'ghcr.io/lei-org/lei-cache:latest'],
    ['oci://lei-org/nested/cache', 'ghcr.io/lei-org/nested/cache'],
    ['registry/a/b', 'ghcr.io/registry/a/b'],
  ])('%j names no registry host; the example puts ghcr.io in front', (input, example) => {
    let error: unknown;
    try {
      parseReference(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidReferenceError);
    const invalid = error as InvalidReferenceError;
    expect(invalid.problem).toBe('no registry host (a host has a "." or a ":", or is localhost)');
    expect(invalid.example).toBe(example);
    expect(invalid.message).toBe(
      `invalid OCI reference "${input}": no registry host (a host has a "." or a ":", or is localhost); e.g. ${example}`,
    );
  });

  it('a dot, a port or localhost makes it a host', () => {
    expect(parseReference('localhost/a/b').registry).toBe('localhost');
    expect(parseReference('registry:5000/a/b').registry).toBe('registry:5000');
    expect(parseReference('my.registry/a').registry).toBe('my.registry');
  });
});

describe('formatReference', () => {
  it('round-trips', () => {
    for (const s of [
      'ghcr.io/a/b:v1',
      `127.0.0.1:5000/a/b@${DIGEST}`,
      `ghcr.io/a/b:v1@${DIGEST}`,
    ]) {
      expect(formatReference(parseReference(s))).toBe(s);
    }
    expect(formatReference(parseReference('oci://ghcr.io/a/b'))).toBe('ghcr.io/a/b:latest');
  });
});

describe('isValidTag / isValidRepository', () => {
  it('follows the spec grammar', () => {
    expect(isValidTag('latest')).toBe(true);
    expect(isValidTag('_x.Y-1')).toBe(true);
    expect(isValidTag('x'.repeat(128))).toBe(true);
    expect(isValidTag('x'.repeat(129))).toBe(false);
    expect(isValidTag('-x')).toBe(false);
    expect(isValidTag('a/b')).toBe(false);
    expect(isValidRepository('my-org/lei-cache')).toBe(true);
    expect(isValidRepository('My-Org/lei-cache')).toBe(false);
    expect(isValidRepository('a_.b')).toBe(false);
    expect(isValidRepository('a___b')).toBe(false);
  });
});

describe('transport choice', () => {
  it('uses plain HTTP only for localhost and loopback', () => {
    expect(registryBaseUrl('localhost:5000')).toBe('http://localhost:5000');
    expect(registryBaseUrl('127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
    expect(registryBaseUrl('127.1.2.3')).toBe('http://127.1.2.3');
    expect(registryBaseUrl('[::1]:5000')).toBe('http://[::1]:5000');
    expect(registryBaseUrl('ghcr.io')).toBe('https://ghcr.io');
    expect(registryBaseUrl('127.0.0.1.nip.io')).toBe('https://127.0.0.1.nip.io');
    expect(registryBaseUrl('10.0.0.1:5000')).toBe('https://10.0.0.1:5000');
    expect(isLoopbackHost('localhost.example.com')).toBe(false);
  });
});
