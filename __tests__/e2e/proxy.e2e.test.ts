/**
 * The push and pull bundles leave undici out (scripts/bundle.mjs maps it to a stub that throws):
 * they must still reach a registry through HTTPS_PROXY, which @actions/http-client serves with
 * Node's agent and `tunnel`, never with undici. The prune bundle keeps undici: its Octokit
 * reaches GitHub's API through undici's fetch and ProxyAgent. A CONNECT proxy on loopback records each tunnel and
 * connects it to a fake HTTPS registry (a throw-away certificate for *.registry.invalid, trusted
 * through NODE_EXTRA_CA_CERTS) that answers every request 404 NAME_UNKNOWN, a failure that is
 * not retried. The real registry cannot be put behind TLS here, hence the fake one.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_NODES, EXAMPLE_EXPORT, runAction } from '../../test-support/runAction.js';

const NODES = ACTION_NODES;

let scratch = '';
let proxy: Server;
let registry: ReturnType<typeof createHttpsServer>;
let proxyUrl = '';
const connects: string[] = [];
/** `host path` of every request the fake registry got */
const requests: string[] = [];
const tunnels = new Set<Duplex>();

const port = (server: { address(): AddressInfo | string | null }): number =>
  (server.address() as AddressInfo).port;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'lei-e2e-proxy-'));
  await promisify(execFile)('openssl', [
    ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
    ...['-days', '1', '-subj', '/CN=registry.invalid'],
    ...['-addext', 'subjectAltName=DNS:*.registry.invalid'],
    ...['-keyout', path.join(scratch, 'key.pem'), '-out', path.join(scratch, 'cert.pem')],
  ]);
  registry = createHttpsServer(
    {
      key: await readFile(path.join(scratch, 'key.pem')),
      cert: await readFile(path.join(scratch, 'cert.pem')),
    },
    (req, res) => {
      requests.push(`${req.headers.host ?? ''} ${req.url ?? ''}`);
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known"}]}');
    },
  );
  await new Promise<void>((r) => registry.listen(0, '127.0.0.1', () => r()));
  proxy = createServer();
  proxy.on('connect', (req, socket, head) => {
    connects.push(req.url ?? '');
    const upstream = connect(port(registry), '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection established\r\n\r\n');
      upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    for (const s of [socket, upstream]) {
      tunnels.add(s);
      s.on('close', () => tunnels.delete(s));
      s.on('error', () => undefined);
    }
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  proxyUrl = `http://127.0.0.1:${port(proxy)}`;
}, 30_000);

afterAll(async () => {
  for (const s of tunnels) s.destroy();
  for (const server of [proxy, registry]) {
    if (!server) continue;
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** HTTPS_PROXY set, every other proxy variable cleared, our certificate trusted. */
const env = (): Record<string, string> => ({
  HTTPS_PROXY: proxyUrl,
  https_proxy: '',
  NO_PROXY: '',
  no_proxy: '',
  NODE_EXTRA_CA_CERTS: path.join(scratch, 'cert.pem'),
});

describe.each(NODES)('bundled actions through HTTPS_PROXY under $label', (node) => {
  it('the pull action reaches the registry through the proxy', async () => {
    connects.length = 0;
    requests.length = 0;
    const run = await runAction(
      node,
      'pull',
      {
        reference: 'pull.registry.invalid/org/cache:v1',
        'output-dir': path.join(scratch, 'out'),
        username: 'u',
        token: 't',
      },
      env(),
    );
    expect(run.status).toBe(1);
    expect(new Set(connects)).toEqual(new Set(['pull.registry.invalid:443']));
    expect(requests).toContain('pull.registry.invalid /v2/org/cache/manifests/v1');
    expect(run.errors.join('\n')).toMatch(/pull\.registry\.invalid\/org\/cache:v1.*404/s);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/undici/i);
  });

  it('the push action reaches the registry through the proxy', async () => {
    connects.length = 0;
    requests.length = 0;
    const run = await runAction(
      node,
      'main',
      {
        'export-dir': EXAMPLE_EXPORT,
        registry: 'push.registry.invalid',
        repository: 'org/cache',
        tags: 'v1',
        username: 'u',
        token: 't',
        annotations: '',
        push: 'true',
        'oci-layout': '',
        summary: 'false',
      },
      env(),
    );
    expect(run.status).toBe(1);
    expect(new Set(connects)).toEqual(new Set(['push.registry.invalid:443']));
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((r) => r.startsWith('push.registry.invalid /v2/org/cache/'))).toBe(true);
    expect(run.errors.join('\n')).toContain('push.registry.invalid');
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/undici/i);
  });

  it("the prune action reaches GitHub's API through the proxy (Octokit over bundled undici)", async () => {
    connects.length = 0;
    requests.length = 0;
    const run = await runAction(
      node,
      'prune',
      {
        registry: 'ghcr.io',
        repository: 'lei-org/lei-cache',
        'keep-days': '30',
        'keep-weeks': '12',
        'dry-run': 'true',
        'max-deletions': '100',
        username: 'u',
        token: 't',
      },
      { ...env(), GITHUB_API_URL: 'https://api.registry.invalid' },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(new Set(connects)).toEqual(new Set(['api.registry.invalid:443']));
    expect(requests).toEqual(['api.registry.invalid /users/lei-org']);
    expect(run.errors).toEqual([
      "GitHub has no user or organization 'lei-org' (GET /users/lei-org answered 404); check the repository input.",
    ]);
  });
});
