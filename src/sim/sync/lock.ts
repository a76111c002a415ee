/**
 * `threading.Lock`: the class scenario authors use, its state in a run, and what
 * acquiring and releasing do.
 *
 * A `Lock` object is only an identity plus methods that build operations; whether
 * it is held lives in the run (`SyncStates`), so one scenario module can run many
 * times without one run's state leaking into the next.
 */

import type { Immediate } from '../blocking-call';
import { recordLine } from '../call-site';
import { SimulationError } from '../errors';
import type { LockAcquireOp, LockReleaseOp, SyncHandle } from '../op-types';
import { syncIds, type Block, type StateKind, type SyncStates, type Waiter } from './primitive';

/**
 * A mutual-exclusion lock, like `threading.Lock`. Waiting for it releases the GIL.
 * @example
 * const lock = new Lock();
 * yield lock.acquire(); yield py(1000); yield lock.release();
 */
export class Lock {
  /** Identifies the lock inside a run. */
  readonly id = syncIds.next++;
  constructor(readonly name = `lock-${syncIds.next - 1}`) {}
  /** Take the lock, blocking (with the GIL released) while another thread holds it. */
  acquire(): LockAcquireOp { return recordLine<LockAcquireOp>({ op: 'lockAcquire', lock: this }); }
  /** Release the lock, waking one waiter. Releasing a lock that is not held is an error. */
  release(): LockReleaseOp { return recordLine<LockReleaseOp>({ op: 'lockRelease', lock: this }); }
}

/** A lock in a run: who holds it and who waits, in arrival order (the hand-off is FIFO). */
export interface LockState { holder: Waiter | null; waiters: Waiter[] }

const lockState: StateKind<LockState> = { create: () => ({ holder: null, waiters: [] }) };

/** Who holds `lock` in this run (null when free). */
export function lockHolder(states: SyncStates, lock: SyncHandle): Waiter | null {
  return states.of(lockState, lock).holder;
}

/** `lock.acquire()`: take a free lock at once, else sleep (GIL released) until a release hands it over. */
export function acquireLock<T extends Waiter>(thread: T, op: LockAcquireOp, states: SyncStates, block: Block<T>): Immediate | undefined {
  const lock = states.of(lockState, op.lock);
  if (!lock.holder) {
    lock.holder = thread;
    return { value: true };
  }
  if (lock.holder === thread) throw new SimulationError(`thread "${thread.name}" acquires ${op.lock.name} again while holding it: threading.Lock is not reentrant, so this deadlocks`);
  block(thread, (resume) => { thread.resumeWith = resume; lock.waiters.push(thread); }, op.lock.name,
    () => (lock.holder ? undefined : ((lock.holder = thread), { value: true })));
  return undefined;
}

/** `lock.release()`: hand the lock to the longest waiter, if any. */
export function releaseLock(thread: Waiter, op: LockReleaseOp, states: SyncStates): Immediate {
  const lock = states.of(lockState, op.lock);
  if (!lock.holder) throw new SimulationError(`thread "${thread.name}" releases ${op.lock.name}, which is not locked (RuntimeError: release unlocked lock)`);
  const next = lock.waiters.shift();
  lock.holder = next ?? null;
  next?.resumeWith?.(true);
  return { value: undefined };
}
