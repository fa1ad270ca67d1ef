import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { digestHex, isDigest, sha256Digest } from './digest.js';
import { LayoutError } from './errors.js';
import { isObject } from './json.js';
import { INDEX_MEDIA_TYPE, MANIFEST_MEDIA_TYPE, mediaTypeToFilename } from './mediaTypes.js';
import { isValidTag } from './tag.js';
import { tempPathFor, writeVerifiedFile } from './stagedFile.js';
import type { Descriptor, PackagedArtifact } from './types.js';

/** image-spec image-layout.md */
const OCI_LAYOUT_FILE = 'oci-layout';
const OCI_LAYOUT_VERSION = '1.0.0';
const INDEX_FILE = 'index.json';
const REF_NAME_ANNOTATION = 'org.opencontainers.image.ref.name';

export interface ImageIndex {
  schemaVersion: 2;
  mediaType?: string;
  manifests: Descriptor[];
  [key: string]: unknown;
}

export interface LayoutWriteResult {
  /** the layout directory (absolute) */
  dir: string;
  /** the manifest digest */
  digest: string;
  tags: string[];
  /** blobs (including the manifest) written by this call */
  written: Descriptor[];
  /** blobs already present with the right size */
  skipped: Descriptor[];
}

/** Where a layout keeps the blob `digest`. */
export function blobPath(root: string, digest: string): string {
  return join(root, 'blobs', 'sha256', digestHex(digest));
}

