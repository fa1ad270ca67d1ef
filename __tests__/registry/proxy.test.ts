/**
 * HTTPS_PROXY / NO_PROXY (through @actions/http-client's agent), against a fake CONNECT proxy on
 * loopback that refuses every tunnel: we only check that the client asked it (or did not).
 */
import { createServer, type Server } from 'node:http';
import { afterEach, expect, it } from 'vitest';
import { NetworkError, RegistryClient, parseReference } from '../../src/registry/index.js';

const saved = { ...process.env };
let server: Server | undefined;
afterEach(async () => {
  for (const k of ['HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy']) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  if (server) {
    server.closeAllConnections();
    await new Promise<void>((r) => server!.close(() => r()));
    server = undefined;
  }
});

async function connectProxy(): Promise<{ url: string; connects: string[] }> {
  const connects: string[] = [];
  server = createServer();
  server.on('connect', (req, socket) => {
    connects.push(req.url ?? '');
    socket.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n');
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  return { url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`, connects };
}

it('tunnels HTTPS requests through HTTPS_PROXY, except for NO_PROXY hosts and loopback', async () => {
  const proxy = await connectProxy();
  delete process.env['https_proxy'];
  delete process.env['no_proxy'];
  process.env['HTTPS_PROXY'] = proxy.url;
  process.env['NO_PROXY'] = 'bypassed.invalid';
  const pull = (host: string): Promise<unknown> =>
    new RegistryClient(host, { maxAttempts: 1 })
      .pullArtifact(parseReference(`${host}/org/cache:v1`), '/nonexistent-never-written')
      .catch((e: unknown) => e);

  const viaProxy = await pull('registry.invalid');
  expect(viaProxy).toBeInstanceOf(NetworkError);
  expect((viaProxy as Error).message).toMatch(/^pull manifest registry\.invalid\/org\/cache:v1: /);
  expect(proxy.connects).toEqual(['registry.invalid:443']);

  const bypassed = await pull('bypassed.invalid:8443');
  expect(bypassed).toBeInstanceOf(Error);
  expect(proxy.connects).toEqual(['registry.invalid:443']); // not asked again

  const loopback = await pull('127.0.0.1:1'); // plain HTTP, never proxied
  expect(loopback).toBeInstanceOf(NetworkError);
  expect(proxy.connects).toHaveLength(1);
});
