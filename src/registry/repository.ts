import { Transform, pipeline, type Readable, type TransformCallback } from 'node:stream';
import {
  MANIFEST_MEDIA_TYPE,
  MAX_MANIFEST_SIZE,
  sha256Digest,
  type Blob,
  type Descriptor,
} from '../artifact/index.js';
import { repositoryScope, type RepositoryAccess } from './auth.js';
import { RegistryError, VerificationError, shortDigest } from './errors.js';
import { resolveUploadLocation } from './location.js';
import type { Session } from './session.js';
import { TransportError, discard, header, readBody } from './transport.js';

/**
 * What a manifest push sends: the exact bytes, their media type and their sha256 digest.
 */
export interface ManifestContent {
  bytes: Buffer;
  mediaType: string;
  digest: string;
}

/**
 * A manifest as the registry sent it; `digest` is the sha256 of `bytes`, verified.
 */
export interface FetchedManifest {
  bytes: Buffer;
  digest: string;
  /** the response's Content-Type, when the registry sent one */
  mediaType?: string;
}

export interface BlobPushOutcome {
  descriptor: Descriptor;
  /** false when the registry already had the blob */
  uploaded: boolean;
  bytes: number;
}

/**
 * One repository of one registry (`RegistryClient.repository(name)`): the distribution API's
 * blob and manifest endpoints, each retried as a whole by the session. Every request asks for
 * the token scope of the repository's access; a new endpoint (tags list, manifest delete,
 * resolve) is one more method here. Names are checked by RegistryClient.repository().
 */
export class Repository {
  private readonly scope: string;

  constructor(
    private readonly session: Session,
    /** e.g. `my-org/lei-cache` */
    readonly name: string,
    access: RepositoryAccess,
  ) {
    this.scope = repositoryScope(name, access);
  }

  /** `host[:port]/name`, for messages. */
  get location(): string {
    return `${this.session.registry}/${this.name}`;
  }

  /**
   * Whether the registry has the blob with the descriptor's size (HEAD). A 401/403 counts as "no":
   * a HEAD error has no body to explain it, so the upload that follows fails with the registry's
   * own code and message instead (e.g. DENIED when the token lacks push).
   */
  blobExists(descriptor: Descriptor): Promise<boolean> {
    const operation = `check blob ${shortDigest(descriptor.digest)} in ${this.location}`;
    return this.headBlob(descriptor, operation, operation);
  }

  private async headBlob(
    descriptor: Descriptor,
    operation: string,
    errorOperation: string,
  ): Promise<boolean> {
    const res = await this.session.request(
      { method: 'HEAD', url: `/v2/${this.name}/blobs/${descriptor.digest}`, scope: this.scope },
      operation,
    );
    discard(res);
    if (res.status === 200) {
      const length = Number(header(res, 'content-length'));
      return !Number.isFinite(length) || length === descriptor.size;
    }
    if (res.status === 404 || res.status === 401 || res.status === 403) return false;
    throw await this.session.errorFor(res, errorOperation);
  }

  /**
   * Pushes one blob unless the registry has it: HEAD, else POST an upload session and PUT the
   * whole blob with its Content-Length to the session's Location with `digest` added. A file
   * blob (`blob.path`) is sent from disk with two reused buffers; any other is streamed from
   * `blob.open()`. A retryable failure starts over with a new session and a fresh stream.
   */
  pushBlob(blob: Blob): Promise<BlobPushOutcome> {
    const { digest, size } = blob.descriptor;
    const operation = `push blob ${shortDigest(digest)} to ${this.location}`;
    let sentBefore = false;
    return this.session.retrying(operation, async (attempt) => {
      const exists = `${operation} (checking whether it exists)`;
      if (await this.headBlob(blob.descriptor, operation, exists)) {
        if (!sentBefore) this.session.debug(`${operation}: the registry has it, skipped`);
        return { descriptor: blob.descriptor, uploaded: sentBefore, bytes: sentBefore ? size : 0 };
      }
      const post = await this.session.request(
        {
          method: 'POST',
          url: `/v2/${this.name}/blobs/uploads/`,
          scope: this.scope,
          headers: { 'content-length': '0' },
        },
        operation,
      );
      if (post.status !== 202)
        throw await this.session.errorFor(post, operation, '202 Accepted for the upload session');
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
      const progress = this.session.progress('upload', digest, size);
      sentBefore = true;
      if (attempt > 1) this.session.debug(`${operation}: new upload session (attempt ${attempt})`);
      const put = await this.session.request(
        {
          method: 'PUT',
          url: putUrl,
          scope: this.scope,
          headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
          body: blob.path !== undefined ? { file: blob.path } : () => blob.open(),
          ...(progress ? { onBodyBytes: (n: number) => progress.add(n) } : {}),
        },
        operation,
      );
      if (put.status !== 201) throw await this.session.errorFor(put, operation, '201 Created');
      const returned = header(put, 'docker-content-digest');
      discard(put);
      if (returned !== undefined && returned !== digest) {
        throw new VerificationError({
          operation,
          url: put.url,
          detail: `the registry stored the blob as ${returned}, expected ${digest}`,
        });
      }
      progress?.done();
      return { descriptor: blob.descriptor, uploaded: true, bytes: size };
    });
  }

