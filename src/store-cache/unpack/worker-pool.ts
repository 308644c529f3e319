import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { NarError } from './nar-parser.js';
import { siblingBundle } from './sibling-bundle.js';
import { WHOLE_NAR_MAX, type NarJob } from './unpack-nar.js';

/** A NAR for a thread to unpack. */
export interface WorkerRequest {
  id: number;
  job: NarJob;
}

/** A thread's answer: the NAR is unpacked and verified, or `error` says why not. */
export interface WorkerReply {
  id: number;
  error?: string;
}

/** How many threads unpack (0: this thread does, as without the worker's bundle). */
export const THREADS_VARIABLE = 'HYPERNIX_UNPACK_THREADS';

// The bytes of the NARs handed to threads and not finished: a NAR up to WHOLE_NAR_MAX is read
// and decoded whole (its file and the NAR: about twice its size); a larger one streams (1 MB
// reads, 64 kB decodes). The cap holds memory to about this much whatever the core count.
export const BYTES_IN_FLIGHT = 128 << 20;
const STREAM_BYTES = 4 << 20;
// NARs queued at a thread beyond the one it unpacks: it never waits for the next message.
const QUEUED_PER_THREAD = 2;

/** What a NAR costs in memory while a thread unpacks it. */
export const charge = (job: NarJob) =>
  job.narSize > WHOLE_NAR_MAX ? STREAM_BYTES : 2 * job.narSize + 1024;

interface Slot {
  worker: Worker;
  jobs: Map<number, Pending>;
  dead?: string;
}

interface Pending {
  job: NarJob;
  wanted: () => boolean;
  resolve: () => void;
  reject: (error: NarError) => void;
}

/**
 * Worker threads that unpack NARs side by side, one NAR per thread at a time, so decoding,
 * hashing and writing use every core (issue 22). NARs go to the least busy thread, with no more
 * than BYTES_IN_FLIGHT of them (by charge) handed out. A thread that dies fails the NARs it
 * held, with one line; the others go on, and with none left the rest fail too. The caller
 * removes the trees of failed NARs (a dead thread may have left one).
 */
export class UnpackPool {
  private readonly slots: Slot[];
  private readonly queue: { id: number; pending: Pending; skip: () => void }[] = [];
  private inFlight = 0;
  private nextId = 0;
  private closed?: Promise<void>;

  /** `file`: the worker's script; `budget`: the cap on bytes in flight (BYTES_IN_FLIGHT). */
  constructor(
    file: string,
    threads: number,
    private readonly budget = BYTES_IN_FLIGHT,
  ) {
    this.slots = Array.from({ length: threads }, () => this.startSlot(file));
  }

  /**
   * Starts the threads (they boot while the caller does other work), or returns undefined when
   * this runs from the sources (no bundled worker beside it) or is told to use no thread.
   */
  static start(): UnpackPool | undefined {
    const asked = process.env[THREADS_VARIABLE];
    const threads = asked ? Number(asked) : Math.min(availableParallelism(), 16);
    const file = siblingBundle('unpack-worker');
    if (!Number.isInteger(threads) || threads < 1 || !file) return undefined;
    return new UnpackPool(file, threads);
  }

  /**
   * Unpacks one NAR on a thread, if still `wanted` when its turn comes: resolves with whether it
   * was unpacked; rejects with a NarError saying why it could not be.
   */
  unpack(job: NarJob, wanted: () => boolean = () => true): Promise<boolean> {
    return new Promise((resolve, reject) => {
      const pending = { job, wanted, resolve: () => resolve(true), reject };
      this.queue.push({ id: this.nextId++, pending, skip: () => resolve(false) });
      this.dispatch();
    });
  }

  /** Stops the threads (after the work, or to abandon it). */
  close(): Promise<void> {
    this.closed ??= Promise.all(this.slots.map((slot) => slot.worker.terminate())).then(
      () => undefined,
    );
    return this.closed;
  }

  private startSlot(file: string): Slot {
    const slot: Slot = { worker: new Worker(file), jobs: new Map() };
    slot.worker.on('message', (reply: WorkerReply) => {
      const pending = slot.jobs.get(reply.id);
      if (!pending) return;
      slot.jobs.delete(reply.id);
      this.inFlight -= charge(pending.job);
      if (reply.error === undefined) pending.resolve();
      else pending.reject(new NarError(reply.error));
      this.dispatch();
    });
    slot.worker.on('error', (error) => this.died(slot, `it failed: ${error.message}`));
    slot.worker.on('exit', (code) => this.died(slot, `it exited with code ${code}`));
    return slot;
  }

  private died(slot: Slot, why: string): void {
    if (slot.dead !== undefined) return;
    slot.dead = why;
    const reason = `the thread unpacking its NAR stopped: ${why}`;
    for (const pending of slot.jobs.values()) {
      this.inFlight -= charge(pending.job);
      pending.reject(new NarError(reason));
    }
    slot.jobs.clear();
    if (this.slots.every((other) => other.dead !== undefined)) {
      for (const { pending } of this.queue.splice(0)) pending.reject(new NarError(reason));
    }
    this.dispatch();
  }

  private dispatch(): void {
    for (;;) {
      const next = this.queue[0];
      if (!next) return;
      if (!next.pending.wanted()) {
        this.queue.shift();
        next.skip();
        continue;
      }
      const cost = charge(next.pending.job);
      if (this.inFlight > 0 && this.inFlight + cost > this.budget) return;
      const slot = this.idlest();
      if (!slot) return;
      this.queue.shift();
      this.inFlight += cost;
      slot.jobs.set(next.id, next.pending);
      slot.worker.postMessage({ id: next.id, job: next.pending.job } satisfies WorkerRequest);
    }
  }

  /** The live thread with the fewest NARs, if it has room for one more. */
  private idlest(): Slot | undefined {
    let best: Slot | undefined;
    for (const slot of this.slots) {
      if (slot.dead !== undefined || slot.jobs.size > QUEUED_PER_THREAD) continue;
      if (!best || slot.jobs.size < best.jobs.size) best = slot;
    }
    return best;
  }
}
