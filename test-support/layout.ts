/**
 * Reading an OCI image layout back, for the tests: the action only writes layouts
 * (src/artifact/layout.ts, writeLayout); the tests read what it wrote, and what skopeo wrote, with
 * every blob verified. The layout files are read and checked by the same code writeLayout uses
 * (readLayoutState), so a layout this reads is one writeLayout would add to.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream';
import {
  INDEX_MEDIA_TYPE,
  LayoutError,
  MANIFEST_MEDIA_TYPE,
  MAX_MANIFEST_SIZE,
  isDigest,
  mediaTypeToFilename,
  parseManifest,
  sha256Digest,
  type Descriptor,
  type FetchBlob,
  type OciManifest,
} from '../src/artifact/index.js';
import { READ_CHUNK_SIZE } from '../src/artifact/digest.js';
import { blobPath, readLayoutState, refName, type ImageIndex } from '../src/artifact/layout.js';
import { VerifyingTransform } from '../src/artifact/verify.js';

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

/** The ref names (tags) in a layout's index.json, in index order. */
export async function listLayoutTags(dir: string): Promise<string[]> {
  const index = await openIndex(resolve(dir));
  return tagsOf(index);
}

function tagsOf(index: ImageIndex): string[] {
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
  const { hasLayoutFile, index } = await readLayoutState(root);
  if (!hasLayoutFile) {
    throw new LayoutError(
      join(root, 'oci-layout'),
      `${root} is not an OCI image layout: ${join(root, 'oci-layout')} is missing`,
    );
  }
  if (index === undefined) {
    throw new LayoutError(
      join(root, 'index.json'),
      `${root} is not a complete OCI image layout: ${join(root, 'index.json')} is missing`,
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

/** The index entry `ref` names: a tag, a digest, or (omitted) the layout's only manifest. */
async function selectEntry(root: string, index: ImageIndex, ref?: string): Promise<Descriptor> {
  const tags = tagsOf(index);
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
  return entry;
}

/** The manifest blob of `entry`, its size and digest checked. */
async function readManifestBlob(root: string, entry: Descriptor): Promise<Buffer> {
  if (!Number.isSafeInteger(entry.size) || entry.size < 0 || entry.size > MAX_MANIFEST_SIZE) {
    throw new LayoutError(
      root,
      `the index entry for ${entry.digest} has size ${entry.size}; a manifest is at most ${MAX_MANIFEST_SIZE} bytes`,
    );
  }
  const path = blobPath(root, entry.digest);
  const st = await stat(path).catch(() => undefined);
  if (!st?.isFile() || st.size !== entry.size) throw missingBlob(root, entry, 'manifest');
  const bytes = await readFile(path);
  const actual = sha256Digest(bytes);
  if (actual !== entry.digest) {
    throw new LayoutError(
      path,
      `the manifest blob ${path} is corrupt: its sha256 is ${actual}, not ${entry.digest}; copy the layout again`,
    );
  }
  return bytes;
}

/** Streams blobs from the layout at `root`, each verified against its descriptor. */
function layoutBlobs(root: string): FetchBlob {
  return async (descriptor) => {
    if (!isDigest(descriptor.digest)) {
      throw new LayoutError(root, `not a sha256 digest: ${JSON.stringify(descriptor.digest)}`);
    }
    const path = blobPath(root, descriptor.digest);
    const st = await stat(path).catch(() => undefined);
    if (!st?.isFile()) throw missingBlob(root, descriptor, 'layer');
    const source = createReadStream(path, { highWaterMark: READ_CHUNK_SIZE });
    const verified = new VerifyingTransform(descriptor, {
      name: mediaTypeToFilename(descriptor.mediaType),
      mediaType: descriptor.mediaType,
    });
    // pipeline forwards a read error to `verified` and closes the file if the reader gives up
    pipeline(source, verified, () => {});
    return verified;
  };
}

/**
 * Reads an artifact from an OCI image layout. `ref` is a tag (ref.name annotation) or a
 * `sha256:` digest; omitted, the layout must hold exactly one manifest. The manifest is size- and
 * digest-checked and parsed; the returned fetchBlob streams blobs with verification, so
 * `unpack(manifest, target, fetchBlob)` restores the files.
 */
export async function readLayout(dir: string, ref?: string): Promise<LayoutArtifact> {
  const root = resolve(dir);
  const entry = await selectEntry(root, await openIndex(root), ref);
  const manifestBytes = await readManifestBlob(root, entry);
  const manifest = parseManifest(manifestBytes);
  return {
    descriptor: entry,
    manifest,
    manifestBytes,
    digest: entry.digest,
    fetchBlob: layoutBlobs(root),
  };
}
