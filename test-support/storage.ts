/**
 * What the test registry holds, read past the client under test: the manifests and open upload
 * sessions in its filesystem storage (distribution's layout under `docker/registry/v2`), and
 * whether it has a blob (HEAD with admin credentials).
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestRegistry } from './registry.js';

function repositoryDir(registry: TestRegistry, repository: string): string {
  return join(registry.storageDir, 'docker/registry/v2/repositories', repository);
}

async function entries(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** The digests of every manifest the repository stores, tagged or not. */
export async function storedManifests(
  registry: TestRegistry,
  repository: string,
): Promise<string[]> {
  const dir = join(repositoryDir(registry, repository), '_manifests/revisions/sha256');
  return (await entries(dir)).map((hex) => `sha256:${hex}`);
}

/** The repository's upload sessions that were neither completed nor cancelled, with their bytes. */
export async function openUploads(
  registry: TestRegistry,
  repository: string,
): Promise<{ id: string; bytes: number }[]> {
  const dir = join(repositoryDir(registry, repository), '_uploads');
  const out: { id: string; bytes: number }[] = [];
  for (const id of await entries(dir)) {
    const data = await stat(join(dir, id, 'data')).catch(() => undefined);
    out.push({ id, bytes: data?.size ?? 0 });
  }
  return out;
}

/** The status of `HEAD /v2/<repository>/blobs/<digest>` with admin credentials (200 or 404). */
export async function blobStatus(
  registry: TestRegistry,
  repository: string,
  digest: string,
): Promise<number> {
  const authorization = await registry.adminAuthorization(repository, 'pull');
  const res = await fetch(`http://${registry.host}/v2/${repository}/blobs/${digest}`, {
    method: 'HEAD',
    headers: authorization !== undefined ? { authorization } : {},
  });
  return res.status;
}
