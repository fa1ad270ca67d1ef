import { describe, expect, it } from 'vitest';
import { resolveUploadLocation } from '../../src/registry/index.js';
import { resolveRedirectLocation } from '../../src/registry/location.js';

const D = `sha256:${'0'.repeat(64)}`;
const DQ = `digest=sha256%3A${'0'.repeat(64)}`;

describe('resolveUploadLocation', () => {
  const post = 'https://ghcr.io/v2/org/repo/blobs/uploads/';

  it('resolves a relative Location (ghcr.io) against the URL that sent it', () => {
    expect(resolveUploadLocation('/v2/org/repo/blobs/uploads/abc', post, D)).toBe(
      `https://ghcr.io/v2/org/repo/blobs/uploads/abc?${DQ}`,
    );
    expect(resolveUploadLocation('abc', post, D)).toBe(
      `https://ghcr.io/v2/org/repo/blobs/uploads/abc?${DQ}`,
    );
  });

  it('keeps an absolute Location on another host', () => {
    expect(resolveUploadLocation('https://uploads.example/x/1?sig=a', post, D)).toBe(
      `https://uploads.example/x/1?sig=a&${DQ}`,
    );
  });

  it("keeps an existing query byte for byte (the reference registry's _state)", () => {
    const state = '_state=pKj94a%2BHmo_Eu-TzV%3D%3D&x=1';
    expect(
      resolveUploadLocation(
        `http://127.0.0.1:5000/v2/a/blobs/uploads/u1?${state}`,
        'http://127.0.0.1:5000/v2/a/blobs/uploads/',
        D,
      ),
    ).toBe(`http://127.0.0.1:5000/v2/a/blobs/uploads/u1?${state}&${DQ}`);
  });

  it('drops a fragment and an empty query', () => {
    expect(resolveUploadLocation('/u/1?#frag', post, D)).toBe(`https://ghcr.io/u/1?${DQ}`);
  });
});

describe('resolveRedirectLocation', () => {
  it('resolves relative and absolute redirects', () => {
    const from = 'https://ghcr.io/v2/org/repo/blobs/sha256:abc';
    expect(resolveRedirectLocation('/storage/x?sig=1', from)).toBe(
      'https://ghcr.io/storage/x?sig=1',
    );
    expect(resolveRedirectLocation('../other', from)).toBe('https://ghcr.io/v2/org/repo/other');
    expect(
      resolveRedirectLocation('https://pkg-containers.githubusercontent.com/b?sig=2', from),
    ).toBe('https://pkg-containers.githubusercontent.com/b?sig=2');
    expect(resolveRedirectLocation('//cdn.example/y', from)).toBe('https://cdn.example/y');
  });
});
