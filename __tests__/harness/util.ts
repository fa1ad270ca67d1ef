/** Plain-fetch helpers for the harness's own tests (no project code on purpose). */
import { createHash } from 'node:crypto';
import type { TestRegistry } from '../../test-support/registry.js';

export function sha256(bytes: Buffer | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/** Parse `Bearer realm="..",service="..",scope=".."` into its parameters. */
export function parseChallenge(header: string | null): {
  scheme: string;
  params: Record<string, string>;
} {
  if (header === null) throw new Error('no WWW-Authenticate header');
  const space = header.indexOf(' ');
  const scheme = header.slice(0, space);
  const params: Record<string, string> = {};
  for (const match of header.slice(space + 1).matchAll(/(\w+)="([^"]*)"/g)) {
    params[match[1]!] = match[2]!;
  }
  return { scheme, params };
}

/** Token from the registry's token server (through the real challenge of `host`). */
export async function fetchToken(
  registry: TestRegistry,
  scopes: string[],
  /** null: anonymous */
  credentials: { username: string; password: string } | null = {
    username: registry.username,
    password: registry.password,
  },
): Promise<{ status: number; token?: string; body: Record<string, unknown> }> {
  const challenge = await fetch(`http://${registry.host}/v2/`);
  await challenge.arrayBuffer();
  const { params } = parseChallenge(challenge.headers.get('www-authenticate'));
  const url = new URL(params.realm!);
  url.searchParams.set('service', params.service!);
  for (const scope of scopes) url.searchParams.append('scope', scope);
  const res = await fetch(url, {
    headers: credentials
      ? { authorization: basic(credentials.username, credentials.password) }
      : {},
  });
  const body = (await res.json()) as Record<string, unknown>;
  return {
    status: res.status,
    ...(typeof body.token === 'string' ? { token: body.token } : {}),
    body,
  };
}

export function bearer(token: string | undefined): Record<string, string> {
  if (token === undefined) throw new Error('no token');
  return { authorization: `Bearer ${token}` };
}

/** Monolithic blob push (POST, PUT ?digest=) against `host`; returns the PUT response. */
export async function pushBlob(
  host: string,
  repository: string,
  bytes: Buffer,
  headers: Record<string, string>,
): Promise<{ post: Response; put: Response; location: string }> {
  const post = await fetch(`http://${host}/v2/${repository}/blobs/uploads/`, {
    method: 'POST',
    headers,
  });
  await post.arrayBuffer();
  if (post.status !== 202) throw new Error(`POST upload: ${post.status}`);
  const location = post.headers.get('location')!;
  const url = new URL(location, `http://${host}/v2/${repository}/blobs/uploads/`);
  url.searchParams.set('digest', sha256(bytes));
  const put = await fetch(url, {
    method: 'PUT',
    headers: {
      ...headers,
      'content-type': 'application/octet-stream',
      'content-length': String(bytes.length),
    },
    body: bytes,
  });
  await put.arrayBuffer();
  return { post, put, location };
}

/** A small LEI-shaped OCI manifest over the given config and layer. */
export function leiManifest(config: Buffer, layer: Buffer): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.lei.cache.config.v1+json',
        digest: sha256(config),
        size: config.length,
      },
      layers: [
        {
          mediaType: 'application/vnd.lei.cache.manifest+json',
          digest: sha256(layer),
          size: layer.length,
          annotations: { 'org.opencontainers.image.title': 'manifest.json' },
        },
      ],
      annotations: { 'org.opencontainers.image.title': 'lei-cache' },
    }),
  );
}

/**
 * A scope with its actions sorted: distribution 2.8 builds the challenge's scope from a Go map,
 * so it sends `pull,push` or `push,pull` at random.
 */
export function normalizeScope(scope: string | undefined): string | undefined {
  if (scope === undefined) return undefined;
  const colon = scope.lastIndexOf(':');
  return `${scope.slice(0, colon)}:${scope
    .slice(colon + 1)
    .split(',')
    .sort()
    .join(',')}`;
}