  /**
   * GETs a blob (following redirects; Authorization only to the registry) and returns its body
   * stream. Not retried here: size and digest are verified by the consumer (the artifact room's
   * unpack), which runs inside a retried operation.
   */
  async fetchBlob(descriptor: Descriptor): Promise<Readable> {
    const operation = `pull blob ${shortDigest(descriptor.digest)} from ${this.location}`;
    const res = await this.session.request(
      { method: 'GET', url: `/v2/${this.name}/blobs/${descriptor.digest}`, scope: this.scope },
      operation,
    );
    if (res.status !== 200) throw await this.session.errorFor(res, operation, '200 OK');
    const declared = Number(header(res, 'content-length'));
    if (Number.isFinite(declared) && declared !== descriptor.size) {
      discard(res);
      throw new VerificationError({
        operation,
        url: res.url,
        detail: `the registry sent ${declared} bytes, the manifest says ${descriptor.size}`,
      });
    }
    const progress = this.session.progress('download', descriptor.digest, descriptor.size);
    if (!progress) return res.body;
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

  /**
   * PUTs the manifest under `reference`: its digest (the default) or a tag. Checks the digest
   * the registry reports (Docker-Content-Digest) against ours.
   */
  pushManifest(manifest: ManifestContent, reference: string = manifest.digest): Promise<void> {
    const operation = `push manifest ${this.at(reference)}`;
    return this.session.retrying(operation, async () => {
      const res = await this.session.request(
        {
          method: 'PUT',
          url: `/v2/${this.name}/manifests/${reference}`,
          scope: this.scope,
          headers: {
            'content-type': manifest.mediaType,
            'content-length': String(manifest.bytes.length),
          },
          body: manifest.bytes,
        },
        operation,
      );
      if (res.status !== 201) throw await this.session.errorFor(res, operation, '201 Created');
      const returned = header(res, 'docker-content-digest');
      discard(res);
      if (returned !== undefined && returned !== manifest.digest) {
        throw new VerificationError({
          operation,
          url: res.url,
          detail: `the registry computed ${returned} for the manifest, expected ${manifest.digest}`,
        });
      }
    });
  }

  /**
   * GETs a manifest by tag or digest (at most MAX_MANIFEST_SIZE bytes) and verifies its digest:
   * the sha256 of the bytes must equal the requested digest, else the registry's
   * Docker-Content-Digest when it sends one. Not retried here (callers retry whole operations).
   */
  async fetchManifest(reference: string): Promise<FetchedManifest> {
    const operation = `pull manifest ${this.at(reference)}`;
    const res = await this.session.request(
      {
        method: 'GET',
        url: `/v2/${this.name}/manifests/${reference}`,
        scope: this.scope,
        headers: { accept: MANIFEST_MEDIA_TYPE },
      },
      operation,
    );
    if (res.status !== 200) throw await this.session.errorFor(res, operation, '200 OK');
    let bytes: Buffer;
    try {
      bytes = await readBody(res, MAX_MANIFEST_SIZE);
    } catch (err) {
      if (err instanceof TransportError && err.code === 'LEI_TOO_LARGE') {
        throw new RegistryError({
          operation,
          url: res.url,
          detail: `the manifest is larger than ${MAX_MANIFEST_SIZE} bytes; refusing it`,
          cause: err,
        });
      }
      throw err;
    }
    const digest = sha256Digest(bytes);
    const byDigest = reference.startsWith('sha256:');
    const expected = byDigest ? reference : header(res, 'docker-content-digest');
    if (expected !== undefined && expected !== digest) {
      const source = byDigest ? 'requested' : "registry's Docker-Content-Digest";
      throw new VerificationError({
        operation,
        url: res.url,
        detail: `manifest digest mismatch: the bytes hash to ${digest}, the ${source} is ${expected}`,
      });
    }
    const mediaType = header(res, 'content-type');
    return { bytes, digest, ...(mediaType !== undefined ? { mediaType } : {}) };
  }

  /** `host/name:tag` or `host/name@sha256:…` */
  private at(reference: string): string {
    return `${this.location}${reference.startsWith('sha256:') ? '@' : ':'}${reference}`;
  }
}
