/**
 * The semaphore race of the old GIL (CPython up to 3.1 on Linux; `Python/ceval.c`
 * and `Python/thread_pthread.h`, where the GIL is a POSIX semaphore).
 *
 * At every check (and every voluntary release) the holder calls
 * PyThread_release_lock, sem_post, and, at a check, PyThread_acquire_lock,
 * sem_wait, straight after. sem_post wakes a thread sleeping in sem_wait, but
 * the kernel only marks it runnable: it must be scheduled (an OS wake-up
 * latency, tens of microseconds) before it can try the semaphore, while the
 * releasing thread, still on its CPU, re-takes it within nanoseconds. So the
 * woken waiter almost always finds the lock taken again: a failed acquire, and
 * back to sleep until the next release wakes it. It wins only if it arrives
 * while the lock happens to be free:
 *
 * - in the **signal window**: the holder is still inside the futex-wake
 *   syscall sem_post made to wake it, so the lock stays free until the holder
 *   is back from it;
 * - in a **release window**: between the holder's release and its re-acquire at
 *   a later check (on Linux longer while a thread is inside sem_wait, since glibc's
 *   sem_post then makes its futex-wake syscall even when nobody sleeps). Where in its check period the holder is when the waiter
 *   arrives is uniform in practice (the wake-up jitter is far larger than the
 *   period), so the waiter wins with probability window / period. On macOS the
 *   lock is a mutex and condition variable, and the window includes the
 *   pthread_cond_signal the holder makes at every release while anyone waits.
 *
 * On several CPUs this is the "GIL battle" (Beazley 2009): failed acquisitions
 * by the thousand, with the holder keeping the GIL for most of them.
 */

/** How a woken waiter's try at the lock ends. */
export type LockRace =
  /** Arrived while the holder was still in the futex-wake syscall that woke it: the lock was free. */
  | 'signal-window'
  /** Landed between the holder's release and its re-acquire at a check. */
  | 'release-window'
  /** The holder had taken the lock back: the waiter's sem_wait blocks again. */
  | 'lost';

/** The woken waiter, at the moment it tries the lock. */
export interface RacingWaiter {
  /** When it reached sem_wait, ns. */
  readonly arrivedAt: number;
  /** When the release that woke it began its futex-wake syscall, ns (undefined: it was not woken by a check's sem_post on Linux). */
  readonly signalledAt: number | undefined;
}

/** The holder, at the moment the waiter tries the lock. */
export interface RacingHolder {
  /** On a CPU executing bytecode (so it passes checks, releasing the lock at each). */
  readonly runningPython: boolean;
  /** A stall it must get through before more bytecode, ns: no check falls inside one. */
  readonly stallAheadNs: number;
}

/** The lock's timings, ns. */
export interface RaceTimings {
  /** The futex-wake syscall of sem_post (Linux) or the pthread_cond_signal of a release (macOS). */
  readonly signalNs: number;
  /** How long the lock is free between the holder's release and its re-acquire. */
  readonly releaseNs: number;
  /** Bytecode time between two checks. */
  readonly periodNs: number;
  /** macOS: mutex + condition variable, which signals at every release while anyone waits. */
  readonly macos: boolean;
}

/**
 * Decide the race. `draw` gives a uniform number in [0, 1) and is called only
 * when the outcome depends on the phase of the holder's check period (so a run
 * draws exactly as many random numbers as races that need one).
 */
export function raceForLock(waiter: RacingWaiter, holder: RacingHolder, timings: RaceTimings, draw: () => number): LockRace {
  const { signalledAt } = waiter;
  if (signalledAt !== undefined && waiter.arrivedAt < signalledAt + timings.signalNs + timings.releaseNs && holder.runningPython) {
    return 'signal-window';
  }
  if (holder.runningPython && holder.stallAheadNs === 0) {
    const windowNs = timings.releaseNs + (timings.macos ? timings.signalNs : 0);
    const cycleNs = timings.periodNs + windowNs;
    if (draw() < windowNs / cycleNs) return 'release-window';
  }
  return 'lost';
}
