import { underLock, type DeployContext } from './deploy.js';
import type { JournalState } from './journal.js';
import { Virsh } from './libvirt.js';
import { discardVm, vmFiles } from './vm-lifecycle.js';

/**
 * Undoes what a deploy that was cut off mid-way left (its journal says what): frees its lock at
 * once instead of after the heartbeat goes stale, then removes each VM whose creation had begun
 * and not ended — a domain defined but never started, or a disk without a domain. A VM of that
 * list that is running was started before the cut and is complete: it is kept. Returns one line
 * per thing done, for the log.
 */
export async function recoverInterrupted(
  context: DeployContext,
  journal: JournalState,
): Promise<string[]> {
  const { config, host } = context;
  const done: string[] = [];
  if (journal.beat) {
    await host.exec(['rm', '-f', '--', journal.beat]);
    done.push('freed the deploy lock the cut-off deploy held');
  }
  if (journal.creating.length === 0) return done;
  const virsh = new Virsh(host, config.hypervisor['libvirt-uri']);
  // A fresh lock of our own, without a journal: this undo must not leave one to undo.
  await underLock({ ...context, journal: undefined }, async () => {
    for (const name of journal.creating) {
      const state = await virsh.state(name);
      if (state === 'running') {
        done.push(`kept VM ${name}: it was started before the cut`);
        continue;
      }
      if (state !== undefined) {
        const facts = await virsh.facts(name);
        if (facts.record?.deployment !== config.deployment) {
          done.push(`left domain ${name}: it is not of deployment ${config.deployment}`);
          continue;
        }
      }
      await discardVm(
        { virsh, host },
        name,
        state !== undefined,
        vmFiles(config.hypervisor.pool, name),
      );
      done.push(
        state === undefined
          ? `removed the disk of VM ${name}, whose creation was cut off`
          : `removed VM ${name} (${state}), whose creation was cut off`,
      );
    }
  });
  return done;
}
