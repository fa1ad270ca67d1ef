import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { READ_CHUNK_SIZE, digestHex, isDigest, sha256Digest } from './digest.js';
import { LayoutError } from './errors.js';
import { isObject } from './json.js';
import { MAX_MANIFEST_SIZE, parseManifest } from './manifest.js';
import { INDEX_MEDIA_TYPE, MANIFEST_MEDIA_TYPE, mediaTypeToFilename } from './mediaTypes.js';
import { isValidTag } from './tag.js';
import { tempPathFor, writeVerifiedFile } from './stagedFile.js';
import { verifyStream } from './verify.js';
import type { Descriptor, FetchBlob, OciManifest, PackagedArtifact } from './types.js';

/** image-spec image-layout.md */
const OCI_LAYOUT_FILE = 'oci-layout';
const OCI_LAYOUT_VERSION = '1.0.0';
const INDEX_FILE = 'index.json';
const REF_NAME_ANNOTATION = 'org.opencontainers.image.ref.name';

interface ImageIndex {
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

export interface LayoutArtifact {
  /** the index.json entry that was selected */
  descriptor: Descriptor;
  manifest: OciManifest;
  /** the manifest's exact bytes, verified against the index entry's digest */
  manifestBytes: Buffer;
  digest: string;
  /** streams a blob from the layout, failing the stream on a size or digest mismatch */
  fetchBlob: FetchBlob;
}

function blobPath(root: string, digest: string): string {
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

async function checkLayoutFile(root: string): Promise<boolean> {
  const path = join(root, OCI_LAYOUT_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new LayoutError(path, `cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new LayoutError(path, `${path} is not valid JSON; is ${root} an OCI image layout?`, {
      cause: err,
    });
  }
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
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new LayoutError(path, `cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new LayoutError(path, `${path} is not valid JSON; repair or remove the layout`, {
      cause: err,
    });
  }
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

function refName(d: Descriptor): string | undefined {
  return d.annotations?.[REF_NAME_ANNOTATION];
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
  for (const tag of tags) {
    if (!isValidTag(tag)) {
      throw new LayoutError(
        dir,
        `invalid tag ${JSON.stringify(tag)}: a tag is 1-128 characters of [a-zA-Z0-9_.-] and does not start with '.' or '-'`,
      );
    }
  }
  tags = [...new Set(tags)];
  const root = resolve(dir);
  const hasLayoutFile = await checkLayoutFile(root);
  const index = (await readIndex(root)) ?? {
    schemaVersion: 2,
    mediaType: INDEX_MEDIA_TYPE,
    manifests: [],
  };
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

  const written: Descriptor[] = [];
  const skipped: Descriptor[] = [];
  for (const blob of artifact.blobs) {
    const { descriptor } = blob;
    const path = blobPath(root, descriptor.digest);
    const st = await stat(path).catch(() => undefined);
    if (st?.isFile() && st.size === descriptor.size) {
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
  const mst = await stat(manifestPath).catch(() => undefined);
  if (mst?.isFile() && mst.size === manifestDescriptor.size) {
    skipped.push(manifestDescriptor);
  } else {
    await writeFileAtomic(manifestPath, artifact.manifestBytes);
    written.push(manifestDescriptor);
  }

  if (!hasLayoutFile) {
    await writeFileAtomic(
      join(root, OCI_LAYOUT_FILE),
      Buffer.from(JSON.stringify({ imageLayoutVersion: OCI_LAYOUT_VERSION })),
    );
  }

  const entries: Descriptor[] =
    tags.length === 0
      ? [manifestDescriptor]
      : tags.map((tag) => ({ ...manifestDescriptor, annotations: { [REF_NAME_ANNOTATION]: tag } }));
  const replaced = new Set(tags);
  index.manifests = [
    ...index.manifests.filter((m) => {
      const name = refName(m);
      if (name !== undefined) return !replaced.has(name);
      // an untagged entry for the same manifest is not added twice
      return !(tags.length === 0 && m.digest === artifact.digest);
    }),
    ...entries,
  ];
  await writeFileAtomic(join(root, INDEX_FILE), Buffer.from(JSON.stringify(index)));
  return { dir: root, digest: artifact.digest, tags: [...tags], written, skipped };
}

/** The ref names (tags) in a layout's index.json, in index order. */
export async function listLayoutTags(dir: string): Promise<string[]> {
  const root = resolve(dir);
  const index = await openIndex(root);
  return index.manifests.map(refName).filter((n): n is string => n !== undefined);
}

async function openIndex(root: string): Promise<ImageIndex> {
  const st = await stat(root).catch(() => undefined);
  if (!st?.isDirectory()) {
    throw new LayoutError(
      root,
      `no OCI image layout at ${root}: the directory does not exist; check the path (or write the layout first)`,
    );
  }
  if (!(await checkLayoutFile(root))) {
    throw new LayoutError(
      join(root, OCI_LAYOUT_FILE),
      `${root} is not an OCI image layout: ${join(root, OCI_LAYOUT_FILE)} is missing`,
    );
  }
  const index = await readIndex(root);
  if (index === undefined) {
    throw new LayoutError(
      join(root, INDEX_FILE),
      `${root} is not a complete OCI image layout: ${join(root, INDEX_FILE)} is missing`,
    );
  }
  return index;
}

function missingBlob(root: string, d: Descriptor, what: string): LayoutError {
  const path = blobPath(root, d.digest);
  return new LayoutError(
    path,
    `the layout at ${root} lacks the ${what} blob ${d.digest} (${d.mediaType}): ${path} is missing or has the wrong size; copy the complete layout again`,
  );
}

/**
 * Reads an artifact from an OCI image layout. `ref` is a tag (ref.name annotation) or a
 * `sha256:` digest; omitted, the layout must hold exactly one manifest. The manifest is size- and
 * digest-checked and parsed; the returned fetchBlob streams blobs with verification, so
 * `unpack(manifest, target, fetchBlob)` restores the files.
 */
export async function readLayout(dir: string, ref?: string): Promise<LayoutArtifact> {
  const root = resolve(dir);
  const index = await openIndex(root);
  const tags = index.manifests.map(refName).filter((n): n is string => n !== undefined);
  let entry: Descriptor | undefined;
  if (ref === undefined || ref === '') {
    if (index.manifests.length !== 1) {
      throw new LayoutError(
        root,
        `the layout at ${root} holds ${index.manifests.length} manifests; name one by tag (${tags.join(', ') || 'none tagged'}) or digest`,
      );
    }
    entry = index.manifests[0];
  } else if (isDigest(ref)) {
    entry = index.manifests.find((m) => m.digest === ref);
    if (entry === undefined) {
      const st = await stat(blobPath(root, ref)).catch(() => undefined);
      if (!st?.isFile()) {
        throw new LayoutError(root, `the layout at ${root} has no manifest ${ref}`);
      }
      entry = { mediaType: MANIFEST_MEDIA_TYPE, digest: ref, size: st.size };
    }
  } else {
    entry = index.manifests.find((m) => refName(m) === ref);
    if (entry === undefined) {
      throw new LayoutError(
        root,
        `the layout at ${root} has no tag ${JSON.stringify(ref)}; available tags: ${tags.length > 0 ? tags.join(', ') : '(none)'}`,
      );
    }
  }
  if (entry === undefined) throw new LayoutError(root, `the layout at ${root} is empty`);
  if (entry.mediaType === INDEX_MEDIA_TYPE) {
    throw new LayoutError(
      root,
      `${ref ?? entry.digest} in ${root} is an image index, not an LEI cache artifact manifest`,
    );
  }
  if (!Number.isSafeInteger(entry.size) || entry.size < 0 || entry.size > MAX_MANIFEST_SIZE) {
    throw new LayoutError(
      root,
      `the index entry for ${entry.digest} has size ${entry.size}; a manifest is at most ${MAX_MANIFEST_SIZE} bytes`,
    );
  }

  const path = blobPath(root, entry.digest);
  const st = await stat(path).catch(() => undefined);
  if (!st?.isFile() || st.size !== entry.size) throw missingBlob(root, entry, 'manifest');
  const manifestBytes = await readFile(path);
  const actual = sha256Digest(manifestBytes);
  if (actual !== entry.digest) {
    throw new LayoutError(
      path,
      `the manifest blob ${path} is corrupt: its sha256 is ${actual}, not ${entry.digest}; copy the layout again`,
    );
  }
  const manifest = parseManifest(manifestBytes);

  const fetchBlob: FetchBlob = async (descriptor) => {
    if (!isDigest(descriptor.digest)) {
      throw new LayoutError(root, `not a sha256 digest: ${JSON.stringify(descriptor.digest)}`);
    }
    const p = blobPath(root, descriptor.digest);
    const bst = await stat(p).catch(() => undefined);
    if (!bst?.isFile()) throw missingBlob(root, descriptor, 'layer');
    const source = createReadStream(p, { highWaterMark: READ_CHUNK_SIZE });
    const verified = verifyStream(descriptor, {
      name: mediaTypeToFilename(descriptor.mediaType),
      mediaType: descriptor.mediaType,
    });
    // pipeline forwards a read error to `verified` and closes the file if the reader gives up
    pipeline(source, verified, () => {});
    return verified;
  };

  return { descriptor: entry, manifest, manifestBytes, digest: entry.digest, fetchBlob };
}
