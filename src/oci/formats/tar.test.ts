import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readTar } from './tar.js';
import { tempDir } from '../../../test/helpers/temp.js';

/** Makes a real tar with GNU tar (the format dockerTools' layers use) and returns its bytes. */
function makeTar(files: Record<string, string>, format: 'gnu' | 'pax' | 'ustar'): Buffer {
  const dir = tempDir('tar-test-');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, 'root', name, '..'), { recursive: true });
    writeFileSync(join(dir, 'root', name), content);
  }
  execFileSync('tar', [
    `--format=${format}`,
    '--sort=name',
    '-C',
    join(dir, 'root'),
    '-cf',
    join(dir, 'out.tar'),
    '.',
  ]);
  return readFileSync(join(dir, 'out.tar'));
}

/** Feeds bytes in small uneven chunks, as a pipe would. */
function chunked(bytes: Buffer, size = 333): Readable {
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.subarray(i, i + size));
  return Readable.from(pieces);
}

const longName = `nix/store/${'a'.repeat(32)}-${'very-long-store-path-name-'.repeat(6)}/share/doc/README`;

describe('readTar', () => {
  it.each(['gnu', 'pax', 'ustar'] as const)(
    'reads names, types and contents of a %s tar',
    async (format) => {
      const files = { 'small.txt': 'hello', 'dir/big.bin': 'x'.repeat(70_000) };
      const seen: Record<string, string> = {};
      const types: string[] = [];
      for await (const entry of readTar(chunked(makeTar(files, format)))) {
        types.push(`${entry.name}:${entry.type}`);
        if (entry.type === 'file')
          seen[entry.name.replace(/^\.\//, '')] = (await entry.readAll()).toString();
      }
      expect(seen).toEqual(files);
      expect(types).toContain('./dir/:directory');
    },
  );

  it('reads names longer than 100 bytes (GNU long names and PAX paths)', async () => {
    for (const format of ['gnu', 'pax'] as const) {
      const names: string[] = [];
      for await (const entry of readTar(chunked(makeTar({ [longName]: 'doc' }, format))))
        names.push(entry.name);
      expect(names).toContain(`./${longName}`);
    }
  });

  it('skips contents nobody reads', async () => {
    const names: string[] = [];
    for await (const entry of readTar(chunked(makeTar({ a: '1'.repeat(5000), b: '2' }, 'gnu'))))
      names.push(entry.name);
    expect(names).toEqual(['./', './a', './b']);
  });

  it('says when the input is not a tar, or ends early', async () => {
    const read = async (bytes: Buffer) => {
      for await (const entry of readTar(chunked(bytes))) await entry.readAll();
    };
    await expect(read(Buffer.from('<html>not a tar</html>'.padEnd(600, ' ')))).rejects.toThrow(
      /not a tar archive/,
    );
    await expect(read(Buffer.alloc(0))).rejects.toThrow(/empty input/);
    const whole = makeTar({ a: 'x'.repeat(4000) }, 'gnu');
    await expect(read(whole.subarray(0, 2048))).rejects.toThrow(/truncated/);
  });
});

describe('indexTarFile', () => {
  it('finds every entry and the offset of its data without reading the data', async () => {
    const { indexTarFile } = await import('./tar-index.js');
    const bytes = makeTar(
      { 'a.txt': 'alpha', [longName]: 'doc', 'big.bin': 'z'.repeat(9_000) },
      'gnu',
    );
    const file = join(tempDir('tar-index-'), 'x.tar');
    writeFileSync(file, bytes);
    const index = await indexTarFile(file);
    for (const [name, content] of [
      ['a.txt', 'alpha'],
      [longName, 'doc'],
      ['big.bin', 'z'.repeat(9_000)],
    ] as const) {
      const entry = index.get(name);
      expect(entry, name).toBeDefined();
      const { offset, size } = entry as { offset: number; size: number };
      expect(bytes.subarray(offset, offset + size).toString()).toBe(content);
    }
  });

  it('says when a file is not a tar or is cut short', async () => {
    const { indexTarFile } = await import('./tar-index.js');
    const dir = tempDir('tar-index-');
    writeFileSync(join(dir, 'html'), '<html>'.padEnd(1024, ' '));
    await expect(indexTarFile(join(dir, 'html'))).rejects.toThrow(/not a tar archive/);
    writeFileSync(join(dir, 'cut.tar'), makeTar({ a: 'x'.repeat(4000) }, 'gnu').subarray(0, 2048));
    await expect(indexTarFile(join(dir, 'cut.tar'))).rejects.toThrow(/truncated/);
  });
});
