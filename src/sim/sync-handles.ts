/**
 * Threading primitives as scenario authors see them: `threading.Lock`,
 * `threading.Event` and `queue.Queue`.
 *
 * These objects are only identities plus methods that build operations. Their
 * state (held or not, queued items) lives in the run that uses them, so one
 * scenario module can be run many times (compare mode, tests) without one
 * run's state leaking into the next.
 */

import type { EventSetOp, EventWaitOp, LockAcquireOp, LockReleaseOp, QueueGetOp, QueuePutOp } from './ops';
import { recordLine } from './call-site';
import { yieldable, type Yieldable } from './yieldable';

let nextSyncId = 1;

/**
 * A mutual-exclusion lock, like `threading.Lock`. Waiting for it releases the GIL.
 * @example
 * const lock = new Lock();
 * yield lock.acquire(); yield py(1000); yield lock.release();
 */
export class Lock {
  /** Identifies the lock inside a run. */
  readonly id = nextSyncId++;
  constructor(readonly name = `lock-${nextSyncId - 1}`) {}
  /** Take the lock, blocking (with the GIL released) while another thread holds it. */
  acquire(): LockAcquireOp { return recordLine<LockAcquireOp>({ op: 'lockAcquire', lock: this }); }
  /** Release the lock, waking one waiter. Releasing a lock that is not held is an error. */
  release(): LockReleaseOp { return recordLine<LockReleaseOp>({ op: 'lockRelease', lock: this }); }
}

/**
 * A flag threads can wait for, like `threading.Event`. Waiting releases the GIL.
 * @example
 * const ready = new Event();
 * yield ready.wait();   // in one thread
 * yield ready.set();    // in another
 */
export class Event {
  /** Identifies the event inside a run. */
  readonly id = nextSyncId++;
  constructor(readonly name = `event-${nextSyncId - 1}`) {}
  /** Set the flag and wake every thread waiting for it. */
  set(): EventSetOp { return recordLine<EventSetOp>({ op: 'eventSet', event: this }); }
  /** Block (GIL released) until the flag is set; returns at once if it already is. */
  wait(): EventWaitOp { return recordLine<EventWaitOp>({ op: 'eventWait', event: this }); }
}

/**
 * A FIFO queue between threads, like `queue.Queue` (unbounded). `get` blocks,
 * with the GIL released, until an item is available, and returns it (typed `T`
 * with `yield*`).
 * @example
 * const jobs = new Queue<number>();
 * yield jobs.put(42);
 * const job = yield* jobs.get(); // job: number
 */
export class Queue<T = unknown> {
  /** Identifies the queue inside a run. */
  readonly id = nextSyncId++;
  constructor(readonly name = `queue-${nextSyncId - 1}`) {}
  /** Append an item and wake one waiting `get`. */
  put(item: T): QueuePutOp { return recordLine<QueuePutOp>({ op: 'queuePut', queue: this, item }); }
  /** Remove and return the oldest item, blocking while the queue is empty. */
  get(): QueueGetOp & Yieldable<T> { return recordLine(yieldable<QueueGetOp, T>({ op: 'queueGet', queue: this })); }
}

export type LockHandle = Lock;
export type EventHandle = Event;
export type QueueHandle = Queue<unknown>;
