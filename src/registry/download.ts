import { createHash } from 'node:crypto';
import { Transform, pipeline, type Readable, type TransformCallback } from 'node:stream';
import type { Descriptor } from '../artifact/index.js';
import { RegistryError, VerificationError, shortDigest } from './errors.js';
import { progressCounter } from './progress.js';
import type { Session } from './session.js';
import { TransportError, discard, header, readBody } from './transport.js';

export const MANIFEST_ACCEPT = 'application/vnd.oci.image.manifest.v1+json';
/** A manifest larger than this is refused (the spec suggests registries accept at least 4 MiB). */
export const MANIFEST_SIZE_LIMIT = 4 * 1024 * 1024;

export interface FetchedManifest {
  bytes: Buffer;
  digest: string;
  contentType?: string;
}

/**
 * GETs a manifest by tag or digest and verifies its digest: always sha256 of the bytes, compared
 * with the requested digest, else with the registry's Docker-Content-Digest when it sends one.
 */
export async function fetchManifest(
  session: Session,
  repository: string,
  scope: string,
  reference: string,
  operation: string,
): Promise<FetchedManifest> {
  const res = await session.request(
    {
      method: 'GET',
      url: `/v2/${repository}/manifests/${reference}`,
      scope,
      headers: { accept: MANIFEST_ACCEPT },
    },
    operation,
  );
  if (res.status !== 200) throw await session.errorFor(res, operation, '200 OK');
  let bytes: Buffer;
  try {
    bytes = await readBody(res, MANIFEST_SIZE_LIMIT);
  } catch (err) {
    if (err instanceof TransportError && err.code === 'LEI_TOO_LARGE') {
      throw new RegistryError({
        operation,
        url: res.url,
        detail: `the manifest is larger than ${MANIFEST_SIZE_LIMIT} bytes; refusing it`,
        cause: err,
      });
    }
    throw err;
  }
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  const expected = reference.startsWith('sha256:')
    ? reference
    : header(res, 'docker-content-digest');
  if (expected !== undefined && expected !== digest) {
    const source = reference.startsWith('sha256:')
      ? 'requested'
      : "registry's Docker-Content-Digest";
    throw new VerificationError({
      operation,
      url: res.url,
      detail: `manifest digest mismatch: the bytes hash to ${digest}, the ${source} is ${expected}`,
    });
  }
  const contentType = header(res, 'content-type');
  return { bytes, digest, ...(contentType !== undefined ? { contentType } : {}) };
}

/**
 * GETs a blob (following redirects; Authorization only to the registry) and returns its body
 * stream. Size and digest are verified by the consumer (the artifact room's unpack).
 */
export async function fetchBlobStream(
  session: Session,
  repository: string,
  scope: string,
  descriptor: Descriptor,
): Promise<Readable> {
  const operation = `pull blob ${shortDigest(descriptor.digest)} from ${session.registry}/${repository}`;
  const res = await session.request(
    { method: 'GET', url: `/v2/${repository}/blobs/${descriptor.digest}`, scope },
    operation,
  );
  if (res.status !== 200) throw await session.errorFor(res, operation, '200 OK');
  const declared = Number(header(res, 'content-length'));
  if (Number.isFinite(declared) && declared !== descriptor.size) {
    discard(res);
    throw new VerificationError({
      operation,
      url: res.url,
      detail: `the registry sent ${declared} bytes, the manifest says ${descriptor.size}`,
    });
  }
  const onProgress = session.options.onProgress;
  if (!onProgress) return res.body;
  const progress = progressCounter(onProgress, 'download', descriptor.digest, descriptor.size);
  const counter = new Transform({
    readableHighWaterMark: 1024 * 1024,
    transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
      progress.add(chunk.length);
      cb(null, chunk);
    },
    flush(cb: TransformCallback): void {
      progress.done();
      cb();
    },
  });
  return pipeline(res.body, counter, () => undefined);
}
