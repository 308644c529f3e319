// Whether the file system a bench writes into has a journal: on an ext4 without one (this VM's
// disk), the kernel skips every inode deleted in the last 60 s whenever it allocates one, so the
// bench's repeated restores make file creation slow, the tar's most (see README.md, third pass).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { basename } from 'node:path';

/** A warning line when `dir` is on an ext4 without a journal; undefined otherwise. */
export function journalWarning(dir: string): string | undefined {
  let mount: string;
  try {
    mount = execFileSync('findmnt', ['-no', 'SOURCE,FSTYPE', '-T', dir], { encoding: 'utf8' });
  } catch {
    return undefined; // no findmnt: say nothing rather than guess
  }
  const [source = '', type = ''] = mount.trim().split(/\s+/);
  if (type !== 'ext4' || !existsSync('/proc/fs/jbd2')) return undefined;
  const device = basename(source);
  if (readdirSync('/proc/fs/jbd2').some((name) => name.startsWith(`${device}-`))) return undefined;
  return `${dir} is on an ext4 without a journal (${source}): file creation there is slowed by the bench's own deletions, the tar's most; restore into a journaled file system with --target or TMPDIR (README.md)`;
}
