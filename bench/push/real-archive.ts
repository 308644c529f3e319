// A docker archive of this machine's own files: each layer a tar of one /usr directory (binaries,
// libraries, text, gzipped manuals), up to a share of the wanted size, files in name order. What
// users push is mostly such files, not random or generated text.
//
//   node bench/push/real-archive.ts OUT.tar [--mb 120] [--changed]
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type Archive, header, padding, writeArchive } from './make-archive.ts';

/** Directory, and its share of the archive. Those missing on a machine are skipped. */
const SOURCES: [string, number][] = [
  ['/usr/bin', 0.2], // executables
  ['/usr/lib/x86_64-linux-gnu', 0.25], // shared libraries
  ['/usr/share/perl', 0.15], // text (perl modules)
  ['/usr/share/man', 0.15], // gzipped manuals: already compressed
  ['/usr/share/i18n', 0.1], // text (locale sources)
  ['/usr/libexec', 0.15], // executables
];
const BLOCK = 512;
const MAX_NAME = 100;

export interface RealArchiveOptions {
  file: string;
  /** About this many MB of file content in all. */
  megabytes: number;
  /** Adds one small file to the third layer: the one-layer-changed image. */
  changed?: boolean;
}

export function makeRealArchive(options: RealArchiveOptions): Archive {
  const tars = function* () {
    for (const [index, [dir, share]] of SOURCES.entries()) {
      const extra = options.changed === true && index === 2;
      yield { tar: dirTar(dir, share * options.megabytes * 1e6, extra), compressible: true };
    }
  };
  return writeArchive(options.file, tars(), 'bench/real:latest');
}

/** Regular files under `dir` in name order (depth first) up to `budget` bytes, as one tar. */
function dirTar(dir: string, budget: number, extra: boolean): Buffer {
  const parts: Buffer[] = [];
  let used = 0;
  const walk = (path: string) => {
    let names: string[];
    try {
      names = readdirSync(path).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (used >= budget) return;
      const full = join(path, name);
      const entry = full.slice(1); // tar names are relative
      if (Buffer.byteLength(entry) + 1 > MAX_NAME) continue;
      const stat = lstatSync(full, { throwIfNoEntry: false });
      if (!stat) continue;
      if (stat.isDirectory()) {
        parts.push(header(`${entry}/`, 0, '5', 0o555));
        walk(full);
      } else if (stat.isFile() && stat.size <= budget - used) {
        let data: Buffer;
        try {
          data = readFileSync(full);
        } catch {
          continue;
        }
        parts.push(
          header(entry, data.length, '0', 0o444),
          data,
          Buffer.alloc(padding(data.length)),
        );
        used += data.length;
      }
    }
  };
  walk(dir);
  if (extra) {
    const data = Buffer.from(`changed ${new Date(0).toISOString()}\n`);
    parts.push(header(`${dir.slice(1)}/zz-bench-changed`, data.length, '0', 0o444), data);
    parts.push(Buffer.alloc(padding(data.length)));
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { mb: { type: 'string', default: '120' }, changed: { type: 'boolean' } },
  });
  const file = positionals[0];
  if (!file) {
    console.error('usage: real-archive.ts OUT.tar [--mb 120] [--changed]');
    process.exit(2);
  }
  const archive = makeRealArchive({
    file,
    megabytes: Number(values.mb),
    changed: values.changed === true,
  });
  console.log(JSON.stringify(archive, null, 2));
}
