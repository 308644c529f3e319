import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { InputError } from '../util/errors.js';
import { quoteArg, shellCommand } from './quote.js';

const hostile = [
  'a;rm -rf /',
  '$(id)',
  '`id`',
  'line one\nline two',
  "it's",
  "''",
  '"double" \\ back\\slash',
  '',
  '-rf',
  '--help',
  'ünïcødé ✓ 日本語 🚀',
  '$HOME ${PATH} $((1+1))',
  'a=b',
  '~root',
  '*',
  '?',
  '[ab]',
  '!',
  '#comment',
  'tab\there',
  '\r\n',
  '| > < & { } ( )',
  "'\\''",
];

/** Runs `printf '%s\0' ARGS...` through a real /bin/sh and splits the NUL-separated echo. */
function roundTrip(args: readonly string[]): string[] {
  const line = shellCommand(['printf', '%s\\0', ...args]);
  const result = spawnSync('/bin/sh', ['-c', line], { encoding: 'utf8' });
  expect(result.status).toBe(0);
  return result.stdout.split('\0').slice(0, -1);
}

describe('shellCommand', () => {
  it('round-trips hostile arguments exactly through a real POSIX shell', () => {
    expect(roundTrip(hostile)).toEqual(hostile);
  });

  it('round-trips each hostile argument on its own as the program name too', () => {
    for (const arg of hostile.filter((a) => a !== '')) {
      const result = spawnSync('/bin/sh', ['-c', `${shellCommand([arg])} 2>/dev/null; echo $?`], {
        encoding: 'utf8',
      });
      // Nothing runs: every word is looked up as one (missing) program, exit 127.
      expect({ arg, status: result.stdout.trim() }).toEqual({ arg, status: '127' });
    }
  });

  it('leaves plain words readable and quotes the rest', () => {
    expect(shellCommand(['ls', 'a-b', '/var/lib/x.qcow2'])).toBe('ls a-b /var/lib/x.qcow2');
    expect(shellCommand(['-rf', '-la'])).toBe("'-rf' '-la'");
    expect(quoteArg('')).toBe("''");
    expect(quoteArg('a b')).toBe("'a b'");
    expect(quoteArg("it's")).toBe("'it'\\''s'");
    expect(quoteArg('a=b')).toBe("'a=b'");
  });

  it('refuses a NUL byte and an empty command with one line', () => {
    expect(() => quoteArg('a\0b')).toThrow(InputError);
    expect(() => quoteArg('a\0b')).toThrow(/contains a NUL byte/);
    expect(() => shellCommand([])).toThrow(/at least a program name/);
  });
});
