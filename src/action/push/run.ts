import {
  CACHE_JSONL_MEDIA_TYPE,
  ExportError,
  SnapshotError,
  TITLE_ANNOTATION,
  findCause,
} from '../../artifact/index.js';
import type { GatedContent, PackagedArtifact, SnapshotStamp } from '../../artifact/index.js';
import type { PushResult } from '../../registry/index.js';
import type { ActionDeps } from '../deps.js';
import { InputError, messageOf, registryFailure } from '../errors.js';
import { checkDirectoryTarget } from '../paths.js';
import { formatBytes } from '../progress.js';
import { contentLine } from '../report.js';
import { registryOptions } from '../services.js';
import { inline } from '../untrusted.js';
import { decideTag, isMovingTag, movesTag } from './forward.js';
import type { PushInputs } from './inputs.js';
import { ShrinkError, readSince, type Since } from './nightly.js';
import { pushSummary } from './summary.js';
import { tagLines, type TagLine } from './tagReport.js';
import { snapshotTags, tagsLine } from './tags.js';

export interface PushOutputs {
  /** `<registry>/<repository>`, as pushed: lowercase, no tag, no digest (actions/attest's subject-name) */
  name: string;
  digest: string;
  /** `<registry>/<repository>@<digest>` */
  reference: string;
  /** the tags that point at this snapshot after the push (all of them when push is false) */
  tags: string[];
  manifest: string;
  /** bytes of all blobs (config and layers) */
  size: number;
}

/** What the push step did: the registry's answer and each tag's line for the log and summary. */
interface Pushed {
  result: PushResult;
  tagReport: TagLine[];
  /** the comparison with latest (undefined: nothing to compare with) */
  since: Since | undefined;
}

/** GHCR's documented per-layer limit. */
const GHCR_LAYER_LIMIT = 10 * 1000 ** 3;

/**
 * Packages the export, pushes it (unless push is false), writes the OCI layout (when asked),
 * sets the outputs and writes the job summary (unless summary is false).
 */
export async function runPush(inputs: PushInputs, deps: ActionDeps): Promise<PushOutputs> {
  const { io } = deps;
  const { artifact, tags } = await io.group('Validate and package the export', () =>
    packageStep(inputs, deps),
  );
  let pushed: Pushed | undefined;
  if (inputs.push) {
    pushed = await io.group(`Push to ${inputs.registry}/${inputs.repository}`, () =>
      pushStep(inputs, deps, artifact, tags),
    );
  } else {
    io.info('push is false: nothing was sent to a registry.');
  }
  if (inputs.ociLayout !== undefined) {
    const layoutDir = inputs.ociLayout;
    await io.group('Write the OCI image layout', () => layoutStep(layoutDir, deps, artifact, tags));
  }
  const outputs = setOutputs(inputs, deps, artifact, pushed ? pushed.result.tags : tags);
  if (inputs.summary) {
    await io.group('Job summary', () => summaryStep(inputs, deps, artifact, tags, pushed));
  }
  if (pushed?.since?.held) throw shrinkFailure(inputs, pushed, pushed.since);
  return outputs;
}

/** Validates and packages the export (an export-dir input error on a bad one); logs what it is. */
async function packageStep(
  inputs: PushInputs,
  { io, services }: ActionDeps,
): Promise<{ artifact: PackagedArtifact; tags: string[] }> {
  if (inputs.ociLayout !== undefined) await checkDirectoryTarget(inputs.ociLayout, 'oci-layout');
  let artifact: PackagedArtifact;
  try {
    artifact = await services.packageExport(inputs.exportDir, {
      annotations: inputs.annotations,
      onWarning: (message) => io.warning(inline(message)),
      verifyContent: inputs.verifyContent,
      // Pushing: the check runs on the bytes being uploaded, and gates their commit.
      checkContentOnUpload: inputs.push,
    });
  } catch (error) {
    if (error instanceof ExportError || error instanceof SnapshotError)
      throw new InputError('export-dir', messageOf(error), { cause: error });
    throw error;
  }
  if (inputs.push && inputs.registry === 'ghcr.io') warnOverGhcrLimit(artifact, io.warning);
  const tags = snapshotTags(inputs.tags, artifact.info.date);
  io.info(`Export: ${inline(inputs.exportDir)}`);
  io.info(
    `Snapshot ${artifact.info.date}, ${artifact.info.entryCount} entries, LEI ${inline(artifact.info.leiVersion)}`,
  );
  io.info(
    artifact.contentGate === undefined
      ? contentLine(artifact.verified)
      : 'Content of cache.jsonl.gz: checked against manifest.json while it uploads; nothing is published unless it passes.',
  );
  io.info(`Manifest digest: ${artifact.digest}`);
  io.info(tagsLine(inputs.tags, tags, artifact.info.date));
  return { artifact, tags };
}

function warnOverGhcrLimit(artifact: PackagedArtifact, warning: (message: string) => void): void {
  for (const { descriptor } of artifact.layers) {
    if (descriptor.size <= GHCR_LAYER_LIMIT) continue;
    warning(
      `${inline(descriptor.annotations?.[TITLE_ANNOTATION] ?? descriptor.digest)} is ${formatBytes(descriptor.size)}: ` +
        'ghcr.io accepts layers up to 10 GB, so the push will probably be refused.',
    );
  }
}

/** The snapshot being pushed, as the moving-tag rule compares it. */
function stampOf(artifact: PackagedArtifact): SnapshotStamp & { digest: string } {
  return { digest: artifact.digest, date: artifact.info.date, created: artifact.info.created };
}

