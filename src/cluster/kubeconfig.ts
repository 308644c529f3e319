import { open, rename, rm } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import type { Reporter } from '../util/reporter.js';
import { ADMIN_CONF, ClusterError, type ClusterNode } from './node.js';

/**
 * The admin kubeconfig, fetched from the control plane and written 0600 on the runner (temp
 * file, then rename), its server rewritten to the address the runner reaches. Never printed:
 * its key data is masked as soon as it is read.
 */
export async function fetchKubeconfig(
  controlPlane: ClusterNode,
  server: string,
  destination: string,
  reporter: Reporter,
): Promise<void> {
  const text = (await controlPlane.host.readFile(ADMIN_CONF, { maxBytes: 256 * 1024 })).toString();
  for (const match of text.matchAll(/(?:client-key-data|token|client-certificate-data):\s*(\S+)/g))
    if (match[1]) reporter.mask(match[1]);
  const doc = parseDocument(text);
  const clusters = doc.toJS() as { clusters?: { cluster?: { server?: string } }[] } | null;
  if (doc.errors.length > 0 || !Array.isArray(clusters?.clusters) || clusters.clusters.length === 0)
    throw new ClusterError(`${controlPlane.name}: ${ADMIN_CONF} is not a kubeconfig with clusters`);
  clusters.clusters.forEach((_, index) =>
    doc.setIn(['clusters', index, 'cluster', 'server'], server),
  );
  const temporary = `${destination}.${process.pid}.tmp`;
  const handle = await open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(doc.toString({ lineWidth: 0 }));
    await handle.close();
    await rename(temporary, destination);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
  reporter.info(`kubeconfig written to ${destination} (0600, server ${server})`);
}
