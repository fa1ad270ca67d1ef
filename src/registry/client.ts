import {
  multiManifestProblem,
  parseManifest,
  sha256Digest,
  unpack,
  type Blob,
  type Descriptor,
  type PackagedArtifact,
  type UnpackOptions,
} from '../artifact/index.js';
import { RegistryError, UsageError } from './errors.js';
import {
  DEFAULT_TAG,
  digestProblem,
  formatReference,
  isValidRegistryHost,
  repositoryProblem,
  tagProblem,
} from './reference.js';
import type { RepositoryAccess } from './auth.js';
import { ANY_MANIFEST_TYPES, Repository, type ManifestContent } from './repository.js';
import { runPool } from './pool.js';
import { readTag, readTagTarget } from './tagTarget.js';
import { Session } from './session.js';
import type {
  PullResult,
  PushResult,
  Reference,
  Registry,
  RegistryClientOptions,
  TagGuard,
  TagPush,
  TagRead,
} from './types.js';

/**
 * An OCI distribution client for one registry (`host[:port]`): hands out repository-bound
 * clients (`repository(name)`) and pushes and pulls whole LEI cache artifacts with them. Plain
 * HTTP for localhost and loopback addresses, HTTPS otherwise. Call close() when done.
 */
export class RegistryClient implements Registry {
  readonly registry: string;
  private readonly session: Session;

