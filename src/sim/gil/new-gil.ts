/**
 * The new GIL (CPython 3.2+, Antoine Pitrou 2009; `Python/ceval_gil.c`).
 *
 * - take_gil: a thread that finds the GIL locked waits on a condition variable
 *   with a timeout of `switchIntervalMs` (5 ms). If the wait times out and no
 *   switch happened meanwhile, it sets the drop request (eval breaker).
 * - The holder notices the request at its next eval-breaker check (a few
 *   bytecodes later; after the current C call if it is in one) and drops the GIL.
 * - drop_gil signals one waiter (the OS chooses which: here, a seeded random
 *   pick). With FORCE_SWITCHING, a thread dropping because of the request waits
 *   until another thread has taken the GIL, so it cannot grab it straight back.
 * - A voluntary drop (I/O, C code releasing the GIL) makes no hand-off: when the
 *   I/O completes, the thread must wait behind a CPU-bound holder for a full
 *   interval before it may ask for the GIL back (the convoy effect, bpo-7946).
 *
 * Every change is recorded with its cause: the drop request with the timed-out
 * wait, the holder's drop with what made it (the request, I/O, ...), the taker's
 * acquire with how it got the GIL (free, signalled, forced switch).
 */

import type { Timer } from '../engine/env';
import { IndexedList } from '../engine/indexed-list';
import type { GilCause, VoluntaryRelease } from '../result';
import { NS_PER_MS, NS_PER_US, type GilContext } from './context';
import type { GilModel } from './model';
import type { GilThread } from './thread-view';

/** A thread waiting for the GIL: one per thread, reused wait after wait (its callbacks are made once). */
interface Waiter {
  readonly thread: GilThread;
  granted: () => void;
  /** `switch_number` when this wait began: a timeout only counts if no switch happened. */
  savedSwitch: number;
  timeout: Timer | null;
  /** Place among the waiters (kept by the list). */
  slot: number;
  /** The thread whose drop_gil signalled it (to tell, when it fails, whether that thread took the GIL back). */
  signalledBy: GilThread | null;
  /** The COND_TIMED_WAIT timed out. */
  readonly onTimeout: () => void;
  /** Back on a CPU after the timeout: take the GIL, or ask for it and wait again. */
  readonly afterTimeout: () => void;
  /** Back on a CPU after drop_gil signalled it: take the GIL, or wait again. */
  readonly afterSignal: () => void;
}

export class NewGil implements GilModel {
  readonly hasGil = true;
  holder: GilThread | null = null;
  #lastHolder: GilThread | null = null;
  #switchNumber = 0;
  #dropRequest = false;
  /** The last drop waited for the switch (FORCE_SWITCHING): whoever takes the GIL next is the forced switch. */
  #forcedDrop = false;
  /** Threads asleep in COND_TIMED_WAIT (not those already woken). */
  #waiters = new IndexedList<Waiter>();
  readonly #waiterOf = new Map<GilThread, Waiter>();
  /** The thread that dropped on request and waits for someone to take the GIL. */
  #switchWaiter: { thread: GilThread; then: () => void } | null = null;
  #breakerTimer: Timer | null = null;
  readonly #intervalNs: number;
  readonly #attemptNs: number;

  constructor(private readonly context: GilContext) {
    // COND_TIMED_WAIT clamps the interval to at least 1 µs [P sources:cpython-ceval-gil]; like
    // any timed sleep it wakes late by the timer slack (measured slices: ~5.07 ms [M sources:m-gil-slices]).
    this.#intervalNs = Math.max(NS_PER_US, context.params.switchIntervalMs * NS_PER_MS) + context.params.timerSlackUs * NS_PER_US;
    this.#attemptNs = context.params.acquireAttemptUs * NS_PER_US;
  }

  acquire(thread: GilThread, granted: () => void): void {
    if (!this.holder) {
      this.#take(thread, 'gil-free');
      granted();
      return;
    }
    const waiter = this.#waiterFor(thread);
    waiter.granted = granted;
    this.#wait(waiter);
  }

  release(thread: GilThread, then: () => void, why: VoluntaryRelease): void {
    this.#assertHolder(thread);
    // drop_gil waits for the switch whenever the drop request is set, even on a
    // voluntary drop; a thread that is exiting (tstate NULL) does not.
    const forced = this.#dropRequest && why !== 'exit-release';
    this.#drop(thread, why, forced);
    if (forced) this.#waitForSwitch(thread, then);
    else then();
  }

  pythonResumed(thread: GilThread): void {
    if (this.#dropRequest && this.holder === thread) this.#armBreaker(thread);
  }

  pythonPaused(): void {
    this.#breakerTimer?.cancel();
    this.#breakerTimer = null;
  }

  nsPerBytecode(): number {
    return this.context.params.bytecodeNs;
  }

  #waiterFor(thread: GilThread): Waiter {
    let waiter = this.#waiterOf.get(thread);
    if (!waiter) {
      const made: Waiter = {
        thread, granted: () => {}, savedSwitch: 0, timeout: null, slot: -1, signalledBy: null,
        onTimeout: () => this.#timedOut(made),
        afterTimeout: () => this.#afterTimeout(made),
        afterSignal: () => this.#afterSignal(made),
      };
      this.#waiterOf.set(thread, (waiter = made));
    }
    return waiter;
  }

