// The deflate level of each block of a parallel gzip stream (parallel-gzip), chosen as the push
// goes: every block is deflated on its own, so blocks may differ in level and the stream stays
// one valid gzip stream. The upload tells which side waits (ChunkedUpload's Pace): when a full
// chunk has to wait for the one before to leave, the link is the limit and idle cores can buy
// fewer bytes, so the level goes up; when the link had sent everything and sat idle until the
// compressor filled the next chunk, the CPU is the limit, so the level goes down.
//
// The blob's bytes then depend on the push's timing, not on the layer alone: the same layer
// pushed twice may have two digests. Hence only with `--compression-level auto`: the default is
// a fixed level, whose bytes are the same on every push.

/** Levels an adaptive stream moves between, and the one it starts at. */
export interface LevelRange {
  min: number;
  start: number;
  max: number;
}

/** Time waited since the last decision, in milliseconds. */
export interface Waits {
  /** A chunk was ready before the one before it had left: the link is the limit. */
  forLink: number;
  /** The link had sent everything and waited for the next chunk: the CPU is the limit. */
  forDeflate: number;
}

/** Waits shorter than this (in all, since the last decision) say nothing either way. */
export const NOISE_MS = 2;

/** The level for the next block: one step towards whichever side waited longer. */
export function nextLevel(level: number, waits: Waits, range: LevelRange): number {
  const { forLink, forDeflate } = waits;
  if (forLink + forDeflate < NOISE_MS) return level;
  if (forLink > forDeflate) return Math.min(range.max, level + 1);
  return Math.max(range.min, level - 1);
}

/** What an upload reports of its waits (ChunkedUpload calls these). */
export interface Pace {
  waitedForLink(ms: number): void;
  waitedForDeflate(ms: number): void;
}

/** A stream's level: a fixed one, or one that follows the upload's waits (nextLevel). */
export class BlockLevel implements Pace {
  private level: number;
  private waits: Waits = { forLink: 0, forDeflate: 0 };

  constructor(private readonly range: LevelRange | number) {
    this.level = typeof range === 'number' ? range : range.start;
  }

  /** The level of the next block to deflate, decided from the waits since the last decision. */
  next(): number {
    if (typeof this.range === 'number') return this.range;
    this.level = nextLevel(this.level, this.waits, this.range);
    this.waits = { forLink: 0, forDeflate: 0 };
    return this.level;
  }

  waitedForLink(ms: number): void {
    this.waits.forLink += ms;
  }

  waitedForDeflate(ms: number): void {
    this.waits.forDeflate += ms;
  }
}
