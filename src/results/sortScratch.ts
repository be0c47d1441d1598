/**
 * Scratch typed arrays that the sort reuses from one sort to the next. A text sort of 500,000 rows
 * needs about 50 MB of them. If they are allocated fresh each time, V8 counts them as new external
 * memory and answers with a full mark-compact of the whole heap: about 300 ms when that many rows
 * are held, a third of the sort. They are kept for a short while after the last sort, so that a
 * series of header clicks reuses them, then dropped, so that an idle window gives the memory back.
 */

/** How long the buffers outlive the last sort that used them. */
export const SCRATCH_KEEP_MS = 30_000;

type Slot =
  | 'numbers' | 'numberRows' | 'times' | 'timeRows' | 'textRows'
  | 'ids' | 'order' | 'tmp' | 'chunks' | 'loc' | 'packed' | 'groupPacked' | 'sorted' | 'perm' | 'indexPacked';

export class SortScratch {
  private u32s = new Map<Slot, Uint32Array>();
  private f64s = new Map<Slot, Float64Array>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastUse = 0;

  constructor(private readonly keepMs = SCRATCH_KEEP_MS) {}

  /** A Uint32Array of length n whose contents are left over from earlier use. */
  u32(slot: Slot, n: number): Uint32Array {
    return this.take(this.u32s, (len) => new Uint32Array(len), slot, n);
  }

  /** A Float64Array of length n whose contents are left over from earlier use. */
  f64(slot: Slot, n: number): Float64Array {
    return this.take(this.f64s, (len) => new Float64Array(len), slot, n);
  }

  private take<A extends Uint32Array | Float64Array>(held: Map<Slot, A>, make: (n: number) => A, slot: Slot, n: number): A {
    let a = held.get(slot);
    if (!a || a.length < n) {
      a = make(grown(a?.length ?? 0, n));
      held.set(slot, a);
    }
    this.touch();
    return a.subarray(0, n) as A;
  }

  /** Bytes held now (for tests and the benchmark). */
  get heldBytes(): number {
    let b = 0;
    for (const a of this.u32s.values()) b += a.byteLength;
    for (const a of this.f64s.values()) b += a.byteLength;
    return b;
  }

  release(): void {
    this.u32s.clear();
    this.f64s.clear();
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private touch(): void {
    // Called for every buffer handed out (thousands per sort): one timer, pushed back when it fires.
    this.lastUse = Date.now();
    if (this.timer !== undefined) return;
    const arm = (ms: number): void => {
      this.timer = setTimeout(() => {
        const idle = Date.now() - this.lastUse;
        if (idle >= this.keepMs) this.release();
        else arm(this.keepMs - idle);
      }, ms);
      // The buffers must never keep a process (a test run, the server) alive on their own.
      (this.timer as { unref?: () => void }).unref?.();
    };
    arm(this.keepMs);
  }
}

/** Grows by a quarter at least, so a store that keeps growing does not reallocate on every sort. */
function grown(have: number, need: number): number {
  return Math.max(need, Math.ceil(have * 1.25));
}

/** The scratch the result sort uses. */
export const sortScratch = new SortScratch();