  #wait(waiter: Waiter): void {
    waiter.savedSwitch = this.#switchNumber;
    waiter.timeout = this.context.env.schedule(this.#intervalNs, waiter.onTimeout);
    this.#waiters.push(waiter);
    waiter.thread.sleepForGil();
  }

  #timedOut(waiter: Waiter): void {
    waiter.timeout = null;
    this.#waiters.remove(waiter);
    // The timer wakes the thread; it needs a CPU to act on the timeout.
    waiter.thread.wakeForGil(waiter.afterTimeout, this.#attemptNs);
  }

  #afterTimeout(waiter: Waiter): void {
    if (!this.holder) {
      this.#take(waiter.thread, 'timed-out-wait');
      waiter.granted();
      return;
    }
    if (this.#switchNumber === waiter.savedSwitch) this.#requestDrop(waiter.thread);
    this.#wait(waiter);
  }

  #requestDrop(requester: GilThread): void {
    const { recorder, env, interpreter } = this.context;
    const holder = this.holder!;
    recorder.dropRequests++;
    recorder.gilEvent('drop-request', requester.id, env.now, interpreter, 'timed-out-wait', holder.id);
    if (this.#dropRequest) return;
    this.#dropRequest = true;
    if (holder.runningPython) this.#armBreaker(holder);
    // Otherwise the holder is in C code or preempted: it drops at its next check.
  }

  #armBreaker(holder: GilThread): void {
    if (this.#breakerTimer) return;
    const delay = this.context.params.evalBreakerBytecodes * this.nsPerBytecode();
    this.#breakerTimer = this.context.env.schedule(delay, () => {
      this.#breakerTimer = null;
      if (this.holder !== holder || !holder.runningPython || !this.#dropRequest) return;
      const resume = holder.suspendPython();
      this.#drop(holder, 'drop-request-honoured', true);
      this.#waitForSwitch(holder, () => this.acquire(holder, resume));
    });
  }

  #waitForSwitch(thread: GilThread, then: () => void): void {
    if (this.#lastHolder !== thread) {
      then();
      return;
    }
    this.#switchWaiter = { thread, then };
    thread.sleepForGil();
  }

  /** drop_gil: unlock, reset a pending request, signal one waiter; `forced`: the dropper will wait for the switch. */
  #drop(thread: GilThread, cause: GilCause, forced: boolean): void {
    const { recorder, env, interpreter, random } = this.context;
    this.holder = null;
    this.#dropRequest = false;
    this.#forcedDrop = forced;
    this.pythonPaused();
    recorder.gilHeld(interpreter, null, env.now);
    if (!this.#waiters.length) {
      recorder.gilEvent('release', thread.id, env.now, interpreter, cause);
      return;
    }
    const waiter = this.#waiters.at(random.index(this.#waiters.length));
    recorder.gilEvent('release', thread.id, env.now, interpreter, cause, waiter.thread.id);
    waiter.signalledBy = thread;
    this.#waiters.remove(waiter);
    waiter.timeout?.cancel();
    waiter.timeout = null;
    waiter.thread.wakeForGil(waiter.afterSignal, this.#attemptNs);
  }

  #afterSignal(waiter: Waiter): void {
    const signalledBy = waiter.signalledBy;
    waiter.signalledBy = null;
    const holder = this.holder;
    if (!holder) {
      this.#take(waiter.thread, 'woken-waiter');
      waiter.granted();
      return;
    }
    const { recorder, env, interpreter } = this.context;
    recorder.failedAcquires++;
    const cause = holder === signalledBy ? 'failed-acquire-retaken' : 'failed-acquire-taken';
    recorder.gilEvent('failed-acquire', waiter.thread.id, env.now, interpreter, cause, holder.id);
    this.#wait(waiter);
  }

  /** take_gil succeeds; `how` is how `thread` got it (a switch forced by the drop request overrides it). */
  #take(thread: GilThread, how: GilCause): void {
    const { recorder, env, interpreter } = this.context;
    this.holder = thread;
    recorder.gilHeld(interpreter, thread.id, env.now);
    const last = this.#lastHolder;
    if (last !== thread) {
      if (last) {
        recorder.gilHandoffs++;
        recorder.gilEvent('handoff', thread.id, env.now, interpreter, this.#forcedDrop ? 'forced-switch' : how, last.id);
      } else {
        recorder.gilEvent('acquire', thread.id, env.now, interpreter, how);
      }
      this.#lastHolder = thread;
      this.#switchNumber++;
    } else {
      recorder.gilEvent('acquire', thread.id, env.now, interpreter, how);
    }
    this.#forcedDrop = false;
    this.#dropRequest = false;
    const switchWaiter = this.#switchWaiter;
    if (switchWaiter && switchWaiter.thread !== thread) {
      this.#switchWaiter = null;
      switchWaiter.thread.wakeForGil(switchWaiter.then, this.#attemptNs);
    }
  }

  #assertHolder(thread: GilThread): void {
    if (this.holder !== thread) throw new Error(`invariant: thread "${thread.name}" releases a GIL it does not hold`);
  }
}