/** Pushes every blob, the manifest by digest, then each tag (moving tags only forward). */
async function pushStep(
  inputs: PushInputs,
  deps: ActionDeps,
  artifact: PackagedArtifact,
  tags: string[],
): Promise<Pushed> {
  const { io } = deps;
  const name = `${inputs.registry}/${inputs.repository}`;
  const ours = stampOf(artifact);
  const client = deps.services.createRegistry(
    inputs.registry,
    registryOptions(inputs.credentials, io, { now: deps.now }),
  );
  let result: PushResult;
  let since: Since | undefined;
  try {
    since = await readSince(client, inputs, artifact, io);
    const held = since?.held === true;
    result = await client.pushArtifact(inputs.repository, artifact, tags, {
      guards: isMovingTag,
      allows: (_tag, current) => !held && movesTag(decideTag(current, ours, inputs.allowOlder)),
    });
  } catch (error) {
    throw pushFailure(error, name, inputs);
  } finally {
    client.close();
  }
  if (result.digest !== artifact.digest) {
    throw new Error(
      `The registry stored the manifest as ${result.digest}, expected ${artifact.digest}.`,
    );
  }
  io.info(
    `Uploaded ${result.uploadedBlobs.length} blob(s), ${formatBytes(result.uploadedBytes)}; ` +
      `${result.skippedBlobs.length} already present.`,
  );
  if (artifact.contentGate !== undefined) io.info(gatedContentLine(artifact.contentGate));
  io.info(`Pushed ${name}@${artifact.digest} (the manifest by digest, before any tag)`);
  const tagReport = tagLines(result.tagPushes, ours, inputs.allowOlder, name, since?.held);
  for (const line of tagReport) {
    if (line.warning) io.warning(line.log);
    else io.info(line.log);
  }
  return { result, tagReport, since };
}

/**
 * A failed push: the content check refusing the export (the cache layer's gate) is the same
 * export-dir input error as when packaging refuses it; anything else is a registry failure.
 */
function pushFailure(error: unknown, name: string, inputs: PushInputs): Error {
  const refused = findCause(error, SnapshotError) ?? findCause(error, ExportError);
  if (refused !== undefined)
    return new InputError('export-dir', messageOf(refused), { cause: error });
  return registryFailure(`Pushing to ${name}`, error, 'push', inputs);
}

/** The content line once the push is done: the registry client ran the gate for every blob. */
function gatedContentLine(gate: GatedContent): string {
  if (gate.facts === undefined)
    throw new Error('The push finished without the content check of cache.jsonl.gz.');
  return contentLine(gate.facts);
}

async function layoutStep(
  layoutDir: string,
  { io, services }: ActionDeps,
  artifact: PackagedArtifact,
  tags: string[],
): Promise<void> {
  await services.writeLayout(layoutDir, artifact, tags);
  io.info(`Wrote ${inline(layoutDir)} with ref names ${tags.join(', ')}`);
  io.info(
    `Copy it with: skopeo copy oci:${inline(layoutDir)}:${tags[0]} docker://<registry>/<repository>:${tags[0]}`,
  );
}

/** The step's one error when the shrink guard held the moving tags back (after outputs and summary). */
function shrinkFailure(inputs: PushInputs, pushed: Pushed, since: Since): ShrinkError {
  const name = `${inputs.registry}/${inputs.repository}`;
  return new ShrinkError(
    since,
    pushed.result.tags.map((tag) => `${name}:${tag}`).join(', '),
    pushed.tagReport.filter((t) => !t.current).map((t) => t.tag),
  );
}

function blobsSize(artifact: PackagedArtifact): number {
  return artifact.blobs.reduce((sum, blob) => sum + blob.descriptor.size, 0);
}

function setOutputs(
  inputs: PushInputs,
  { io }: ActionDeps,
  artifact: PackagedArtifact,
  tags: string[],
): PushOutputs {
  const name = `${inputs.registry}/${inputs.repository}`;
  const outputs: PushOutputs = {
    name,
    digest: artifact.digest,
    reference: `${name}@${artifact.digest}`,
    tags,
    manifest: artifact.manifestBytes.toString('utf8'),
    size: blobsSize(artifact),
  };
  io.setOutput('name', outputs.name);
  io.setOutput('digest', outputs.digest);
  io.setOutput('reference', outputs.reference);
  io.setOutput('tags', outputs.tags.join(','));
  io.setOutput('manifest', outputs.manifest);
  io.setOutput('size', String(outputs.size));
  return outputs;
}

async function summaryStep(
  inputs: PushInputs,
  { io, env }: ActionDeps,
  artifact: PackagedArtifact,
  tags: string[],
  pushed: Pushed | undefined,
): Promise<void> {
  const cacheLayer = artifact.layers.find(
    (blob) => blob.descriptor.mediaType === CACHE_JSONL_MEDIA_TYPE,
  );
  await io.writeSummary(
    pushSummary({
      registry: inputs.registry,
      repository: inputs.repository,
      digest: artifact.digest,
      tags,
      ...(pushed
        ? { tagReport: pushed.tagReport, uploadedBytes: pushed.result.uploadedBytes }
        : {}),
      pushed: inputs.push,
      size: blobsSize(artifact),
      cacheSize: cacheLayer?.descriptor.size ?? 0,
      info: artifact.info,
      ...(inputs.ociLayout !== undefined ? { ociLayout: inputs.ociLayout } : {}),
      ...(pushed?.since ? { since: pushed.since } : {}),
      ...(env['GITHUB_ACTION_REPOSITORY']
        ? { actionRepository: env['GITHUB_ACTION_REPOSITORY'] }
        : {}),
    }),
  );
}
