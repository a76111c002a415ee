/**
 * The environment: a simulated clock and an event queue, nothing else (SimPy's
 * `core.py`). Time is in nanoseconds and jumps from one scheduled event to the
 * next; nothing here reads the real clock or uses randomness.
 *
 * Ordering is total: events are keyed by (time, priority, sequence number), so
 * two events at the same instant run in a fixed, documented order.
 */

/** Why an event may jump ahead of others scheduled for the same instant. */
export const Priority = {
  /** State changes that other events at the same instant must see (a thread leaving a CPU). */
  URGENT: 0,
  /** Everything else, first scheduled first run. */
  NORMAL: 1,
} as const;

/** A scheduled callback. Cancelling marks it; the queue drops it when it surfaces. */
export class Timer {
  cancelled = false;
  constructor(
    readonly time: number,
    readonly priority: number,
    readonly seq: number,
    readonly callback: () => void,
  ) {}
  /** Stop this timer from firing. Cancelling twice is harmless. */
  cancel(): void {
    this.cancelled = true;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.time < b.time || (a.time === b.time && (a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq)));
}

/** Clock + binary-heap event queue. */
export class Environment {
  #now = 0;
  #seq = 0;
  #heap: Timer[] = [];
  /** Events processed so far (cancelled ones excluded). */
  processed = 0;

  /** Current simulated time, ns. */
  get now(): number {
    return this.#now;
  }

  /** Run `callback` after `delayNs` (>= 0). */
  schedule(delayNs: number, callback: () => void, priority: number = Priority.NORMAL): Timer {
    if (!(delayNs >= 0)) throw new RangeError(`cannot schedule ${delayNs} ns in the past`);
    const timer = new Timer(this.#now + delayNs, priority, this.#seq++, callback);
    this.#push(timer);
    return timer;
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
    while (this.#heap.length && this.#heap[0].cancelled) this.#pop();
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
