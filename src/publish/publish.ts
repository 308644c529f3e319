import type { BuildResult } from '../build/build-image.js';
import { defaultTags, type PushConfig } from '../config/push.js';
import { pushArtifact, type ArtifactPushResult } from '../oci/artifact/push-artifact.js';
import type { PushResult } from '../oci/push/push-image.js';
import type { Reporter } from '../util/reporter.js';
import { InputError } from '../util/errors.js';
import { pushArchive } from '../oci/push/push-archive.js';
import { connectRegistry } from './registry-login.js';

export type PublishResult =
  | { kind: 'image'; registry: string; result: PushResult }
  | { kind: 'qcow2'; registry: string; result: ArtifactPushResult };

/**
 * Pushes what a build produced: the container image, or the qcow2 as an OCI artifact, to
 * `image` under the given tags (default: the commit SHA and the branch name).
 */
export async function publishBuild(
  build: BuildResult,
  config: PushConfig,
  reporter: Reporter,
  options: {
    labels: { image: string; tags: string };
    github?: { token?: string; actor?: string };
    env?: NodeJS.ProcessEnv;
  },
): Promise<PublishResult> {
  const image = config.image;
  if (!image) throw new InputError(`${options.labels.image}: required when push is true`);
  const tags = [
    ...new Set([
      ...(image.tag ? [image.tag] : []),
      ...(config.tags.length > 0 ? config.tags : defaultTags(options.env)),
    ]),
  ];
  if (tags.length === 0) {
    throw new InputError(
      `${options.labels.tags}: no tag to push (none given, and no GITHUB_SHA or GITHUB_REF_NAME to default to)`,
    );
  }
  const client = await connectRegistry(
    {
      registry: image.registry,
      username: config.registryUsername,
      password: config.registryPassword,
      plainHttp: config.plainHttp,
      github: options.github,
    },
    reporter,
  );
  if (build.kind === 'container' && build.archive) {
    // The format findDockerArchive saw: `stream` only for a build output that is an
    // executable script (a streamLayeredImage), which is then run.
    const { path: archive, format } = build.archive;
    const result = await reporter.group(`push ${image.registry}/${image.repository}`, () =>
      pushArchive(
        archive,
        'archive',
        { client, repository: image.repository, tags, reporter },
        config,
        format,
      ),
    );
    return { kind: 'image', registry: image.registry, result };
  }
  if (build.kind === 'qcow2' && build.qcow2) {
    const qcow2 = build.qcow2;
    const result = await reporter.group(
      `push ${image.registry}/${image.repository} (qcow2 artifact)`,
      () =>
        pushArtifact(qcow2.path, {
          client,
          repository: image.repository,
          tags,
          compression: config.compression,
          level: config.level,
          outPath: build.outPath,
          reporter,
        }),
    );
    return { kind: 'qcow2', registry: image.registry, result };
  }
  throw new InputError(
    `input 'push': applies to kind qcow2 and container; kind ${build.kind} has nothing to push`,
  );
}
