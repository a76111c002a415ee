/**
 * A blocking call the way CPython makes one: release the GIL, sleep until the
 * condition is met, wake (OS wake-up latency), take the GIL back, go on.
 *
 * A thread makes one blocking call at a time, so each thread has one of these
 * and reuses it call after call: a long run makes hundreds of thousands of
 * calls, and closures made afresh for each step of each call would be most of
 * what the garbage collector has to do.
 */

import type { CpuWork } from './cpu-work';
import type { Environment } from './engine/env';
import type { GilModel } from './gil/model';
import type { GilThread } from './gil/thread-view';
import type { SimParams } from './params';
import type { ThreadState, VoluntaryRelease } from './result';
import type { Recorder } from './trace/recorder';

/** What a blocking call needs of its thread (a narrow view, so the thread can hold its call). */
export interface BlockingThread extends GilThread {
  readonly world: { readonly env: Environment; readonly recorder: Recorder; readonly params: SimParams };
  readonly interpreter: { readonly gil: GilModel };
  /** What it sleeps on, for deadlock reports. */
  waitingOn: string | undefined;
  resumeWith: ((value: unknown) => void) | undefined;
  sleep(state: ThreadState): void;
  wake(work: CpuWork, latencyNs?: number): void;
  overhead(display: ThreadState, ns: number, then: () => void): CpuWork;
}

/** What a condition already met hands back (see `ready`). */
export type Immediate = { value: unknown };

/** Called once the condition is met, with the value the call returns (and, for I/O, when it completed). */
export type Resume = (value: unknown, completedAt?: number) => void;

export class BlockingCall<T extends BlockingThread> {
  #arm: ((resume: Resume) => void) | undefined;
  #waitingOn: string | undefined;
  #ready: (() => Immediate | undefined) | undefined;
  /** Try `ready` again on waking and sleep again if it fails (a lock or Condition waiter that finds it taken). */
  #recheck = false;
  #then: ((value: unknown) => void) | undefined;
  #value: unknown;
  #completedAt: number | undefined;
  /** For `sleep`: how long until the timer or device completes, ns. */
  #sleepNs = 0;

  constructor(
    readonly thread: T,
    /** Where the scenario goes on when a call has no `then`. */
    private readonly proceed: (thread: T, value: unknown) => void,
  ) {}

  /**
   * Release the GIL, sleep until `arm`'s `resume` is called, then wake, take the
   * GIL back and go on with `then` (default: the scenario code) and the value.
   *
   * Releasing the GIL may itself wait (the new GIL's forced switching), so the
   * condition is checked again once the GIL is released: `ready` says whether it
   * is already met (the lock got free, the thread started, the item arrived), in
   * which case the thread does not sleep at all. `why` is what the GIL's release
   * is recorded as: a wait on a lock, an event, a queue, a join or a thread's start
   * unless told otherwise.
   */
  start(arm: (resume: Resume) => void, waitingOn?: string, ready?: () => Immediate | undefined, then?: (value: unknown) => void,
    why: VoluntaryRelease = 'lock-wait-release', recheck = false): void {
    this.#arm = arm;
    this.#waitingOn = waitingOn;
    this.#ready = ready;
    this.#then = then;
    this.#recheck = recheck;
    this.thread.interpreter.gil.release(this.thread, this.#released, why);
  }

  /** Sleep or I/O (`why` says which): the condition is a timer (or a device) that completes after `durationNs`. */
  sleep(durationNs: number, why: 'io-release' | 'sleep-release'): void {
    this.#sleepNs = durationNs;
    this.start(this.#armTimer, undefined, undefined, undefined, why);
  }

  /** Handed to `arm`: the condition is met. */
  readonly resume: Resume = (value, completedAt) => {
    const thread = this.thread;
    thread.waitingOn = undefined;
    thread.resumeWith = undefined;
    this.#value = value;
    this.#completedAt = completedAt;
    thread.wake(thread.overhead('gil-wait', thread.world.params.acquireAttemptUs * 1e3, this.#woken));
  };

  readonly #released = () => {
    const thread = this.thread;
    const already = this.#ready?.();
    if (already) {
      this.#value = already.value;
      this.#completedAt = undefined;
      thread.interpreter.gil.acquire(thread, this.#granted);
      return;
    }
    this.#sleep();
  };

  #sleep(): void {
    const thread = this.thread;
    thread.waitingOn = this.#waitingOn;
    thread.sleep('blocked');
    this.#arm!(this.resume);
  }

  readonly #woken = () => {
    if (this.#recheck) {
      // Woken by a release or a notify, it tries again without the GIL (sem_wait's loop,
      // Condition.wait's while): a thread that got there first leaves it to sleep again.
      const got = this.#ready!();
      if (!got) {
        this.#sleep();
        return;
      }
      this.#value = got.value;
    }
    this.thread.interpreter.gil.acquire(this.thread, this.#granted);
  };

  readonly #granted = () => {
    const { world } = this.thread;
    // Read everything first: going on may start this thread's next blocking call.
    const value = this.#value;
    const then = this.#then;
    if (this.#completedAt !== undefined) world.recorder.ioLatency(world.env.now - this.#completedAt);
    this.#arm = this.#ready = this.#then = this.#value = undefined;
    this.#recheck = false;
    if (then) then(value);
    else this.proceed(this.thread, value);
  };

  readonly #armTimer = () => this.thread.world.env.after(this.#sleepNs, this.#timerDone);

  readonly #timerDone = () => {
    const { world } = this.thread;
    world.recorder.event('io-done', this.thread.id, world.env.now);
    this.resume(undefined, world.env.now);
  };
}
