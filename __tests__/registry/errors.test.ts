import { describe, expect, it } from 'vitest';
import {
  AuthError,
  NetworkError,
  RegistryError,
  parseErrorBody,
  stripQuery,
} from '../../src/registry/index.js';

describe('parseErrorBody', () => {
  it("reads the spec's error body", () => {
    expect(
      parseErrorBody(
        '{"errors":[{"code":"DENIED","message":"requested access to the resource is denied","detail":[{"Type":"repository","Name":"x","Action":"push"}]}]}',
      ),
    ).toEqual([
      {
        code: 'DENIED',
        message: 'requested access to the resource is denied',
        detail: [{ Type: 'repository', Name: 'x', Action: 'push' }],
      },
    ]);
    expect(parseErrorBody('{"errors":[{"code":"A","message":"a"},{"code":"B"}]}')).toEqual([
      { code: 'A', message: 'a' },
      { code: 'B', message: '' },
    ]);
  });
  it('returns [] for anything else', () => {
    for (const body of [
      '',
      '<html>502 Bad Gateway</html>',
      'null',
      '{"errors":"x"}',
      '{"message":"x"}',
      '[1]',
    ]) {
      expect(parseErrorBody(body)).toEqual([]);
    }
  });
});

describe('RegistryError', () => {
  it('says the operation, status, code and message', () => {
    const e = new RegistryError({
      operation: 'push blob sha256:0123456789ab… to 127.0.0.1:5000/org/lei-cache',
      status: 403,
      code: 'DENIED',
      detail: 'requested access to the resource is denied',
      url: 'http://127.0.0.1:5000/v2/org/lei-cache/blobs/uploads/x?_state=SECRET&digest=sha256%3Aaa',
    });
    expect(e.message).toBe(
      'push blob sha256:0123456789ab… to 127.0.0.1:5000/org/lei-cache: 403 DENIED: requested access to the resource is denied',
    );
    expect(e.url).toBe('http://127.0.0.1:5000/v2/org/lei-cache/blobs/uploads/x');
    expect(e.name).toBe('RegistryError');
    expect(e.retryable).toBe(false);
  });
  it('keeps its cause and strips query strings from URLs a registry echoes', () => {
    const cause = new Error('boom');
    const e = new AuthError({
      operation: 'pull blob',
      status: 401,
      detail: 'bad signature for https://storage.example/b?X-Amz-Signature=SECRET',
      cause,
    });
    expect(e.cause).toBe(cause);
    expect(e.name).toBe('AuthError');
    expect(e).toBeInstanceOf(RegistryError);
    expect(e.message).toBe('pull blob: 401: bad signature for https://storage.example/b');
    expect(e.message).not.toContain('SECRET');
  });
  it('reads well without a code', () => {
    expect(
      new RegistryError({
        operation: 'op',
        status: 502,
        detail: 'Bad Gateway (expected 201 Created)',
      }).message,
    ).toBe('op: 502 Bad Gateway (expected 201 Created)');
  });
  it('afterAttempts: the same class and fields, saying it gave up, the last failure its cause', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const last = new NetworkError({
      operation: 'pull blob',
      detail: 'connection reset',
      url: 'https://storage.example/b?X-Amz-Signature=SECRET',
      retryAfterMs: 50,
      cause: reset,
    });
    const given = last.afterAttempts(5);
    expect(given).toBeInstanceOf(NetworkError);
    expect(given.message).toBe('pull blob: connection reset (gave up after 5 attempts)');
    expect(given.attempts).toBe(5);
    expect([given.name, given.retryable, given.retryAfterMs, given.url]).toEqual([
      'NetworkError',
      true,
      50,
      'https://storage.example/b',
    ]);
    expect(given.cause).toBe(last);
    expect(last.message).toBe('pull blob: connection reset');
    expect(last.attempts).toBeUndefined();
    // a loop around a loop says it once, with its own count
    expect(given.afterAttempts(2).message).toBe(
      'pull blob: connection reset (gave up after 2 attempts)',
    );
  });
  it('stripQuery removes query and fragment', () => {
    expect(stripQuery('https://a/b?c=d#e')).toBe('https://a/b');
    expect(stripQuery('https://a/b#e')).toBe('https://a/b');
  });
});
