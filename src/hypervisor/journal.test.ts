import { describe, expect, it } from 'vitest';
import { parseJournal, recordingJournal, type JournalState } from './journal.js';

const POOL = '/var/lib/hypernix/pool';
const BEAT = `${POOL}/.hypernix.lock.0123456789abcdef.beat`;

describe('the deploy journal', () => {
  it('hands every change to save: the lock, then each VM from creating to settled', () => {
    const saved: JournalState[] = [];
    const journal = recordingJournal((state) => saved.push(state));
    journal.locked(BEAT);
    journal.creating('web-1');
    journal.creating('web-2');
    journal.settled('web-1');
    journal.unlocked();
    expect(saved).toEqual([
      { beat: BEAT, creating: [] },
      { beat: BEAT, creating: ['web-1'] },
      { beat: BEAT, creating: ['web-1', 'web-2'] },
      { beat: BEAT, creating: ['web-2'] },
      { creating: ['web-2'] },
    ]);
  });

  it('reads back what it saved', () => {
    const text = JSON.stringify({ beat: BEAT, creating: ['cp-1'] });
    expect(parseJournal(text, POOL)).toEqual({ beat: BEAT, creating: ['cp-1'] });
    expect(parseJournal('', POOL)).toBeUndefined();
  });

  it.each([
    ['not JSON', '{beat', /not JSON/],
    [
      'a beat outside the pool',
      JSON.stringify({ beat: '/etc/passwd', creating: [] }),
      /outside the pool/,
    ],
    [
      'a beat in a sub-folder',
      JSON.stringify({ beat: `${POOL}/x/.hypernix.lock.0123456789abcdef.beat`, creating: [] }),
      /outside the pool/,
    ],
    [
      'a beat that climbs out',
      JSON.stringify({ beat: `${POOL}/../.hypernix.lock.0123456789abcdef.beat`, creating: [] }),
      /outside the pool/,
    ],
    ['a VM name with a shell', JSON.stringify({ creating: ['a;rm -rf /'] }), /not VM names/],
    ['a VM name that is an option', JSON.stringify({ creating: ['--all'] }), /not VM names/],
    ['creating that is not a list', JSON.stringify({ creating: 'web-1' }), /not VM names/],
  ])('refuses %s (the job state is written by any step)', (_, text, message) => {
    expect(() => parseJournal(text, POOL)).toThrow(message);
  });
});
