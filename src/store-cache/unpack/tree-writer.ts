import {
  chmodSync,
  closeSync,
  constants,
  fchmodSync,
  futimesSync,
  lutimesSync,
  mkdirSync,
  openSync,
  symlinkSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { NarSink } from './nar-parser.js';

const CREATE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/**
 * Writes a parsed NAR as a new tree at `root` (which must not exist), with the metadata Nix
 * gives store paths: mode 0444, or 0555 for executables and directories, mtime 1 (epoch + 1 s),
 * owned by whoever runs this (root on a multi-user store). Every file, directory and symlink is
 * created new (O_EXCL, mkdir, symlink all fail on an existing name) and O_NOFOLLOW, and the
 * parser's names are plain names, so nothing is written outside `root` and no symlink is
 * followed. Writes are synchronous: a store path is many small files, for which one system call
 * each beats a trip through the thread pool.
 */
export class TreeWriter implements NarSink {
  private fd = -1;
  private mode = 0o444;

  constructor(private readonly root: string) {}

  private at(path: string): string {
    return path === '' ? this.root : join(this.root, path);
  }

  directory(path: string): void {
    mkdirSync(this.at(path), 0o755); // writable until its entries are in
  }

  directoryEnd(path: string): void {
    const target = this.at(path);
    chmodSync(target, 0o555);
    utimesSync(target, 1, 1); // after its entries: adding them set it to now
  }

  file(path: string, executable: boolean, size: number): void {
    void size;
    this.mode = executable ? 0o555 : 0o444;
    this.fd = openSync(this.at(path), CREATE, this.mode);
  }

  data(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      offset += writeSync(this.fd, chunk, offset, chunk.length - offset);
    }
  }

  fileEnd(): void {
    fchmodSync(this.fd, this.mode); // whatever the umask took away
    futimesSync(this.fd, 1, 1);
    closeSync(this.fd);
    this.fd = -1;
  }

  symlink(path: string, target: string): void {
    const link = this.at(path);
    symlinkSync(target, link);
    lutimesSync(link, 1, 1);
  }

  /** Closes a file left open by a NAR that failed half way. */
  abandon(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}
