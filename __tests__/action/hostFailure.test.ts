/**
 * Connections the registry host refuses, through the actions' own run functions with the real
 * client and the actions' registry options (retries heard as info lines), on a loopback port
 * nothing listens on. Only the backoff is shortened (retryBaseDelayMs), so the four retries take
 * milliseconds; the bundled push repeats this with the real backoff (e2e/firstHour).
 */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { registryFailure } from '../../src/action/errors.js';
import { formatWait, retryLine } from '../../src/action/progress.js';
import { OciPruneBackend } from '../../src/action/prune/ociBackend.js';
import { runPrune } from '../../src/action/prune/run.js';
import { runPull } from '../../src/action/pull/run.js';
import { defaultServices, registryOptions } from '../../src/action/services.js';
import { RegistryClient, parseReference } from '../../src/registry/index.js';
import { freePort } from '../../test-support/registry.js';
import { recordingIO } from '../../test-support/recordingIO.js';

const credentials = { username: 'octocat', password: 'ghs_x' };

describe('retry lines', () => {
  it('say the wait, the attempt to come, the operation and the cause', () => {
    expect([formatWait(0.4), formatWait(800), formatWait(2000), formatWait(12_400)]).toEqual([
      '0 s',
      '0.8 s',
      '2 s',
      '12 s',
    ]);
    expect(
      retryLine({
        operation: 'push blob sha256:a34bc97e1b9c… to ghcr.io/lei-org/lei-cache',
        attempt: 1,
        maxAttempts: 5,
        delayMs: 1600,
        error: new Error('x'),
        reason: 'connection refused\n::error::x',
      }),
    ).toBe(
      'Retrying in 1.6 s (attempt 2 of 5): push blob sha256:a34bc97e1b9c… to ghcr.io/lei-org/lei-cache: connection refused\\n::error::x',
    );
  });
});

describe('a registry port nothing listens on', () => {
  it('pull: four retry lines, then the input reference and the fix', async () => {
    const host = `127.0.0.1:${await freePort()}`;
    const io = recordingIO();
    const error = await runPull(
      {
        reference: parseReference(`${host}/lei-org/lei-cache:latest`),
        referenceText: `${host}/lei-org/lei-cache:latest`,
        outputDir: '/nonexistent-lei-never-created',
        verifyContent: true,
        credentials,
      },
      {
        io,
        env: {},
        services: {
          ...defaultServices(),
          createRegistry: (registry, options) =>
            new RegistryClient(registry, { ...options, retryBaseDelayMs: 1 }),
        },
      },
    ).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `Input 'reference': ${host} refused the connection (after 5 attempts); check the host and port at the start of the reference.`,
    );
    expect(io.lines).toEqual(
      [2, 3, 4, 5].map(
        (n) =>
          `Retrying in 0 s (attempt ${n} of 5): pull ${host}/lei-org/lei-cache:latest: connection refused`,
      ),
    );
  });

  it('prune (the OCI API): four retry lines, then the input registry and the fix', async () => {
    const host = `127.0.0.1:${await freePort()}`;
    const io = recordingIO();
    const error = await runPrune(
      {
        registry: host,
        repository: 'lei-org/lei-cache',
        keepDays: 30,
        keepWeeks: 12,
        dryRun: false,
        maxDeletions: 100,
        credentials,
      },
      {
        io,
        env: {},
        createBackend: (inputs, backendIO) =>
          new OciPruneBackend(
            new RegistryClient(inputs.registry, {
              ...registryOptions(inputs.credentials, backendIO),
              retryBaseDelayMs: 1,
            }),
            inputs.repository,
          ),
      },
    ).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `Input 'registry': ${host} refused the connection (after 5 attempts); check the host and port.`,
    );
    expect(io.lines).toEqual(
      [2, 3, 4, 5].map(
        (n) =>
          `Retrying in 0 s (attempt ${n} of 5): list tags of ${host}/lei-org/lei-cache: connection refused`,
      ),
    );
  });
});

describe('a failure at another host than the registry', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  it('names no input: a token realm nothing listens on is not the registry input', async () => {
    // Fake: a registry whose token realm is down (the harness's token server cannot be stopped
    // on its own).
    const realm = `http://127.0.0.1:${await freePort()}/token`;
    server = createServer((_req, res) => {
      res.writeHead(401, {
        'www-authenticate': `Bearer realm="${realm}",service="fake",scope="repository:lei-org/lei-cache:pull"`,
        'content-type': 'application/json',
      });
      res.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const host = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const client = new RegistryClient(host, { credentials, retryBaseDelayMs: 1 });
    const cause = await client
      .pullArtifact(parseReference(`${host}/lei-org/lei-cache:latest`), '/nonexistent')
      .catch((e: unknown) => e);
    client.close();
    const error = registryFailure(`Pulling ${host}/lei-org/lei-cache:latest`, cause, 'pull', {
      registry: host,
      repository: 'lei-org/lei-cache',
    });
    // the realm's port, not the registry's, refused: the plain failure, no input named
    expect(error.message.replace(/ECONNREFUSED 127\.0\.0\.1:\d+/, 'ECONNREFUSED <realm>')).toBe(
      `Pulling ${host}/lei-org/lei-cache:latest failed: pull manifest ${host}/lei-org/lei-cache:latest ` +
        `(token request to ${realm}): connect ECONNREFUSED <realm> (gave up after 5 attempts)`,
    );
    expect(error.message).not.toMatch(/Input '/);
  });
});
