/**
 * Failures below HTTP against real sockets and the real resolver: a host name under the reserved
 * `.invalid` TLD (RFC 6761: resolvers answer "no such name" at once, no DNS server is asked in
 * vain) and a loopback port nothing listens on. What cannot be made to happen here (a resolver
 * that does not answer, EAI_AGAIN) is a synthetic error, and says so.
 */
import { describe, expect, it } from 'vitest';
import {
  NetworkError,
  RegistryClient,
  networkProblem,
  parseReference,
  type RetryEvent,
} from '../../src/registry/index.js';
import { isUnknownHost } from '../../src/registry/network.js';
import { isRetryableNetworkError } from '../../src/registry/retry.js';
import { freePort } from '../../test-support/registry.js';

async function pullFailure(
  reference: string,
  retries: RetryEvent[],
): Promise<{ error: NetworkError; ms: number }> {
  // the default backoff (1 s, doubling): a retry would show in the time taken
  const client = new RegistryClient(parseReference(reference).registry, {
    onRetry: (retry) => retries.push(retry),
  });
  const started = Date.now();
  try {
    const error = await client
      .pullArtifact(parseReference(reference), '/nonexistent-never-written')
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(NetworkError);
    return { error: error as NetworkError, ms: Date.now() - started };
  } finally {
    client.close();
  }
}

describe('a registry host DNS does not know', () => {
  it('fails at once: ENOTFOUND is not retried', async () => {
    const retries: RetryEvent[] = [];
    const { error, ms } = await pullFailure('lei-cache.invalid/lei-org/lei-cache:latest', retries);
    expect(retries).toEqual([]);
    expect(ms).toBeLessThan(1000);
    expect(error.retryable).toBe(false);
    expect(error.attempts).toBeUndefined();
    expect(error.message).toBe(
      'pull manifest lei-cache.invalid/lei-org/lei-cache:latest: getaddrinfo ENOTFOUND lei-cache.invalid',
    );
    expect(networkProblem(error)).toEqual({ code: 'ENOTFOUND', words: 'unknown host' });
  });

  it('a resolver that did not answer (EAI_AGAIN) is still worth another attempt (synthetic)', () => {
    const again = Object.assign(new Error('getaddrinfo EAI_AGAIN ghcr.io'), { code: 'EAI_AGAIN' });
    expect(isUnknownHost(again)).toBe(false);
    expect(isRetryableNetworkError(again)).toBe(true);
    expect(networkProblem(again)).toEqual({ code: 'EAI_AGAIN', words: 'DNS lookup failed' });
  });
});

describe('a port nothing listens on', () => {
  it('is retried, each retry heard with its cause in words, then fails naming the attempts', async () => {
    const host = `127.0.0.1:${await freePort()}`;
    const retries: RetryEvent[] = [];
    const client = new RegistryClient(host, {
      retryBaseDelayMs: 1,
      onRetry: (retry) => retries.push(retry),
    });
    const error = await client
      .pullArtifact(parseReference(`${host}/lei-org/lei-cache:latest`), '/nonexistent')
      .catch((e: unknown) => e);
    client.close();
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).attempts).toBe(5);
    expect((error as NetworkError).message).toBe(
      `pull manifest ${host}/lei-org/lei-cache:latest: connect ECONNREFUSED ${host} (gave up after 5 attempts)`,
    );
    expect(networkProblem(error)).toEqual({ code: 'ECONNREFUSED', words: 'connection refused' });
    expect(retries.map((r) => [r.attempt, r.maxAttempts, r.reason])).toEqual([
      [1, 5, 'connection refused'],
      [2, 5, 'connection refused'],
      [3, 5, 'connection refused'],
      [4, 5, 'connection refused'],
    ]);
    expect(new Set(retries.map((r) => r.operation))).toEqual(
      new Set([`pull ${host}/lei-org/lei-cache:latest`]),
    );
  });
});
