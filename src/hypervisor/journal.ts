import { HypernixError } from '../util/errors.js';
import { VM_NAME_RE } from './spec.js';

/**
 * What a deploy leaves behind if its process is cut off (a cancelled job, a killed runner): the
 * heartbeat file that keeps its lock, and the VMs it was in the middle of making. The deploy tells
 * the journal as it goes; the deploy action keeps it in the job's state so that its post step can
 * undo exactly that (recover.ts). Everything else a cut-off apply leaves, the next apply finishes.
 */
export interface DeployJournal {
  locked(beat: string): void;
  unlocked(): void;
  creating(name: string): void;
  /** The creation ended: the VM was made, or undone after a failure. */
  settled(name: string): void;
}

export interface JournalState {
  /** The heartbeat file of the lock this deploy holds; removing it frees the lock in a second. */
  beat?: string;
  /** VMs whose creation began and did not end (neither made nor undone). */
  creating: string[];
}

/** A journal that keeps its state in memory and hands each change to `save`. */
export function recordingJournal(save: (state: JournalState) => void): DeployJournal {
  const state: JournalState = { creating: [] };
  const changed = () => save({ ...state, creating: [...state.creating] });
  return {
    locked(beat) {
      state.beat = beat;
      changed();
    },
    unlocked() {
      delete state.beat;
      changed();
    },
    creating(name) {
      state.creating = [...state.creating.filter((other) => other !== name), name];
      changed();
    },
    settled(name) {
      state.creating = state.creating.filter((other) => other !== name);
      changed();
    },
  };
}

export class JournalError extends HypernixError {
  override name = 'JournalError';
}

const BEAT = /\/\.hypernix\.lock\.[0-9a-f]{16}\.beat$/;

/**
 * Reads a saved journal back. It comes from the job's state file, which any step of the job can
 * write: only a beat file in the pool and plain VM names are accepted.
 */
export function parseJournal(text: string, pool: string): JournalState | undefined {
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new JournalError('the deploy journal in the job state is not JSON');
  }
  const record = (value ?? {}) as { beat?: unknown; creating?: unknown };
  const beat = record.beat;
  if (
    beat !== undefined &&
    (typeof beat !== 'string' ||
      !beat.startsWith(`${pool}/`) ||
      !BEAT.test(beat) ||
      beat.slice(pool.length + 1).includes('/'))
  )
    throw new JournalError(`the deploy journal names a lock outside the pool ${pool}`);
  const creating = record.creating ?? [];
  if (
    !Array.isArray(creating) ||
    !creating.every((name) => typeof name === 'string' && VM_NAME_RE.test(name))
  )
    throw new JournalError('the deploy journal names VMs that are not VM names');
  return { beat, creating: creating as string[] };
}
