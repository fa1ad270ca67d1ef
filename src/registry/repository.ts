import { Transform, pipeline, type Readable, type TransformCallback } from 'node:stream';
import {
  DOCKER_MANIFEST_LIST_MEDIA_TYPE,
  INDEX_MEDIA_TYPE,
  MANIFEST_MEDIA_TYPE,
  MAX_MANIFEST_SIZE,
  STAGE_HIGH_WATER_MARK,
  isDigest,
  isValidTag,
  sha256Digest,
  type Blob,
  type Descriptor,
  type TaggedManifest,
} from '../artifact/index.js';
import { repositoryScope, type RepositoryAccess } from './auth.js';
import {
  DeletionUnsupportedError,
  RegistryError,
  UsageError,
  VerificationError,
  shortDigest,
} from './errors.js';
import { WatchedGate, cancelUpload, checkWithoutUpload, refusedError } from './gatedUpload.js';
import { nextLink } from './link.js';
import { runPool } from './pool.js';
import { resolveRedirectLocation, resolveUploadLocation } from './location.js';
import type { Session } from './session.js';
import { TransportError, discard, header, readBody, type HttpResponse } from './transport.js';

export const DOCKER_MANIFEST_MEDIA_TYPE = 'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_LIST_MEDIA_TYPE = DOCKER_MANIFEST_LIST_MEDIA_TYPE;
/** Every manifest media type a tag may point at (resolving must not be refused for an index). */
export const ANY_MANIFEST_TYPES: readonly string[] = [
  MANIFEST_MEDIA_TYPE,
  INDEX_MEDIA_TYPE,
  DOCKER_MANIFEST_MEDIA_TYPE,
  DOCKER_LIST_MEDIA_TYPE,
];
const ANY_MANIFEST_ACCEPT = ANY_MANIFEST_TYPES.join(', ');
/** Tags asked for per tags/list page (`n`); a registry may send fewer and a `Link` to the rest. */
const TAGS_PAGE_SIZE = 1000;
const MAX_TAG_PAGES = 10_000;
const MAX_TAG_LIST_SIZE = 16 * 1024 * 1024;
/** Tags resolved at once (HEAD requests) by taggedManifests. */
const TAG_RESOLVE_CONCURRENCY = 4;

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
   * blob (`blob.path`) is sent from disk with reused buffers; any other is streamed from
   * `blob.open()`. A retryable failure starts over with a new session and a fresh stream.
   *
   * A blob with a gate (`blob.gate`, a file blob) is checked in the same read that uploads it, and
   * the body's last bytes are sent only once the check passed (fileBody.ts): a refused blob is
   * never complete at the registry, so never committed; its session is cancelled (DELETE, best
   * effort) and the push fails for good with the check's reason as the cause. When the registry
   * has the blob already, the gate runs in a read of its own and nothing is uploaded.
   */
  pushBlob(blob: Blob): Promise<BlobPushOutcome> {
    const { digest, size } = blob.descriptor;
    const operation = `push blob ${shortDigest(digest)} to ${this.location}`;
    const { gate, path } = blob;
    if (gate !== undefined && path === undefined)
      throw new UsageError(`cannot ${operation}: a gated blob must be a file (path)`);
    let sentBefore = false;
    return this.session.retrying(operation, async (attempt) => {
      const exists = `${operation} (checking whether it exists)`;
      if (await this.headBlob(blob.descriptor, operation, exists)) {
        if (gate !== undefined) await checkWithoutUpload(gate, operation);
        if (!sentBefore) this.session.debug(`${operation}: the registry has it, skipped`);
        return { descriptor: blob.descriptor, uploaded: sentBefore, bytes: sentBefore ? size : 0 };
      }
      const uploadUrl = await this.startUpload(operation);
      const progress = this.session.progress('upload', digest, size);
      sentBefore = true;
      if (attempt > 1) this.session.debug(`${operation}: new upload session (attempt ${attempt})`);
      const watched = gate !== undefined ? new WatchedGate(gate) : undefined;
      const refused = async (): Promise<RegistryError | undefined> => {
        if (watched?.refusal === undefined) return undefined;
        await cancelUpload(this.session, uploadUrl, this.scope, operation);
        return refusedError(operation, watched.refusal.reason, true);
      };
      let put: HttpResponse;
      try {
        put = await this.session.request(
          {
            method: 'PUT',
            url: resolveUploadLocation(uploadUrl, uploadUrl, digest),
            scope: this.scope,
            headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
            body:
              path !== undefined
                ? { file: path, ...(watched ? { check: watched.start } : {}) }
                : () => blob.open(),
            ...(progress ? { onBodyBytes: (n: number) => progress.add(n) } : {}),
          },
          operation,
        );
      } catch (error) {
        throw (await refused()) ?? error;
      }
      if (put.status !== 201) {
        const error = await this.session.errorFor(put, operation, '201 Created');
        throw (await refused()) ?? error;
      }
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

  /** POSTs a new upload session; returns its Location, resolved against the POST's URL. */
  private async startUpload(operation: string): Promise<string> {
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
    return resolveRedirectLocation(location, post.url);
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
      readableHighWaterMark: STAGE_HIGH_WATER_MARK,
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
   * Docker-Content-Digest when it sends one. `accept` lists the media types asked for (default:
   * the OCI image manifest only). Not retried here (callers retry whole operations).
   */
  async fetchManifest(
    reference: string,
    accept: readonly string[] = [MANIFEST_MEDIA_TYPE],
  ): Promise<FetchedManifest> {
    const operation = `pull manifest ${this.at(reference)}`;
    const res = await this.session.request(
      {
        method: 'GET',
        url: `/v2/${this.name}/manifests/${reference}`,
        scope: this.scope,
        headers: { accept: accept.join(', ') },
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

  /**
   * Every tag of the repository: `GET /v2/<name>/tags/list?n=<pageSize>`, then each `Link: <…>;
   * rel="next"` (the spec's `n`/`last` pagination; relative or absolute, but only on the
   * registry's origin). Tags that break the tag grammar are dropped: they could not be addressed.
   */
  async listTags(pageSize = TAGS_PAGE_SIZE): Promise<string[]> {
    const operation = `list tags of ${this.location}`;
    const tags: string[] = [];
    const seen = new Set<string>();
    let url: string | undefined = `/v2/${this.name}/tags/list?n=${pageSize}`;
    for (let page = 1; url !== undefined; page++) {
      if (page > MAX_TAG_PAGES)
        throw new RegistryError({
          operation,
          detail: `more than ${MAX_TAG_PAGES} pages of tags; giving up`,
        });
      const target: URL = new URL(url, this.session.baseUrl);
      if (target.origin !== new URL(this.session.baseUrl).origin) {
        throw new RegistryError({
          operation,
          detail: `the registry sent a next-page link to another host (${target.origin}); not following it`,
        });
      }
      const current: string = target.href;
      const body = await this.session.retrying(operation, async () => {
        const res = await this.session.request(
          { method: 'GET', url: current, scope: this.scope },
          operation,
        );
        if (res.status !== 200) throw await this.session.errorFor(res, operation, '200 OK');
        const bytes = await readBody(res, MAX_TAG_LIST_SIZE);
        let parsed: unknown;
        try {
          parsed = JSON.parse(bytes.toString('utf8'));
        } catch (err) {
          throw new RegistryError({
            operation,
            url: current,
            detail: 'the tag list is not JSON',
            cause: err,
          });
        }
        return { parsed, link: header(res, 'link') };
      });
      const list = (body.parsed as { tags?: unknown } | null)?.tags;
      let added = 0;
      for (const tag of Array.isArray(list) ? (list as unknown[]) : []) {
        if (typeof tag !== 'string' || seen.has(tag)) continue;
        seen.add(tag);
        if (!isValidTag(tag)) {
          this.session.debug(`${operation}: skipped a tag that breaks the tag grammar`);
          continue;
        }
        tags.push(tag);
        added++;
      }
      const next = nextLink(body.link);
      // A registry that repeats a page would loop forever: stop when a page brings nothing new.
      url =
        next !== undefined && added > 0 && new URL(next, current).href !== current
          ? next
          : undefined;
    }
    return tags;
  }

  /**
   * The digest a tag points at: HEAD the manifest (any manifest type) and read its
   * Docker-Content-Digest; when the registry sends none, GET it and hash the bytes. Undefined
   * when the tag is gone (404).
   */
  resolve(tag: string): Promise<string | undefined> {
    if (!isValidTag(tag)) throw new UsageError(`cannot resolve '${tag}': not a valid tag`);
    const operation = `resolve ${this.at(tag)}`;
    return this.session.retrying(operation, async () => {
      const request = {
        url: `/v2/${this.name}/manifests/${tag}`,
        scope: this.scope,
        headers: { accept: ANY_MANIFEST_ACCEPT },
      };
      const head = await this.session.request({ method: 'HEAD', ...request }, operation);
      discard(head);
      if (head.status === 404) return undefined;
      const digest = head.status === 200 ? header(head, 'docker-content-digest') : undefined;
      if (digest !== undefined && isDigest(digest)) return digest;
      const get = await this.session.request({ method: 'GET', ...request }, operation);
      if (get.status === 404) {
        discard(get);
        return undefined;
      }
      if (get.status !== 200) throw await this.session.errorFor(get, operation, '200 OK');
      return sha256Digest(await readBody(get, MAX_MANIFEST_SIZE));
    });
  }

  /**
   * Every tagged manifest of the repository with its tags: the tags listed (listTags), each
   * resolved to its digest (resolve) a few at a time, grouped by digest in the order listed. A
   * tag gone since the listing is left out. Untagged manifests are invisible to the tags list.
   */
  async taggedManifests(): Promise<TaggedManifest[]> {
    const tags = await this.listTags();
    const digests = await runPool(tags, TAG_RESOLVE_CONCURRENCY, (tag) => this.resolve(tag));
    const byDigest = new Map<string, string[]>();
    tags.forEach((tag, i) => {
      const digest = digests[i];
      if (digest === undefined) return; // the tag went since the listing
      byDigest.set(digest, [...(byDigest.get(digest) ?? []), tag]);
    });
    this.session.debug(`${this.location}: ${tags.length} tag(s) on ${byDigest.size} manifest(s)`);
    return [...byDigest].map(([digest, onDigest]) => ({ digest, tags: onDigest }));
  }

  /** An OCI image index's bytes by digest (a referrers index), verified against the digest. */
  fetchIndex(digest: string): Promise<Buffer> {
    if (!isDigest(digest))
      throw new UsageError(`cannot pull index '${digest}': not a sha256 digest`);
    const operation = `pull index ${this.at(digest)}`;
    return this.session.retrying(operation, async () => {
      const res = await this.session.request(
        {
          method: 'GET',
          url: `/v2/${this.name}/manifests/${digest}`,
          scope: this.scope,
          headers: { accept: INDEX_MEDIA_TYPE },
        },
        operation,
      );
      if (res.status !== 200) throw await this.session.errorFor(res, operation, '200 OK');
      const bytes = await readBody(res, MAX_MANIFEST_SIZE);
      const actual = sha256Digest(bytes);
      if (actual !== digest) {
        throw new VerificationError({
          operation,
          url: res.url,
          detail: `the index's bytes hash to ${actual}, not ${digest}`,
        });
      }
      return bytes;
    });
  }

  /**
   * `DELETE /v2/<name>/manifests/<digest>` (needs the access `pull,delete`): 'deleted' on 202,
   * 'gone' on 404. A registry that does not allow deletion (405, or the code UNSUPPORTED) throws
   * DeletionUnsupportedError; any other failure the usual RegistryError/AuthError.
   */
  deleteManifest(digest: string): Promise<'deleted' | 'gone'> {
    if (!isDigest(digest)) throw new UsageError(`cannot delete '${digest}': not a sha256 digest`);
    const operation = `delete manifest ${this.at(digest)}`;
    return this.session.retrying(operation, async () => {
      const res = await this.session.request(
        { method: 'DELETE', url: `/v2/${this.name}/manifests/${digest}`, scope: this.scope },
        operation,
      );
      if (res.status === 202 || res.status === 200 || res.status === 204) {
        discard(res);
        return 'deleted';
      }
      if (res.status === 404) {
        discard(res);
        return 'gone';
      }
      const error = await this.session.errorFor(res, operation, '202 Accepted');
      if (error.status === 405 || error.code === 'UNSUPPORTED')
        throw new DeletionUnsupportedError(error);
      throw error;
    });
  }

  /**
   * A small blob's bytes (at most `maxBytes`; the descriptor's size is checked first), verified
   * against the descriptor's size and digest. Not retried here.
   */
  async fetchBlobBytes(descriptor: Descriptor, maxBytes: number): Promise<Buffer> {
    const operation = `pull blob ${shortDigest(descriptor.digest)} from ${this.location}`;
    if (descriptor.size > maxBytes) {
      throw new RegistryError({
        operation,
        detail: `the blob is ${descriptor.size} bytes, more than the ${maxBytes} read into memory; refusing it`,
      });
    }
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of await this.fetchBlob(descriptor)) {
      length += (chunk as Buffer).length;
      if (length > descriptor.size) break;
      chunks.push(chunk as Buffer);
    }
    if (length !== descriptor.size) {
      const sent = length > descriptor.size ? `more than ${descriptor.size}` : String(length);
      throw new VerificationError({
        operation,
        detail: `the registry sent ${sent} bytes, the descriptor says ${descriptor.size}`,
      });
    }
    const bytes = Buffer.concat(chunks);
    const digest = sha256Digest(bytes);
    if (digest !== descriptor.digest) {
      throw new VerificationError({
        operation,
        detail: `the bytes hash to ${digest}, the descriptor says ${descriptor.digest}`,
      });
    }
    return bytes;
  }

  /** `host/name:tag` or `host/name@sha256:…` */
  private at(reference: string): string {
    return `${this.location}${reference.startsWith('sha256:') ? '@' : ':'}${reference}`;
  }
}
