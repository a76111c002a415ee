/**
 * The environment: a simulated clock and an event queue, nothing else (SimPy's
 * `core.py`). Time is in nanoseconds and jumps from one scheduled event to the
 * next; nothing here reads the real clock or uses randomness.
 *
 * Ordering is total: events are keyed by (time, sequence number), so two events
 * at the same instant run in the order they were scheduled.
 */

/**
 * A scheduled callback. Cancelling marks it; the queue drops it when it surfaces.
 * Its time and sequence number live in the queue (one event is one small object).
 */
export class Timer {
  cancelled = false;
  constructor(
    readonly callback: () => void,
    private readonly owner: Environment,
  ) {}
  /** Stop this timer from firing. Cancelling twice is harmless. */
  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.owner.noteCancelled();
  }
}

function isCancelled(entry: Timer | (() => void)): boolean {
  return typeof entry !== 'function' && entry.cancelled;
}

/**
 * Clock + event queue: a 4-ary heap (half the levels of a binary one, so taking
 * the next event moves half as many entries). It keeps each entry's sort key
 * (time, sequence) in typed arrays beside the timers, so sifting compares numbers
 * read from two contiguous arrays instead of fields of scattered objects.
 */
export class Environment {
  #now = 0;
  #seq = 0;
  /** Timers (or bare callbacks, see `after`) in heap order; slots from `#size` on are free. */
  #timers: (Timer | (() => void) | undefined)[] = [];
  #times = new Float64Array(64);
  #seqs = new Float64Array(64);
  #size = 0;
  /** Cancelled timers still in the heap. */
  #dead = 0;
  /**
   * The root is the event being run. It stays there while its callback runs, so
   * the first event that callback schedules can take its place (one sift down,
   * often short, where removing it and then adding the new one would take two).
   */
  #rootRunning = false;
  /** Events processed so far (cancelled ones excluded). */
  processed = 0;

  /** Current simulated time, ns. */
  get now(): number {
    return this.#now;
  }

  /** Run `callback` after `delayNs` (>= 0). */
  schedule(delayNs: number, callback: () => void): Timer {
    if (!(delayNs >= 0)) throw new RangeError(`cannot schedule ${delayNs} ns in the past`);
    const timer = new Timer(callback, this);
    this.#push(timer, this.#now + delayNs, this.#seq++);
    return timer;
  }

  /** Run `callback` after `delayNs` (>= 0), for good: no timer to cancel it by, so none is made. */
  after(delayNs: number, callback: () => void): void {
    if (!(delayNs >= 0)) throw new RangeError(`cannot schedule ${delayNs} ns in the past`);
    this.#push(callback, this.#now + delayNs, this.#seq++);
  }

  /**
   * A timer was cancelled. Far-future timers cancelled and rescheduled over and
   * over (a long burst of bytecode that keeps being paused) would pile up in the
   * heap: when more than half of it is dead, rebuild it from the live ones.
   */
  noteCancelled(): void {
    this.#dead++;
    if (this.#dead > 1024 && this.#dead * 2 > this.#size) {
      this.#settle();
      const timers = this.#timers;
      const times = this.#times.slice(0, this.#size);
      const seqs = this.#seqs.slice(0, this.#size);
      const entries = timers.slice(0, this.#size);
      timers.fill(undefined);
      this.#size = 0;
      this.#dead = 0;
      entries.forEach((entry, index) => {
        if (!isCancelled(entry!)) this.#push(entry!, times[index], seqs[index]);
      });
    }
  }

  /** Time of the next live event, or Infinity when the queue is empty. */
  peek(): number {
    this.#settle();
    this.#dropCancelled();
    return this.#size ? this.#times[0] : Infinity;
  }

  /** Process the next live event. Returns false when there is none. */
  step(): boolean {
    this.#dropCancelled();
    if (!this.#size) return false;
    this.#now = this.#times[0];
    const entry = this.#timers[0]!;
    this.processed++;
    this.#rootRunning = true;
    try {
      if (typeof entry === 'function') entry();
      else entry.callback();
    } finally {
      this.#settle();
    }
    return true;
  }

  /** The event being run scheduled nothing to take its place at the root: remove it. */
  #settle(): void {
    if (!this.#rootRunning) return;
    this.#rootRunning = false;
    this.#pop();
  }

  #dropCancelled(): void {
    while (this.#size && isCancelled(this.#timers[0]!)) {
      this.#pop();
      this.#dead--;
    }
  }

  #push(entry: Timer | (() => void), time: number, seq: number): void {
    if (this.#rootRunning) {
      this.#rootRunning = false;
      this.#siftDown(entry, time, seq);
      return;
    }
    if (this.#size === this.#times.length) {
      const times = new Float64Array(2 * this.#size);
      const seqs = new Float64Array(2 * this.#size);
      times.set(this.#times);
      seqs.set(this.#seqs);
      this.#times = times;
      this.#seqs = seqs;
    }
    const timers = this.#timers;
    const times = this.#times;
    const seqs = this.#seqs;
    let index = this.#size++;
    while (index > 0) {
      const parent = (index - 1) >> 2;
      const parentTime = times[parent];
      if (parentTime < time || (parentTime === time && seqs[parent] < seq)) break;
      timers[index] = timers[parent];
      times[index] = parentTime;
      seqs[index] = seqs[parent];
      index = parent;
    }
    timers[index] = entry;
    times[index] = time;
    seqs[index] = seq;
  }

  /** Remove and return the earliest entry; the heap must not be empty. */
  #pop(): Timer | (() => void) {
    const top = this.#timers[0]!;
    const size = --this.#size;
    const last = this.#timers[size]!;
    this.#timers[size] = undefined;
    if (size > 0) this.#siftDown(last, this.#times[size], this.#seqs[size]);
    return top;
  }

  /** Put `entry` at the root in place of what is there, and sift it down to where it belongs. */
  #siftDown(entry: Timer | (() => void), time: number, seq: number): void {
    const timers = this.#timers;
    const times = this.#times;
    const seqs = this.#seqs;
    const size = this.#size;
    let index = 0;
    for (;;) {
      const first = 4 * index + 1;
      if (first >= size) break;
      // The earliest of up to four children.
      let child = first;
      let childTime = times[first];
      const end = Math.min(first + 4, size);
      for (let other = first + 1; other < end; other++) {
        const otherTime = times[other];
        if (otherTime < childTime || (otherTime === childTime && seqs[other] < seqs[child])) {
          child = other;
          childTime = otherTime;
        }
      }
      if (time < childTime || (time === childTime && seq < seqs[child])) break;
      timers[index] = timers[child];
      times[index] = childTime;
      seqs[index] = seqs[child];
      index = child;
    }
    timers[index] = entry;
    times[index] = time;
    seqs[index] = seq;
  }
}
