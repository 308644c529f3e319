import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { parseAllDocuments, stringify } from 'yaml';
import { InputError } from '../util/errors.js';
import type { CniSpec } from './spec.js';

/**
 * Manifests read on the runner before anything changes: the CNI's (a file or an https URL,
 * pinned by sha256) and the workload's (files, with every container's image set to the pushed
 * digest). Hostile text: bounded in size, parsed as YAML, never executed.
 */

const MAX_MANIFEST_BYTES = 8 << 20;

async function readBounded(path: string, what: string): Promise<Buffer> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new InputError(`${what}: no such file ${path}`);
  if (info.size > MAX_MANIFEST_BYTES)
    throw new InputError(`${what}: ${path} is ${info.size} bytes; at most 8 MiB`);
  return readFile(path);
}

async function download(url: string, what: string): Promise<Buffer> {
  const response = await fetch(url, { signal: AbortSignal.timeout(60_000), redirect: 'follow' });
  if (!response.ok) throw new InputError(`${what}: GET ${url} answered ${response.status}`);
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_MANIFEST_BYTES) throw new InputError(`${what}: ${url} is over 8 MiB`);
  const body = Buffer.from(await response.arrayBuffer());
  if (body.length > MAX_MANIFEST_BYTES) throw new InputError(`${what}: ${url} is over 8 MiB`);
  return body;
}

type Doc = Record<string, unknown>;

/** Parses a multi-document manifest; each document must be a Kubernetes object. */
export function parseManifest(text: string, what: string): Doc[] {
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [docs];
  const objects: Doc[] = [];
  for (const doc of list) {
    if (doc.errors.length > 0)
      throw new InputError(`${what} is not valid YAML: ${doc.errors[0]?.message.split('\n')[0]}`);
    const value = doc.toJS({ maxAliasCount: 50 }) as unknown;
    if (value === null || value === undefined) continue;
    if (
      typeof value !== 'object' ||
      Array.isArray(value) ||
      !('kind' in value) ||
      !('apiVersion' in value)
    )
      throw new InputError(
        `${what}: expected Kubernetes objects (apiVersion, kind) in every document`,
      );
    objects.push(value as Doc);
  }
  if (objects.length === 0) throw new InputError(`${what}: no Kubernetes object in it`);
  return objects;
}

/** The CNI manifest, checked against its pin and (flannel, calico) the pod subnet. */
export async function loadCni(cni: CniSpec, podSubnet: string, what: string): Promise<string> {
  const bytes =
    cni.source.kind === 'url'
      ? await download(cni.source.url, what)
      : await readBounded(cni.source.path, what);
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (digest !== cni.sha256)
    throw new InputError(`${what}: sha256 is ${digest}, the config pins ${cni.sha256}`);
  const text = bytes.toString('utf8');
  parseManifest(text, what);
  const network =
    cni.name === 'flannel'
      ? /"Network":\s*"([0-9./]+)"/.exec(text)?.[1]
      : /^\s*-?\s*name:\s*CALICO_IPV4POOL_CIDR\s*\n\s*value:\s*"?([0-9./]+)"?/m.exec(text)?.[1];
  if (network && network !== podSubnet)
    throw new InputError(
      `${what}: the ${cni.name} manifest's pod network is ${network} but cluster.pod-subnet is ${podSubnet}; make them the same`,
    );
  return text;
}

const POD_SPEC_PATHS = [
  ['spec'],
  ['spec', 'template', 'spec'],
  ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
];

function containersOf(doc: Doc): Doc[] {
  const found: Doc[] = [];
  for (const path of POD_SPEC_PATHS) {
    let node: unknown = doc;
    for (const key of path) node = (node as Doc | undefined)?.[key];
    if (!node || typeof node !== 'object') continue;
    for (const key of ['containers', 'initContainers']) {
      const list = (node as Doc)[key];
      if (Array.isArray(list))
        found.push(...(list.filter((c) => c && typeof c === 'object') as Doc[]));
    }
  }
  return found;
}

/** The workload's manifests as one text, every container's image set to `image`. */
export async function loadWorkload(files: readonly string[], image: string): Promise<string> {
  const objects: Doc[] = [];
  for (const file of files) {
    const what = `workload manifest ${file}`;
    const docs = parseManifest((await readBounded(file, what)).toString('utf8'), what);
    for (const doc of docs) for (const container of containersOf(doc)) container.image = image;
    objects.push(...docs);
  }
  if (!objects.some((doc) => containersOf(doc).length > 0))
    throw new InputError(`cluster.workload.manifests: no container to put ${image} in`);
  return objects.map((doc) => stringify(doc, { lineWidth: 0 })).join('---\n');
}