  constructor(registry: string, options: RegistryClientOptions = {}) {
    const host = registry.replace(/^oci:\/\//i, '').replace(/\/+$/, '');
    if (!isValidRegistryHost(host)) {
      throw new UsageError(
        `invalid registry "${registry}": expected host[:port], e.g. ghcr.io or 127.0.0.1:5000`,
      );
    }
    this.registry = host.toLowerCase();
    this.session = new Session(this.registry, options);
  }

  /**
   * The repository `name` of this registry, for reading (`pull`, the default) or for writing
   * too (`pull,push`). Throws a UsageError for a name the distribution spec does not allow.
   */
  repository(name: string, access: RepositoryAccess = 'pull'): Repository {
    const problem = repositoryProblem(name);
    if (problem) throw new UsageError(`${this.registry}/${name}: ${problem}`);
    return new Repository(this.session, name, access);
  }

  /**
   * Pushes in the contract's order: every blob (concurrently, skipping those the registry has),
   * then the manifest by digest (the registry's Docker-Content-Digest checked), then each tag in
   * the order given. A tag the guard guards is read just before it would move and moves only if
   * the guard allows; one that already points at the manifest is left alone; each guarded tag
   * that moved is checked again at the end (`recheckTags`). If a blob or the manifest fails, no
   * tag moves; if a tag fails, the error says which tags had moved.
   */
  async pushArtifact(
    repository: string,
    artifact: PackagedArtifact,
    tags: string[],
    guard?: TagGuard,
  ): Promise<PushResult> {
    const problem = repositoryProblem(repository);
    if (problem) throw new UsageError(`cannot push to ${this.registry}/${repository}: ${problem}`);
    for (const tag of tags) {
      const tp = tagProblem(tag);
      if (tp) throw new UsageError(`cannot push ${this.registry}/${repository}:${tag}: ${tp}`);
    }
    for (const d of [artifact.digest, ...artifact.blobs.map((b) => b.descriptor.digest)]) {
      const dp = digestProblem(d);
      if (dp) throw new UsageError(`cannot push to ${this.registry}/${repository}: ${dp}`);
    }
    const actual = sha256Digest(artifact.manifestBytes);
    if (actual !== artifact.digest) {
      throw new UsageError(
        `cannot push to ${this.registry}/${repository}: the artifact's manifest bytes hash to ${actual}, not its digest ${artifact.digest}`,
      );
    }
    const repo = this.repository(repository, 'pull,push');
    // The same content twice (e.g. an empty config and an empty layer) goes up once, through
    // the gate if one of them has one.
    const byDigest = new Map<string, Blob>();
    for (const b of artifact.blobs) {
      if (!byDigest.get(b.descriptor.digest)?.gate) byDigest.set(b.descriptor.digest, b);
    }
    const blobs = [...byDigest.values()];
    const outcomes = await runPool(blobs, this.session.concurrency, (blob) => repo.pushBlob(blob));
    const manifest = {
      bytes: artifact.manifestBytes,
      mediaType: artifact.manifest.mediaType,
      digest: artifact.digest,
    };
    await repo.pushManifest(manifest);
    const tagPushes: TagPush[] = [];
    for (const tag of new Set(tags)) {
      try {
        tagPushes.push(await this.pushTag(repo, manifest, tag, guard));
      } catch (error) {
        const moved = tagPushes.filter((t) => t.moved).map((t) => t.tag);
        if (moved.length === 0) throw error;
        throw new Error(
          `${(error as Error).message} (after the manifest and the tag(s) ${moved.join(', ')} were pushed)`,
          { cause: error },
        );
      }
    }
    if (guard !== undefined) await this.recheckTags(repo, manifest, tagPushes, guard);
    const uploaded: Descriptor[] = [];
    const skipped: Descriptor[] = [];
    let uploadedBytes = 0;
    for (const o of outcomes) {
      (o.uploaded ? uploaded : skipped).push(o.descriptor);
      uploadedBytes += o.bytes;
    }
    return {
      digest: artifact.digest,
      tags: tagPushes.filter((t) => t.current).map((t) => t.tag),
      tagPushes,
      uploadedBytes,
      uploadedBlobs: uploaded,
      skippedBlobs: skipped,
    };
  }

  /** One tag of a push: read it first when the guard guards it, then PUT it unless told not to. */
  private async pushTag(
    repo: Repository,
    manifest: ManifestContent,
    tag: string,
    guard: TagGuard | undefined,
  ): Promise<TagPush> {
    if (guard === undefined || !guard.guards(tag)) {
      await repo.pushManifest(manifest, tag);
      return { tag, moved: true, current: true };
    }
    const before = await this.session.retrying(`read tag ${repo.location}:${tag}`, () =>
      readTagTarget(repo, tag),
    );
    if (before.kind !== 'absent' && before.digest === manifest.digest)
      return { tag, before, moved: false, current: true };
    if (!guard.allows(tag, before)) return { tag, before, moved: false, current: false };
    await repo.pushManifest(manifest, tag);
    return { tag, before, moved: true, current: true };
  }

  /**
   * OCI has no compare-and-swap for tags, so another push to the same repository can move a tag
   * between our read and our write, or after it. Once every tag is pushed, each guarded tag that
   * moved is resolved again (its digest only); one that points elsewhere now is described, the guard
   * is asked again, and the tag moves back to our manifest once if it allows (e.g. an older
   * snapshot's push landed after ours). This narrows what a race can do; it cannot close it.
   */
  private async recheckTags(
    repo: Repository,
    manifest: ManifestContent,
    tagPushes: TagPush[],
    guard: TagGuard,
  ): Promise<void> {
    for (const push of tagPushes) {
      if (push.before === undefined || !push.moved) continue;
      const operation = `check tag ${repo.location}:${push.tag}`;
      if ((await repo.resolve(push.tag)) === manifest.digest) continue;
      const now = await this.session.retrying(operation, () => readTagTarget(repo, push.tag));
      if (now.kind !== 'absent' && now.digest === manifest.digest) continue;
      push.overtaken = now;
      push.current = guard.allows(push.tag, now);
      if (push.current) await repo.pushManifest(manifest, push.tag);
    }
  }

  /**
   * Pulls the manifest (by tag or digest, digest verified) and restores the LEI files into
   * `targetDir` through the artifact room's verifying unpack: a failed pull leaves no file.
   */
  async pullArtifact(
    reference: Reference,
    targetDir: string,
    options: UnpackOptions = {},
  ): Promise<PullResult> {
    if (reference.registry.toLowerCase() !== this.registry) {
      throw new UsageError(
        `cannot pull ${formatReference(reference)} with a client for ${this.registry}`,
      );
    }
    const problem = repositoryProblem(reference.repository);
    if (problem) throw new UsageError(`cannot pull ${formatReference(reference)}: ${problem}`);
    if (reference.digest !== undefined) {
      const dp = digestProblem(reference.digest);
      if (dp) throw new UsageError(`cannot pull ${formatReference(reference)}: ${dp}`);
    }
    const repo = this.repository(reference.repository);
    const ref = reference.digest ?? reference.tag ?? DEFAULT_TAG;
    const operation = `pull ${formatReference(reference.digest !== undefined ? { ...reference, tag: undefined } : reference)}`;
    return this.session.retrying(operation, async () => {
      // Every type a tag may point at: an index or manifest list is refused as such below.
      const fetched = await repo.fetchManifest(ref, ANY_MANIFEST_TYPES);
      // An index or manifest list is refused as such, before any blob is fetched.
      const multi = multiManifestProblem(fetched.mediaType);
      if (multi !== undefined) {
        throw new RegistryError({ operation, detail: `${formatReference(reference)} ${multi}` });
      }
      let manifest;
      try {
        manifest = parseManifest(fetched.bytes);
      } catch (err) {
        throw new RegistryError({
          operation,
          detail: `the manifest ${fetched.digest} is not an LEI cache artifact: ${(err as Error).message}`,
          cause: err,
        });
      }
      const result = await unpack(manifest, targetDir, (d) => repo.fetchBlob(d), options);
      return { ...result, digest: fetched.digest, manifest, manifestBytes: fetched.bytes };
    });
  }

  /**
   * What `tag` of `repository` points at, with an LEI snapshot's manifest.json (bounded and
   * verified), retried like every read; a 404 is `absent`.
   */
  async readTag(
    repository: string,
    tag: string,
    access: 'pull' | 'pull,push' = 'pull',
  ): Promise<TagRead> {
    const tp = tagProblem(tag);
    if (tp) throw new UsageError(`cannot read ${this.registry}/${repository}:${tag}: ${tp}`);
    const repo = this.repository(repository, access);
    return this.session.retrying(`read tag ${repo.location}:${tag}`, () => readTag(repo, tag));
  }

  /** Closes idle keep-alive connections (call when done). */
  close(): void {
    this.session.dispose();
  }
}
