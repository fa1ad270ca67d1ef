import type { Blob, Descriptor } from '../artifact/index.js';
import { RegistryError, VerificationError, shortDigest } from './errors.js';
import { resolveUploadLocation } from './location.js';
import { progressCounter } from './progress.js';
import type { Session } from './session.js';
import { discard, header } from './transport.js';

export interface BlobPushOutcome {
  descriptor: Descriptor;
  /** false when the registry already had the blob */
  uploaded: boolean;
  bytes: number;
}

/**
 * Pushes one blob unless the registry has it: HEAD, else POST an upload session and PUT the
 * whole blob (streamed from `blob.open()`, with its Content-Length) to the session's Location
 * with `digest` added. A retryable failure starts over with a new session and a fresh stream.
 */
export function pushBlob(
  session: Session,
  repository: string,
  scope: string,
  blob: Blob,
): Promise<BlobPushOutcome> {
  const { digest, size } = blob.descriptor;
  const operation = `push blob ${shortDigest(digest)} to ${session.registry}/${repository}`;
  let sentBefore = false;
  return session.retrying(operation, async (attempt) => {
    if (await blobExists(session, repository, scope, blob.descriptor, operation)) {
      if (!sentBefore) session.debug(`${operation}: the registry has it, skipped`);
      return { descriptor: blob.descriptor, uploaded: sentBefore, bytes: sentBefore ? size : 0 };
    }
    const post = await session.request(
      {
        method: 'POST',
        url: `/v2/${repository}/blobs/uploads/`,
        scope,
        headers: { 'content-length': '0' },
      },
      operation,
    );
    if (post.status !== 202)
      throw await session.errorFor(post, operation, '202 Accepted for the upload session');
    const location = header(post, 'location');
    discard(post);
    if (location === undefined) {
      throw new RegistryError({
        operation,
        status: post.status,
        url: post.url,
        detail: 'the upload session has no Location header',
      });
    }
    const putUrl = resolveUploadLocation(location, post.url, digest);
    const progress = progressCounter(session.options.onProgress, 'upload', digest, size);
    sentBefore = true;
    if (attempt > 1) session.debug(`${operation}: new upload session (attempt ${attempt})`);
    const put = await session.request(
      {
        method: 'PUT',
        url: putUrl,
        scope,
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
        body: () => blob.open(),
        onBodyBytes: (n) => progress.add(n),
      },
      operation,
    );
    if (put.status !== 201) throw await session.errorFor(put, operation, '201 Created');
    const returned = header(put, 'docker-content-digest');
    discard(put);
    if (returned !== undefined && returned !== digest) {
      throw new VerificationError({
        operation,
        url: put.url,
        detail: `the registry stored the blob as ${returned}, expected ${digest}`,
      });
    }
    progress.done();
    return { descriptor: blob.descriptor, uploaded: true, bytes: size };
  });
}

async function blobExists(
  session: Session,
  repository: string,
  scope: string,
  descriptor: Descriptor,
  operation: string,
): Promise<boolean> {
  const res = await session.request(
    { method: 'HEAD', url: `/v2/${repository}/blobs/${descriptor.digest}`, scope },
    operation,
  );
  discard(res);
  if (res.status === 200) {
    const length = Number(header(res, 'content-length'));
    return !Number.isFinite(length) || length === descriptor.size;
  }
  if (res.status === 404) return false;
  // A HEAD error has no body to explain it: let the upload request fail with the registry's
  // own error code and message instead (e.g. DENIED when the token lacks push).
  if (res.status === 401 || res.status === 403) return false;
  throw await session.errorFor(res, `${operation} (checking whether it exists)`);
}

/** PUTs the manifest under `reference` (a tag or the digest) and checks the digest the registry reports. */
export function pushManifest(
  session: Session,
  repository: string,
  scope: string,
  manifestBytes: Buffer,
  mediaType: string,
  digest: string,
  reference: string,
): Promise<void> {
  const sep = reference.startsWith('sha256:') ? '@' : ':';
  const operation = `push manifest ${session.registry}/${repository}${sep}${reference}`;
  return session.retrying(operation, async () => {
    const res = await session.request(
      {
        method: 'PUT',
        url: `/v2/${repository}/manifests/${reference}`,
        scope,
        headers: { 'content-type': mediaType, 'content-length': String(manifestBytes.length) },
        body: manifestBytes,
      },
      operation,
    );
    if (res.status !== 201) throw await session.errorFor(res, operation, '201 Created');
    const returned = header(res, 'docker-content-digest');
    discard(res);
    if (returned !== undefined && returned !== digest) {
      throw new VerificationError({
        operation,
        url: res.url,
        detail: `the registry computed ${returned} for the manifest, expected ${digest}`,
      });
    }
  });
}
