// Writes a docker archive laid out the way nixpkgs' dockerTools writes one (an uncompressed tar of
// `<sha256>/layer.tar` per layer, the config `<sha256>.json`, then manifest.json), filled with
// deterministic bytes: the same options give the same archive, byte for byte.
//
//   node bench/push/make-archive.ts OUT.tar [--seed S] [--layers 20] [--mb 200]
//                                           [--change-layer K [--variant-seed S]]
import { createCipheriv, createHash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';

export interface ArchiveOptions {
  file: string;
  seed?: string;
  layers?: number;
  /** The layers' content together; tar headers and padding come on top. */
  totalBytes?: number;
  /** Regenerates layer `layer` (0-based) from another seed; every other layer stays identical. */
  variant?: { layer: number; seed: string };
  tag?: string;
  /**
   * `alternating` (the default): even layers random, odd layers text. `mixed`: every layer's
   * files half random (first), half text, so a layer's start says nothing about its whole.
   */
  kind?: 'alternating' | 'mixed';
}

export interface ArchiveLayer {
  diffId: string;
  size: number;
  compressible: boolean;
}

export interface Archive {
  file: string;
  size: number;
  layers: ArchiveLayer[];
  configDigest: string;
}

const BLOCK = 512;
// dockerTools writes every entry with this mtime.
const MTIME = 1;
const FILE_BYTES = 2 * 1024 * 1024;
const NIX_BASE32 = '0123456789abcdfghijklmnpqrsvwxyz';

export function makeArchive(options: ArchiveOptions): Archive {
  const seed = options.seed ?? 'hypernix-bench';
  const count = options.layers ?? 20;
  const totalBytes = options.totalBytes ?? 200 * 1000 * 1000;
  const sizes = layerSizes(seed, count, totalBytes);

  const mixed = options.kind === 'mixed';
  const tars = function* () {
    for (let i = 0; i < count; i += 1) {
      const changed = options.variant?.layer === i;
      const layerSeed = changed ? `${options.variant?.seed}/layer-${i}` : `${seed}/layer-${i}`;
      // Alternate, so small and large layers of both kinds occur.
      const compressible = mixed || i % 2 === 1;
      yield { tar: layerTar(layerSeed, i, sizes[i] as number, compressible, mixed), compressible };
    }
  };
  return writeArchive(options.file, tars(), options.tag);
}

/** Writes a docker archive of these layer tars, one at a time, with a config and manifest.json. */
export function writeArchive(
  file: string,
  tars: Iterable<{ tar: Buffer; compressible: boolean }>,
  tag = 'bench/image:latest',
): Archive {
  const fd = openSync(file, 'w');
  let offset = 0;
  const put = (bytes: Buffer) => {
    writeSync(fd, bytes);
    offset += bytes.length;
  };
  const putEntry = (name: string, data: Buffer) => {
    put(header(name, data.length, '0', 0o644));
    put(data);
    put(Buffer.alloc(padding(data.length)));
  };

  try {
    const layers: ArchiveLayer[] = [];
    const layerNames: string[] = [];
    for (const { tar, compressible } of tars) {
      const diffId = sha256(tar);
      const name = `${diffId.slice('sha256:'.length)}/layer.tar`;
      putEntry(name, tar);
      layers.push({ diffId, size: tar.length, compressible });
      layerNames.push(name);
    }
    const config = Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        created: '1970-01-01T00:00:01Z',
        config: { Cmd: ['/bin/sh'] },
        rootfs: { type: 'layers', diff_ids: layers.map((layer) => layer.diffId) },
      }),
    );
    const configDigest = sha256(config);
    const configName = `${configDigest.slice('sha256:'.length)}.json`;
    putEntry(configName, config);
    const manifest = [{ Config: configName, RepoTags: [tag], Layers: layerNames }];
    putEntry('manifest.json', Buffer.from(JSON.stringify(manifest)));
    put(Buffer.alloc(2 * BLOCK));
    return { file, size: offset, layers, configDigest };
  } finally {
    closeSync(fd);
  }
}

/** Uneven sizes (0.4x to 1.6x the mean) fixed by the base seed, so a variant keeps them. */
function layerSizes(seed: string, count: number, totalBytes: number): number[] {
  const noise = byteStream(`${seed}/sizes`)(count);
  const weights = [...noise].map((byte) => 0.4 + (1.2 * byte) / 255);
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((weight) => Math.round((totalBytes * weight) / sum));
}

