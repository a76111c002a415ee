/**
 * The old GIL (CPython up to 3.1; `Python/ceval.c` + `thread_pthread.h`).
 *
 * Every `checkInterval + 1` ticks the holder releases the lock and immediately
 * takes it again, without looking whether anyone waits and without handing it
 * over. A tick is not a bytecode: cheap opcodes skip it (3 ticks per 9 bytecodes
 * in a counting loop), so a check comes every ~300 bytecodes with interval 100.
 *
 * A thread that finds the lock taken sleeps in the kernel. The holder's next
 * release wakes it, but it runs only after an OS wake-up latency; by then the
 * holder has long re-taken the lock, so it usually fails and sleeps again. It
 * wins only when it lands inside a release window: on several CPUs that is the
 * "GIL battle" (failed acquisitions, signalling, Python execution bouncing
 * between CPUs with cold caches). On one CPU the waiter cannot run while the
 * holder does; it wins when the OS preempts the holder right after its release
 * (Linux wake-up preemption), so the OS decides when the switch happens.
 *
 * Platforms: Linux uses a POSIX semaphore. glibc's sem_post makes a futex_wake
 * syscall whenever its nwaiters count says a thread is inside sem_wait, asleep in
 * the kernel or not (glibc `nptl/sem_post.c`), so while anyone waits every check
 * costs the holder that syscall, with the lock free during it; a sleeper it wakes
 * costs more (`signalUs`). A holder preempted between its release and re-acquire
 * is not inside sem_wait: it counts once it runs and finds the lock taken. macOS
 * uses a mutex + condition variable (every release pays a pthread_cond_signal
 * while any thread waits, which is what slowed Beazley's single-CPU runs).
 *
 * Who wins when a woken waiter tries the lock is the semaphore race
 * (`semaphore-race.ts`). Simplified: where in its check period the holder is
 * when a woken waiter tries is drawn at random (the wake-up jitter makes it
 * uniform in practice); the win probability is the release window over the period.
 *
 * Every change is recorded with its cause: a release at a check is
 * 'check-interval', a waiter's win names its window, a loss is a failed acquire.
 */

import { Deque } from '../engine/deque';
import type { Timer } from '../engine/env';
import type { GilCause, VoluntaryRelease } from '../result';
import { NS_PER_US, type GilContext } from './context';
import type { GilModel } from './model';
import { raceForLock, type LockRace, type RaceTimings } from './semaphore-race';
import type { GilThread } from './thread-view';

interface Sleeper {
  thread: GilThread;
  granted: () => void;
  /** When the release that woke it began its futex-wake syscall (Linux), ns. */
  signalledAt: number | undefined;
  /** The thread whose release woke it (to tell, when it fails, whether that thread took the lock back). */
  wokenBy: GilThread | null;
  /** Inside sem_wait, counted in glibc's nwaiters; false for a holder preempted in its release window. */
  inSemWait: boolean;
}

