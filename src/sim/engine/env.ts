/**
 * The environment: a simulated clock and an event queue, nothing else (SimPy's
 * `core.py`). Time is in nanoseconds and jumps from one scheduled event to the
 * next; nothing here reads the real clock or uses randomness.
 *
 * Ordering is total: events are keyed by (time, sequence number), so two events
 * at the same instant run in the order they were scheduled.
 */

/** A scheduled callback. Cancelling marks it; the queue drops it when it surfaces. */
export class Timer {
  cancelled = false;
  constructor(
    readonly time: number,
    readonly seq: number,
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

function before(a: Timer, b: Timer): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

/** Clock + binary-heap event queue. */
export class Environment {
  #now = 0;
  #seq = 0;
  #heap: Timer[] = [];
  /** Cancelled timers still in the heap. */
  #dead = 0;
  /** Events processed so far (cancelled ones excluded). */
  processed = 0;

  /** Current simulated time, ns. */
  get now(): number {
    return this.#now;
  }

  /** Run `callback` after `delayNs` (>= 0). */
  schedule(delayNs: number, callback: () => void): Timer {
    if (!(delayNs >= 0)) throw new RangeError(`cannot schedule ${delayNs} ns in the past`);
    const timer = new Timer(this.#now + delayNs, this.#seq++, callback, this);
    this.#push(timer);
    return timer;
  }

  /**
   * A timer was cancelled. Far-future timers cancelled and rescheduled over and
   * over (a long burst of bytecode that keeps being paused) would pile up in the
   * heap: when more than half of it is dead, rebuild it from the live ones.
   */
  noteCancelled(): void {
    this.#dead++;
    if (this.#dead > 1024 && this.#dead * 2 > this.#heap.length) {
      const live = this.#heap.filter((timer) => !timer.cancelled);
      this.#heap = [];
      this.#dead = 0;
      for (const timer of live) this.#push(timer);
    }
  }

  /** Time of the next live event, or Infinity when the queue is empty. */
  peek(): number {
    this.#dropCancelled();
    return this.#heap.length ? this.#heap[0].time : Infinity;
  }

  /** Process the next live event. Returns false when there is none. */
  step(): boolean {
    this.#dropCancelled();
    const timer = this.#pop();
    if (!timer) return false;
    this.#now = timer.time;
    this.processed++;
    timer.callback();
    return true;
  }

  #dropCancelled(): void {
    while (this.#heap.length && this.#heap[0].cancelled) {
      this.#pop();
      this.#dead--;
    }
  }

  #push(timer: Timer): void {
    const heap = this.#heap;
    heap.push(timer);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(timer, heap[parent])) break;
      heap[index] = heap[parent];
      index = parent;
    }
    heap[index] = timer;
  }

  #pop(): Timer | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length && last) {
      let index = 0;
      const length = heap.length;
      for (;;) {
        const left = 2 * index + 1;
        if (left >= length) break;
        const right = left + 1;
        const child = right < length && before(heap[right], heap[left]) ? right : left;
        if (!before(heap[child], last)) break;
        heap[index] = heap[child];
        index = child;
      }
      heap[index] = last;
    }
    return top;
  }
}
