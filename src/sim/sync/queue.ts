/**
 * `queue.Queue` (unbounded): the class scenario authors use, its state in a run,
 * and what putting and getting do.
 *
 * A `Queue` object is only an identity plus methods that build operations; its
 * items live in the run (`SyncStates`).
 */

import type { Immediate } from '../blocking-call';
import { recordLine } from '../call-site';
import type { QueueGetOp, QueuePutOp } from '../op-types';
import { yieldable, type Yieldable } from '../yieldable';
import { syncIds, type Block, type StateKind, type SyncStates, type Waiter, type Woke } from './primitive';

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
  readonly id = syncIds.next++;
  constructor(readonly name = `queue-${syncIds.next - 1}`) {}
  /** Append an item and wake one waiting `get`. */
  put(item: T): QueuePutOp { return recordLine<QueuePutOp>({ op: 'queuePut', queue: this, item }); }
  /** Remove and return the oldest item, blocking while the queue is empty. */
  get(): QueueGetOp & Yieldable<T> { return recordLine(yieldable<QueueGetOp, T>({ op: 'queueGet', queue: this })); }
}

/** A queue in a run: items nobody has taken yet, and the threads blocked in `get` (FIFO). */
export interface QueueState { items: unknown[]; getters: Waiter[] }

const queueState: StateKind<QueueState> = { create: () => ({ items: [], getters: [] }) };

/**
 * `queue.put(item)`: append the item and notify the longest-waiting `get`. Like
 * Condition.wait's loop, the woken getter looks again when it runs: another
 * consumer may have taken the item first.
 */
export function putItem(_thread: Waiter, op: QueuePutOp, states: SyncStates): Woke {
  const queue = states.of(queueState, op.queue);
  queue.items.push(op.item);
  const getter = queue.getters.shift();
  getter?.resumeWith?.(undefined);
  return { value: undefined, woke: getter ? 1 : 0 };
}

/** `queue.get()`: take the oldest item, or sleep (GIL released) until a `put` notifies it, and look again. */
export function getItem<T extends Waiter>(thread: T, op: QueueGetOp, states: SyncStates, block: Block<T>): Immediate | undefined {
  const queue = states.of(queueState, op.queue);
  if (queue.items.length) return { value: queue.items.shift() };
  block(thread, (resume) => { thread.resumeWith = resume; queue.getters.push(thread); }, op.queue.name,
    () => (queue.items.length ? { value: queue.items.shift() } : undefined));
  return undefined;
}