export class OldGil implements GilModel {
  readonly hasGil = true;
  holder: GilThread | null = null;
  #lastHolder: GilThread | null = null;
  /** Threads asleep on the lock, in the order the kernel wakes them. */
  readonly #sleepers = new Deque<Sleeper>();
  /** Woken waiters on their way to try the lock. */
  #waking = 0;
  /** Of those, holders preempted in their release window, not yet inside sem_wait. */
  #wakingOutsideSemWait = 0;
  #checkTimer: Timer | null = null;
  /** Bytecodes between two checks. */
  readonly #periodBytecodes: number;
  readonly #signalNs: number;
  readonly #attemptNs: number;
  readonly #wakeNs: number;
  readonly #semPostNs: number;
  /** Whether a release costs more while threads wait (so the holder's speed changes when they come and go). */
  readonly #releaseCostVaries: boolean;
  readonly #macos: boolean;
  /** The race while a thread is inside sem_wait (every release then makes sem_post's syscall), and while none is. */
  readonly #race: RaceTimings;
  readonly #raceNoneInSemWait: RaceTimings;
  readonly #onCheck = () => {
    this.#checkTimer = null;
    if (this.holder) this.#check(this.holder);
  };

  constructor(private readonly context: GilContext) {
    const { params } = context;
    this.#periodBytecodes = (params.checkInterval + 1) / params.ticksPerBytecode;
    this.#signalNs = params.signalUs * NS_PER_US;
    this.#attemptNs = params.acquireAttemptUs * NS_PER_US;
    this.#wakeNs = params.oldGilWakeUs * NS_PER_US;
    this.#macos = params.platform === 'macos';
    this.#semPostNs = this.#macos ? 0 : params.semPostSyscallUs * NS_PER_US;
    this.#releaseCostVaries = this.#macos || this.#semPostNs > 0;
    this.#raceNoneInSemWait = {
      signalNs: this.#signalNs, releaseNs: params.gilReleaseNs, periodNs: this.#periodBytecodes * params.bytecodeNs, macos: this.#macos,
    };
    this.#race = { ...this.#raceNoneInSemWait, releaseNs: params.gilReleaseNs + this.#semPostNs };
  }

  acquire(thread: GilThread, granted: () => void): void {
    if (!this.holder) {
      this.#take(thread, 'gil-free');
      granted();
      return;
    }
    this.#sleep({ thread, granted, signalledAt: undefined, wokenBy: null, inSemWait: true });
  }

  release(thread: GilThread, then: () => void, why: VoluntaryRelease): void {
    if (this.holder !== thread) throw new Error(`invariant: thread "${thread.name}" releases a GIL it does not hold`);
    this.#setFree();
    const sleeper = this.#sleepers.popFront();
    this.#recordRelease(thread, why, sleeper);
    if (sleeper) this.#wakeToTry(sleeper, thread);
    then();
  }

  pythonResumed(): void {
    this.#armCheck();
  }

  pythonPaused(_thread: GilThread, bytecodesRun: number): void {
    this.context.recorder.gilChecks += bytecodesRun / this.#periodBytecodes;
    this.#checkTimer?.cancel();
    this.#checkTimer = null;
  }

  nsPerBytecode(): number {
    return this.context.params.bytecodeNs + this.#checkCostNs() / this.#periodBytecodes;
  }

  /** Time the lock is free at each check: release + re-acquire, plus the syscall a release makes while anyone waits. */
  #checkCostNs(): number {
    if (!this.#releasesCostMore()) return this.context.params.gilReleaseNs;
    return this.context.params.gilReleaseNs + (this.#macos ? this.#signalNs : this.#semPostNs);
  }

  /** macOS: pthread_cond_signal while any thread waits; Linux: sem_post's futex_wake while any is inside sem_wait. */
  #releasesCostMore(): boolean {
    const waiting = this.#sleepers.length + this.#waking;
    return (this.#macos ? waiting : waiting - this.#wakingOutsideSemWait) > 0;
  }

  #sleep(sleeper: Sleeper): void {
    const costlier = this.#releasesCostMore();
    sleeper.inSemWait = true;
    this.#sleepers.pushBack(sleeper);
    sleeper.thread.sleepForGil();
    if (this.#releaseCostVaries && costlier !== this.#releasesCostMore()) this.holder?.rateChanged();
    this.#armCheck();
  }

  /** Schedule the holder's next check while someone sleeps on the lock. */
  #armCheck(): void {
    const holder = this.holder;
    if (this.#checkTimer || !this.#sleepers.length || !holder?.runningPython) return;
    // Checks count bytecodes: none falls inside a stall (cold caches, a syscall).
    const untilCheck = holder.stallAheadNs + this.context.random.next() * this.#periodBytecodes * this.nsPerBytecode();
    this.#checkTimer = this.context.env.schedule(untilCheck, this.#onCheck);
  }

  /** The holder's release at a check wakes one sleeper. */
  #check(holder: GilThread): void {
    if (this.holder !== holder || !holder.runningPython) return;
    const sleeper = this.#sleepers.popFront();
    if (!sleeper) return;
    const { scheduler } = this.context;
    this.#recordRelease(holder, 'check-interval', sleeper);
    scheduler.placeWoken(sleeper.thread);
    if (!scheduler.hasIdleCpu() && scheduler.preemptibleCpu(sleeper.thread) === holder.cpu) {
      // Wake-up preemption at the syscall's return: the holder is switched out
      // between its release and its re-acquire, so the woken thread gets the lock.
      const resume = holder.suspendPython();
      this.#take(sleeper.thread, 'wake-up-preemption');
      holder.sleepForGil();
      sleeper.thread.wakeForGil(sleeper.granted, this.#attemptNs, 0);
      const preempted: Sleeper = { thread: holder, granted: resume, signalledAt: undefined, wokenBy: null, inSemWait: false };
      if (this.#macos) {
        // Fitted to Beazley's single-CPU figures as a sleeper first in line (macOS's scheduler is not modelled).
        this.#sleepers.pushFront(preempted);
      } else {
        // Runnable, not yet inside sem_wait: it tries the lock when it next gets a CPU (pinned
        // to one CPU, 2.7 makes ~3 futex calls per hand-off, not one per check [M sources:m-futex-wake]).
        this.#wakingOutsideSemWait++;
        this.#wakeToTry(preempted, null, 0);
      }
      this.#armCheck();
      return;
    }
    if (!this.#macos) {
      // sem_post found a sleeper: the futex-wake syscall. The lock stays free
      // until the holder is back from it.
      holder.stall(this.#signalNs);
      sleeper.signalledAt = this.context.env.now;
    }
    this.#wakeToTry(sleeper, holder);
    this.#armCheck();
  }

  #wakeToTry(sleeper: Sleeper, wokenBy: GilThread | null, latencyNs = this.context.random.jitter(this.#wakeNs)): void {
    sleeper.wokenBy = wokenBy;
    this.#waking++;
    sleeper.thread.wakeForGil(() => this.#attempt(sleeper), this.#attemptNs, latencyNs);
  }

  #attempt(sleeper: Sleeper): void {
    this.#waking--;
    if (!sleeper.inSemWait) this.#wakingOutsideSemWait--;
    const { recorder, env, interpreter, random } = this.context;
    const holder = this.holder;
    const wokenBy = sleeper.wokenBy;
    sleeper.wokenBy = null;
    if (!holder) {
      this.#take(sleeper.thread, 'woken-waiter');
      this.#settled();
      sleeper.granted();
      return;
    }
    const signalledAt = sleeper.signalledAt;
    sleeper.signalledAt = undefined;
    const timings = sleeper.inSemWait || this.#releasesCostMore() ? this.#race : this.#raceNoneInSemWait;
    const race = raceForLock({ arrivedAt: env.now - this.#attemptNs, signalledAt }, holder, timings, () => random.next());
    if (race !== 'lost') {
      this.#steal(holder, sleeper, race);
      return;
    }
    recorder.failedAcquires++;
    const cause = holder === wokenBy ? 'failed-acquire-retaken' : 'failed-acquire-taken';
    recorder.gilEvent('failed-acquire', sleeper.thread.id, env.now, interpreter, cause, holder.id);
    this.#sleep(sleeper);
  }

  /** `sleeper` got the lock while `holder` had it released at a check: the holder's sem_wait blocks, so it sleeps before the winner runs on. */
  #steal(holder: GilThread, sleeper: Sleeper, won: Exclude<LockRace, 'lost'>): void {
    const resume = holder.suspendPython();
    // In the signal window the release is the check that woke it (already recorded); a release window is a later check.
    if (won === 'release-window') this.#recordRelease(holder, 'check-interval', sleeper);
    this.#take(sleeper.thread, won);
    this.#sleep({ thread: holder, granted: resume, signalledAt: undefined, wokenBy: null, inSemWait: true });
    sleeper.granted();
  }

  /** After a waiter got the lock: the holder stops paying for releases if nobody waits. */
  #settled(): void {
    if (this.#releaseCostVaries && !this.#releasesCostMore()) this.holder?.rateChanged();
  }

  #setFree(): void {
    this.holder = null;
    this.#checkTimer?.cancel();
    this.#checkTimer = null;
    this.context.recorder.gilHeld(this.context.interpreter, null, this.context.env.now);
  }

  #take(thread: GilThread, cause: GilCause): void {
    const { recorder, env, interpreter } = this.context;
    this.holder = thread;
    recorder.gilHeld(interpreter, thread.id, env.now);
    const last = this.#lastHolder;
    if (last && last !== thread) {
      recorder.gilHandoffs++;
      recorder.gilEvent('handoff', thread.id, env.now, interpreter, cause, last.id);
    } else {
      recorder.gilEvent('acquire', thread.id, env.now, interpreter, cause);
    }
    this.#lastHolder = thread;
  }

  /** `thread` releases the lock (at a check it takes it straight back, unless a waiter wins); `woken` is the sleeper the release wakes. */
  #recordRelease(thread: GilThread, cause: GilCause, woken: Sleeper | undefined): void {
    this.context.recorder.gilEvent('release', thread.id, this.context.env.now, this.context.interpreter, cause, woken?.thread.id);
  }
}