/** One store path under /nix/store, split into files of at most FILE_BYTES. */
function layerTar(
  seed: string,
  index: number,
  bytes: number,
  compressible: boolean,
  mixed = false,
): Buffer {
  const take = byteStream(seed);
  const hash = [...take(32)].map((byte) => NIX_BASE32[byte % 32]).join('');
  const storePath = `nix/store/${hash}-bench-${compressible ? 'doc' : 'data'}-${index}`;
  const parts: Buffer[] = [];
  for (const dir of ['nix/', 'nix/store/', `${storePath}/`, `${storePath}/share/`]) {
    parts.push(header(dir, 0, '5', 0o555));
  }
  for (let file = 0, left = bytes; left > 0; file += 1) {
    // Mixed layers have many files, so that each layer has both kinds whatever its size.
    const size = Math.min(mixed ? FILE_BYTES / 8 : FILE_BYTES, left);
    left -= size;
    // Mixed: random files up to half the layer, text after.
    const isText = mixed ? left < bytes / 2 : compressible;
    const data = isText ? text(take, size) : take(size);
    const name = `${storePath}/share/${isText ? 'doc' : 'blob'}-${file}.${isText ? 'txt' : 'bin'}`;
    parts.push(header(name, size, '0', 0o444), data, Buffer.alloc(padding(size)));
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}

// Shell-script and config-like lines: gzip finds the repeats, while a random hex field per line
// and the choice of line keep it from collapsing them entirely.
const PHRASES = Array.from({ length: 64 }, (_, i) => {
  const words = [
    'export',
    'PATH',
    'exec',
    'config',
    'lib',
    'share',
    'bin',
    'etc',
    'option',
    'value',
  ];
  const word = (k: number) => words[(i * 7 + k * 3) % words.length] as string;
  return `${word(0)} ${word(1)}=/nix/store/${word(2)}-${i}/${word(3)}/${word(4)} # ${word(5)} `;
});

/** About 80% lines of text, then zeros, as in sparse data files. */
function text(take: (count: number) => Buffer, size: number): Buffer {
  const out = Buffer.alloc(size);
  const textEnd = Math.floor(size * 0.8);
  let noise: Buffer = Buffer.alloc(0);
  let k = 0;
  for (let at = 0; at < textEnd; k += 4) {
    if (k + 4 > noise.length) {
      noise = take(4096);
      k = 0;
    }
    const phrase = PHRASES[(noise[k] as number) % PHRASES.length] as string;
    at += out.write(`${phrase}${noise.toString('hex', k + 1, k + 4)}\n`, at, 'latin1');
  }
  return out;
}

/** A deterministic byte stream: AES-128-CTR over zeros, keyed by the seed. */
function byteStream(seed: string): (count: number) => Buffer {
  const key = createHash('sha256').update(seed).digest().subarray(0, 16);
  const cipher = createCipheriv('aes-128-ctr', key, Buffer.alloc(16));
  return (count) => cipher.update(Buffer.alloc(count));
}

export function header(name: string, size: number, type: '0' | '5', mode: number): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar name longer than 100 bytes: ${name}`);
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 'utf8');
  block.write(octal(mode, 8), 100, 'latin1');
  block.write(octal(0, 8), 108, 'latin1');
  block.write(octal(0, 8), 116, 'latin1');
  block.write(octal(size, 12), 124, 'latin1');
  block.write(octal(MTIME, 12), 136, 'latin1');
  block.write(' '.repeat(8), 148, 'latin1');
  block.write(type, 156, 'latin1');
  block.write('ustar\u000000', 257, 'latin1');
  let checksum = 0;
  for (const byte of block) checksum += byte;
  block.write(`${checksum.toString(8).padStart(6, '0')}\u0000 `, 148, 'latin1');
  return block;
}

/** A NUL-terminated octal field of `width` bytes. */
function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\u0000`;
}

export function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

function sha256(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      seed: { type: 'string' },
      layers: { type: 'string' },
      mb: { type: 'string' },
      'change-layer': { type: 'string' },
      'variant-seed': { type: 'string', default: 'variant' },
    },
  });
  const file = positionals[0];
  if (!file) {
    console.error(
      'usage: make-archive.ts OUT.tar [--seed S] [--layers N] [--mb M] [--change-layer K]',
    );
    process.exit(2);
  }
  const changeLayer = values['change-layer'];
  const archive = makeArchive({
    file,
    seed: values.seed,
    layers: values.layers === undefined ? undefined : Number(values.layers),
    totalBytes: values.mb === undefined ? undefined : Number(values.mb) * 1000 * 1000,
    variant:
      changeLayer === undefined
        ? undefined
        : { layer: Number(changeLayer), seed: values['variant-seed'] },
  });
  console.log(JSON.stringify(archive, null, 2));
}