async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const temp = tempPathFor(path);
  try {
    await writeFile(temp, bytes, { flag: 'wx' });
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** A layout file parsed as JSON, or undefined when it does not exist. `fix` ends the not-JSON message. */
async function readJsonFile(path: string, fix: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new LayoutError(path, `cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new LayoutError(path, `${path} is not valid JSON; ${fix}`, { cause: err });
  }
}

async function checkLayoutFile(root: string): Promise<boolean> {
  const path = join(root, OCI_LAYOUT_FILE);
  const doc = await readJsonFile(path, `is ${root} an OCI image layout?`);
  if (doc === undefined) return false;
  if (!isObject(doc) || doc.imageLayoutVersion !== OCI_LAYOUT_VERSION) {
    throw new LayoutError(
      path,
      `${path} does not declare imageLayoutVersion "${OCI_LAYOUT_VERSION}" (the only version this project reads and writes)`,
    );
  }
  return true;
}

async function readIndex(root: string): Promise<ImageIndex | undefined> {
  const path = join(root, INDEX_FILE);
  const doc = await readJsonFile(path, 'repair or remove the layout');
  if (doc === undefined) return undefined;
  if (!isObject(doc) || doc.schemaVersion !== 2 || !Array.isArray(doc.manifests)) {
    throw new LayoutError(
      path,
      `${path} is not an OCI image index (schemaVersion 2 with a manifests array); repair or remove the layout`,
    );
  }
  doc.manifests.forEach((m, i) => {
    if (!isObject(m) || !isDigest(m.digest) || typeof m.mediaType !== 'string') {
      throw new LayoutError(
        path,
        `${path}: manifests[${i}] is not a descriptor with a sha256 digest; repair or remove the layout`,
      );
    }
  });
  return doc as ImageIndex;
}

/** The tag (ref name) of an index entry, if it has one. */
export function refName(d: Descriptor): string | undefined {
  return d.annotations?.[REF_NAME_ANNOTATION];
}

/**
 * What is at `root` already: whether it has an `oci-layout` file (of version 1.0.0) and its
 * `index.json`, validated (undefined when absent). Throws a LayoutError on a file that is there
 * but unreadable or not what the image layout spec says.
 */
export async function readLayoutState(
  root: string,
): Promise<{ hasLayoutFile: boolean; index: ImageIndex | undefined }> {
  const hasLayoutFile = await checkLayoutFile(root);
  return { hasLayoutFile, index: await readIndex(root) };
}

/** The tags to write: each valid, each once. */
function checkedTags(dir: string, tags: string[]): string[] {
  for (const tag of tags) {
    if (!isValidTag(tag)) {
      throw new LayoutError(
        dir,
        `invalid tag ${JSON.stringify(tag)}: a tag is 1-128 characters of [a-zA-Z0-9_.-] and does not start with '.' or '-'`,
      );
    }
  }
  return [...new Set(tags)];
}

/** True when a file of exactly `size` bytes is at `path` (a blob already written). */
async function isPresent(path: string, size: number): Promise<boolean> {
  const st = await stat(path).catch(() => undefined);
  return st?.isFile() === true && st.size === size;
}

/** Writes the artifact's blobs and its manifest that the layout lacks (or has with the wrong size). */
async function writeBlobs(
  root: string,
  artifact: PackagedArtifact,
  manifestDescriptor: Descriptor,
): Promise<Pick<LayoutWriteResult, 'written' | 'skipped'>> {
  const written: Descriptor[] = [];
  const skipped: Descriptor[] = [];
  for (const blob of artifact.blobs) {
    const { descriptor } = blob;
    const path = blobPath(root, descriptor.digest);
    if (await isPresent(path, descriptor.size)) {
      skipped.push(descriptor);
      continue;
    }
    await writeVerifiedFile(blob.open(), descriptor, path, {
      name: mediaTypeToFilename(descriptor.mediaType) ?? 'config',
      mediaType: descriptor.mediaType,
    });
    written.push(descriptor);
  }
  const manifestPath = blobPath(root, artifact.digest);
  if (await isPresent(manifestPath, manifestDescriptor.size)) {
    skipped.push(manifestDescriptor);
  } else {
    await writeFileAtomic(manifestPath, artifact.manifestBytes);
    written.push(manifestDescriptor);
  }
  return { written, skipped };
}

/**
 * The index entries after adding `manifest` under `tags` (no tags: one entry without a ref
 * name): an entry with one of the tags is replaced, an untagged entry for the same manifest is
 * not added twice, every other entry stays in its place.
 */
function withEntries(existing: Descriptor[], manifest: Descriptor, tags: string[]): Descriptor[] {
  const entries: Descriptor[] =
    tags.length === 0
      ? [manifest]
      : tags.map((tag) => ({ ...manifest, annotations: { [REF_NAME_ANNOTATION]: tag } }));
  const replaced = new Set(tags);
  const kept = existing.filter((m) => {
    const name = refName(m);
    if (name !== undefined) return !replaced.has(name);
    return !(tags.length === 0 && m.digest === manifest.digest);
  });
  return [...kept, ...entries];
}

/**
 * Writes (or adds) an artifact to an OCI image layout at `dir` (image-spec image-layout.md):
 * `oci-layout`, `blobs/sha256/<hex>` for the config, layers and manifest, and `index.json` with
 * one entry per tag (annotation org.opencontainers.image.ref.name; no tags: one entry without).
 * Blobs already present with the right size are not written again; new ones are streamed through
 * a temporary file, verified, and renamed. An entry with the same ref name is replaced.
 * index.json is written last (temp + rename), so it never points at a missing blob.
 */
export async function writeLayout(
  dir: string,
  artifact: PackagedArtifact,
  tags: string[] = [],
): Promise<LayoutWriteResult> {
  tags = checkedTags(dir, tags);
  const root = resolve(dir);
  const { hasLayoutFile, index: existing } = await readLayoutState(root);
  const index = existing ?? { schemaVersion: 2, mediaType: INDEX_MEDIA_TYPE, manifests: [] };
  await mkdir(join(root, 'blobs', 'sha256'), { recursive: true });

  const manifestDescriptor: Descriptor = {
    mediaType: MANIFEST_MEDIA_TYPE,
    digest: artifact.digest,
    size: artifact.manifestBytes.length,
  };
  if (sha256Digest(artifact.manifestBytes) !== artifact.digest) {
    throw new LayoutError(
      root,
      `artifact digest ${artifact.digest} is not that of its manifest bytes`,
    );
  }
  const { written, skipped } = await writeBlobs(root, artifact, manifestDescriptor);
  if (!hasLayoutFile) {
    await writeFileAtomic(
      join(root, OCI_LAYOUT_FILE),
      Buffer.from(JSON.stringify({ imageLayoutVersion: OCI_LAYOUT_VERSION })),
    );
  }
  index.manifests = withEntries(index.manifests, manifestDescriptor, tags);
  await writeFileAtomic(join(root, INDEX_FILE), Buffer.from(JSON.stringify(index)));
  return { dir: root, digest: artifact.digest, tags: [...tags], written, skipped };
}
