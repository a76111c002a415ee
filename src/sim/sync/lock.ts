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
import { syncIds, type Block, type StateKind, type SyncStates, type Waiter, type Woke } from './primitive';

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

/** A lock in a run: who holds it and who sleeps on it, in the order releases wake them. */
export interface LockState { holder: Waiter | null; waiters: Waiter[] }

const lockState: StateKind<LockState> = { create: () => ({ holder: null, waiters: [] }) };

/** Who holds `lock` in this run (null when free). */
export function lockHolder(states: SyncStates, lock: SyncHandle): Waiter | null {
  return states.of(lockState, lock).holder;
}

/**
 * `lock.acquire()`: take a free lock at once, else sleep (GIL released) and try again each
 * time a release wakes it. With `releasesGilWhenFree` (CPython up to 3.1) it releases the
 * GIL even for a free lock, taking the lock in between and the GIL back after.
 */
export function acquireLock<T extends Waiter>(thread: T, op: LockAcquireOp, states: SyncStates, block: Block<T>, releasesGilWhenFree = false): Immediate | undefined {
  const lock = states.of(lockState, op.lock);
  if (!lock.holder && !releasesGilWhenFree) {
    lock.holder = thread;
    return { value: true };
  }
  if (lock.holder === thread) throw new SimulationError(`thread "${thread.name}" acquires ${op.lock.name} again while holding it: threading.Lock is not reentrant, so this deadlocks`);
  block(thread, (resume) => { thread.resumeWith = resume; lock.waiters.push(thread); }, op.lock.name,
    () => (lock.holder ? undefined : ((lock.holder = thread), { value: true })));
  return undefined;
}

/**
 * `lock.release()`: free the lock and wake the longest sleeper, if any. There is no
 * hand-over (PyThread locks are a semaphore): the woken thread tries again when it
 * runs, and a thread that gets there first, often the releaser itself, takes it.
 */
export function releaseLock(thread: Waiter, op: LockReleaseOp, states: SyncStates): Woke {
  const lock = states.of(lockState, op.lock);
  if (!lock.holder) throw new SimulationError(`thread "${thread.name}" releases ${op.lock.name}, which is not locked (RuntimeError: release unlocked lock)`);
  lock.holder = null;
  const sleeper = lock.waiters.shift();
  sleeper?.resumeWith?.(true);
  return { value: undefined, woke: sleeper ? 1 : 0 };
}

/** A lock's two operations, made once (a queue's `get` takes and releases its lock every call). */
export interface LockOps { readonly acquire: LockAcquireOp; readonly release: LockReleaseOp }

const internalLocks = new WeakMap<SyncHandle, LockOps>();

/**
 * The `threading.Lock` inside a Python-level primitive, one per object: a Queue's
 * `self.mutex`, an Event's `self._cond` (a Condition over a Lock). It is part of its
 * owner, so it takes the owner's id; `attribute` names it as CPython's source does.
 */
export function internalLock(owner: SyncHandle, attribute: string): LockOps {
  let ops = internalLocks.get(owner);
  if (!ops) {
    const lock: SyncHandle = { id: owner.id, name: `${owner.name}.${attribute}` };
    internalLocks.set(owner, (ops = { acquire: { op: 'lockAcquire', lock }, release: { op: 'lockRelease', lock } }));
  }
  return ops;
}
