import {
  CACHE_JSONL_MEDIA_TYPE,
  ExportError,
  SnapshotError,
  TITLE_ANNOTATION,
  defaultTags,
} from '../artifact/index.js';
import type { ContentFacts, PackagedArtifact } from '../artifact/index.js';
import type { PushResult } from '../registry/index.js';
import type { ActionDeps } from './deps.js';
import { InputError, messageOf, registryFailure } from './errors.js';
import { checkDirectoryTarget } from './paths.js';
import type { PushInputs } from './inputs.js';
import { formatBytes, progressLogger } from './progress.js';
import { pushSummary } from './summary.js';
import { decideTag, isMovingTag, movesTag } from './forward.js';
import { tagLines, type TagLine } from './tagReport.js';
import { inline } from './untrusted.js';

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

/** GHCR's documented per-layer limit. */
const GHCR_LAYER_LIMIT = 10 * 1000 ** 3;

/** The log line that says what the content check found (or that it was off). */
export function contentLine(verified: ContentFacts | undefined): string {
  if (verified === undefined) {
    return 'verify-content is false: the content of cache.jsonl.gz was not checked against manifest.json.';
  }
  return (
    `Content verified against manifest.json: gzip intact, ${verified.lines} entries, ` +
    `${verified.rawSize} bytes uncompressed, content_hash ${verified.contentHash}`
  );
}

/**
 * Packages the export, pushes it (unless push is false), writes the OCI layout (when asked),
 * sets the outputs and writes the job summary (unless summary is false).
 */
export async function runPush(inputs: PushInputs, deps: ActionDeps): Promise<PushOutputs> {
  const { io, services } = deps;

  const { artifact, tags } = await io.group('Validate and package the export', async () => {
    if (inputs.ociLayout !== undefined) await checkDirectoryTarget(inputs.ociLayout, 'oci-layout');
    let packaged: PackagedArtifact;
    try {
      packaged = await services.packageExport(inputs.exportDir, {
        annotations: inputs.annotations,
        onWarning: (message) => io.warning(inline(message)),
        verifyContent: inputs.verifyContent,
      });
    } catch (error) {
      if (error instanceof ExportError || error instanceof SnapshotError)
        throw new InputError('export-dir', messageOf(error), { cause: error });
      throw error;
    }
    if (inputs.push && inputs.registry === 'ghcr.io') {
      for (const layer of packaged.layers) {
        if (layer.descriptor.size > GHCR_LAYER_LIMIT) {
          io.warning(
            `${inline(layer.descriptor.annotations?.[TITLE_ANNOTATION] ?? layer.descriptor.digest)} is ${formatBytes(layer.descriptor.size)}: ` +
              'ghcr.io accepts layers up to 10 GB, so the push will probably be refused.',
          );
        }
      }
    }
    const chosen = inputs.tags.length > 0 ? inputs.tags : defaultTags(packaged.info.date);
    io.info(`Export: ${inline(inputs.exportDir)}`);
    io.info(
      `Snapshot ${packaged.info.date}, ${packaged.info.entryCount} entries, LEI ${inline(packaged.info.leiVersion)}`,
    );
    io.info(contentLine(packaged.verified));
    io.info(`Manifest digest: ${packaged.digest}`);
    io.info(
      `Tags: ${chosen.join(', ')}${inputs.tags.length > 0 ? '' : ' (defaults for the snapshot date)'}`,
    );
    return { artifact: packaged, tags: chosen };
  });

  const size = artifact.blobs.reduce((sum, blob) => sum + blob.descriptor.size, 0);
  const reference = `${inputs.registry}/${inputs.repository}@${artifact.digest}`;

  const name = `${inputs.registry}/${inputs.repository}`;
  const ours = {
    digest: artifact.digest,
    date: artifact.info.date,
    created: artifact.info.created,
  };
  let pushed: PushResult | undefined;
  let tagReport: TagLine[] | undefined;
  if (inputs.push) {
    pushed = await io.group(`Push to ${inputs.registry}/${inputs.repository}`, async () => {
      const client = services.createRegistry(inputs.registry, {
        ...(inputs.credentials ? { credentials: inputs.credentials } : {}),
        onSecret: (secret) => io.setSecret(secret),
        onProgress: progressLogger((line) => io.info(line), deps.now),
        onDebug: (message) => io.debug(message),
      });
      let result: PushResult;
      try {
        result = await client.pushArtifact(inputs.repository, artifact, tags, {
          guards: isMovingTag,
          allows: (_tag, current) => movesTag(decideTag(current, ours, inputs.allowOlder)),
        });
      } catch (error) {
        throw registryFailure(
          `Pushing to ${inputs.registry}/${inputs.repository}`,
          error,
          'push',
          inputs,
        );
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
      io.info(`Pushed ${reference} (the manifest by digest, before any tag)`);
      tagReport = tagLines(result.tagPushes, ours, inputs.allowOlder, name);
      for (const line of tagReport) {
        if (line.warning) io.warning(line.log);
        else io.info(line.log);
      }
      return result;
    });
  } else {
    io.info('push is false: nothing was sent to a registry.');
  }

  if (inputs.ociLayout !== undefined) {
    const layoutDir = inputs.ociLayout;
    await io.group('Write the OCI image layout', async () => {
      await services.writeLayout(layoutDir, artifact, tags);
      io.info(`Wrote ${inline(layoutDir)} with ref names ${tags.join(', ')}`);
      io.info(
        `Copy it with: skopeo copy oci:${inline(layoutDir)}:${tags[0]} docker://<registry>/<repository>:${tags[0]}`,
      );
    });
  }

  const outputs: PushOutputs = {
    name,
    digest: artifact.digest,
    reference,
    tags: pushed ? pushed.tags : tags,
    manifest: artifact.manifestBytes.toString('utf8'),
    size,
  };
  io.setOutput('name', outputs.name);
  io.setOutput('digest', outputs.digest);
  io.setOutput('reference', outputs.reference);
  io.setOutput('tags', outputs.tags.join(','));
  io.setOutput('manifest', outputs.manifest);
  io.setOutput('size', String(outputs.size));

  if (inputs.summary) {
    await io.group('Job summary', async () => {
      const cacheLayer = artifact.layers.find(
        (blob) => blob.descriptor.mediaType === CACHE_JSONL_MEDIA_TYPE,
      );
      await io.writeSummary(
        pushSummary({
          registry: inputs.registry,
          repository: inputs.repository,
          digest: artifact.digest,
          tags,
          ...(tagReport ? { tagReport } : {}),
          pushed: inputs.push,
          size,
          cacheSize: cacheLayer?.descriptor.size ?? 0,
          ...(pushed ? { uploadedBytes: pushed.uploadedBytes } : {}),
          info: artifact.info,
          ...(inputs.ociLayout !== undefined ? { ociLayout: inputs.ociLayout } : {}),
          ...(deps.env['GITHUB_ACTION_REPOSITORY']
            ? { actionRepository: deps.env['GITHUB_ACTION_REPOSITORY'] }
            : {}),
        }),
      );
    });
  }
  return outputs;
}
