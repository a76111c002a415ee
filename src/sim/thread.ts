/**
 * A simulated OS thread running Python: how it gets CPUs from the scheduler,
 * does work on them, sleeps and wakes. What it does (the scenario's operations)
 * is in `perform.ts`; who may run bytecode is its interpreter's GIL model.
 */

import type { BlockingCall } from './blocking-call';
import type { Environment, Timer } from './engine/env';
import type { Cpu, Schedulable, Scheduler } from './machine/scheduler';
import type { GilThread } from './gil/thread-view';
import { consume, remainingNs, type CpuWork } from './cpu-work';
import type { Interpreter } from './interpreter';
import type { ThreadState, TraceThread } from './result';
import type { Operation } from './op-types';
import type { SimParams } from './params';
import type { Recorder } from './trace/recorder';

export type ThreadKind = TraceThread['kind'];

/**
 * What a thread needs of its run: the clock, the OS scheduler, the recorder and
 * the parameters. A narrow view, so this file does not import `world.ts` (which
 * creates threads); the engine's `World` is passed as `W` and stays reachable as
 * `thread.world` for the code that performs operations.
 */
export interface ThreadWorld {
  readonly env: Environment;
  readonly scheduler: Scheduler;
  readonly recorder: Recorder;
  readonly params: SimParams;
}

export class SimThread<W extends ThreadWorld = ThreadWorld> implements Schedulable, GilThread {
  cpu: Cpu | null = null;
  lastCpu = -1;
  runnable = false;
  vruntime = 0;
  deadline = 0;
  lag = 0;
  finished = false;
  /** Value the thread's body returned. */
  result: unknown = undefined;
  /** Line of the operation in progress (for the trace). */
  line: number | undefined;
  /** What it sleeps on, for deadlock reports. */
  waitingOn: string | undefined;
  /** Continuation that runs its scenario code on (made once, by perform.ts). */
  proceed: (() => void) | undefined;
  /** Its blocking call, reused from call to call (made by perform.ts at the first). */
  blockingCall: BlockingCall<SimThread<W>> | undefined;
  /** Wakes it from a lock, event or queue wait with the value to hand back. */
  resumeWith: ((value: unknown) => void) | undefined;
  /** Process main threads: bytes of arguments to unpickle and of result to pickle. */
  argBytes = 0;
  resultBytes = 0;
  /** Has it taken its GIL for the first time (Thread.start() returns then)? */
  started = false;
  /** Called once the thread holds its GIL for the first time. */
  readonly onStarted: (() => void)[] = [];
  /** Called when the thread has finished (joins, process bookkeeping). */
  readonly onExit: (() => void)[] = [];

  #work: CpuWork | null = null;
  /** When the current work started running on the CPU (valid while #doneTimer is set). */
  #workStart = 0;
  #nsPerUnit = 1;
  #doneTimer: Timer | null = null;
  /** When the running work will be done, ns; the timer may fire earlier and is then moved. */
  #deadline = 0;
  /** Units of the running work left when it (re)started, to report bytecodes run on pause. */
  #unitsAtStart = 0;
  readonly #onDeadline = () => this.#deadlineReached();
  #startTimer: Timer | null = null;
  /** The context switch is over: start the work (one callback per thread, not one per dispatch). */
  readonly #onStart = () => {
    this.#startTimer = null;
    if (this.#work) this.#begin();
  };
  /** The wake-up latency is over: compete for a CPU. */
  readonly #onWoken = () => {
    this.world.recorder.setState(this.id, 'cpu-wait', this.world.env.now, this.line);
    this.world.scheduler.makeRunnable(this, true);
  };
  /** The state to show while asleep (gil-wait or blocked). */
  #asleep: ThreadState | null = null;
  /** Stack of generators: scenario body first. */
  readonly iterator: Generator<Operation, unknown, unknown>;

  constructor(
    readonly world: W,
    readonly id: number,
    readonly name: string,
    readonly kind: ThreadKind,
    readonly interpreter: Interpreter,
    readonly parent: SimThread<W> | null,
    body: () => Generator<Operation, unknown, unknown>,
  ) {
    this.iterator = body();
    if (!this.iterator || typeof (this.iterator as Generator).next !== 'function') {
      throw new TypeError(`thread "${name}": its body must be a generator function (function* () { ... })`);
    }
  }

  get process(): number {
    return this.interpreter.process;
  }

  /** Is the thread on a CPU executing bytecode right now? */
  get runningPython(): boolean {
    return this.#doneTimer !== null && this.#work?.kind === 'python';
  }

  /** Fixed stall (cold caches, a syscall) still ahead of the running work, ns. */
  get stallAheadNs(): number {
    if (!this.#doneTimer) return 0;
    return Math.max(0, this.#work!.stallNs - (this.world.env.now - this.#workStart));
  }

  // ---- doing work on a CPU -------------------------------------------------

  /** Do `work` on a CPU: at once if on one, else when the scheduler gives it one. */
  run(work: CpuWork): void {
    if (this.#work) throw new Error(`invariant: thread "${this.name}" starts work while busy`);
    this.#work = work;
    if (this.cpu) {
      if (!this.#startTimer) this.#begin();
    } else if (!this.runnable) {
      this.world.recorder.setState(this.id, 'cpu-wait', this.world.env.now, this.line);
      this.world.scheduler.makeRunnable(this, false);
    }
  }

  /** Scheduler: this thread got `cpu`; it starts working at `startAt`. */
  dispatched(_cpu: Cpu, startAt: number): void {
    const env = this.world.env;
    if (startAt === env.now) {
      // Same thread as before on this CPU: no context switch to wait for.
      if (this.#work) this.#begin();
      return;
    }
    this.#startTimer = env.schedule(startAt - env.now, this.#onStart);
  }

  /** Scheduler: the CPU was taken away; keep what is left of the work. */
  preempted(): void {
    if (this.#startTimer) {
      this.#startTimer.cancel();
      this.#startTimer = null;
    } else {
      this.#pause();
    }
    this.world.recorder.setState(this.id, 'cpu-wait', this.world.env.now, this.line);
  }

  #begin(): void {
    const work = this.#work!;
    const world = this.world;
    if (work.kind === 'python') {
      const interpreter = this.interpreter;
      const cpu = this.cpu!.id;
      // Python execution moving to another CPU finds the interpreter's data in
      // the other CPU's caches.
      if (interpreter.gil.hasGil && interpreter.lastPythonCpu >= 0 && interpreter.lastPythonCpu !== cpu) {
        work.stallNs += world.params.cacheMigrationUs * 1e3;
      }
      interpreter.lastPythonCpu = cpu;
      this.#nsPerUnit = interpreter.gil.nsPerBytecode(this);
    } else {
      this.#nsPerUnit = 1;
    }
    world.recorder.setState(this.id, work.display, world.env.now, work.line ?? this.line);
    this.#workStart = world.env.now;
    this.#unitsAtStart = work.units;
    const duration = remainingNs(work, this.#nsPerUnit);
    this.#deadline = world.env.now + duration;
    this.#doneTimer = world.env.schedule(duration, this.#onDeadline);
    work.observer?.resumed();
    if (work.kind === 'python') this.interpreter.gil.pythonResumed(this);
  }

  /** Stop the running work, accounting for what got done. */
  #pause(): void {
    if (!this.#doneTimer) return;
    const work = this.#work!;
    this.#doneTimer.cancel();
    this.#doneTimer = null;
    consume(work, this.world.env.now - this.#workStart, this.#nsPerUnit);
    work.observer?.paused(work.units);
    if (work.kind === 'python') this.interpreter.gil.pythonPaused(this, this.#unitsAtStart - work.units);
  }

  #deadlineReached(): void {
    const env = this.world.env;
    if (env.now < this.#deadline) {
      // Stalls pushed the end back since the timer was set.
      this.#doneTimer = env.schedule(this.#deadline - env.now, this.#onDeadline);
      return;
    }
    this.#finishWork();
  }

  #finishWork(): void {
    const work = this.#work!;
    this.#doneTimer = null;
    this.#work = null;
    work.observer?.paused(0);
    if (work.kind === 'python') this.interpreter.gil.pythonPaused(this, this.#unitsAtStart);
    work.onDone();
    if (this.cpu && !this.#work && !this.finished && this.runnable && !this.#startTimer) {
      throw new Error(`invariant: thread "${this.name}" sits on a CPU with nothing to do`);
    }
  }

  /** Leave the CPU and sleep; `state` is shown until something wakes the thread. */
  sleep(state: ThreadState): void {
    if (this.#work) throw new Error(`invariant: thread "${this.name}" sleeps with work in progress`);
    this.#asleep = state;
    this.world.recorder.setState(this.id, state, this.world.env.now, this.line);
    if (this.#startTimer) {
      this.#startTimer.cancel();
      this.#startTimer = null;
    }
    if (this.cpu) this.world.scheduler.leave(this);
    else if (this.runnable) throw new Error(`invariant: runnable thread "${this.name}" sleeps off-CPU`);
  }

  /** Wake after a latency, then do `work` once on a CPU. */
  wake(work: CpuWork, latencyNs?: number): void {
    if (!this.#asleep) throw new Error(`invariant: thread "${this.name}" woken while awake`);
    this.#asleep = null;
    this.#work = work;
    this.world.env.after(latencyNs ?? this.world.scheduler.wakeLatency(), this.#onWoken);
  }

  /** A small piece of CPU work followed by `then`. */
  overhead(display: ThreadState, ns: number, then: () => void): CpuWork {
    return { kind: 'overhead', display, stallNs: 0, units: ns, onDone: then };
  }

  // ---- GilThread: what GIL models may do -----------------------------------

  sleepForGil(): void {
    this.sleep('gil-wait');
  }

  wakeForGil(then: () => void, cpuNs: number, latencyNs?: number): void {
    this.wake(this.overhead('gil-wait', cpuNs, then), latencyNs);
  }


  suspendPython(): () => void {
    if (!this.runningPython) throw new Error(`invariant: suspendPython on thread "${this.name}" not running Python`);
    this.#pause();
    const work = this.#work!;
    this.#work = null;
    // Cold caches are charged again when it resumes, by #begin.
    return () => this.run(work);
  }

  stall(ns: number): void {
    if (!this.#doneTimer) return;
    // Account for the work done so far, then push the deadline back; the timer
    // stays and is moved when it fires (no cancelled timer per stall).
    const now = this.world.env.now;
    const work = this.#work!;
    consume(work, now - this.#workStart, this.#nsPerUnit);
    this.#workStart = now;
    work.stallNs += ns;
    this.#deadline = now + remainingNs(work, this.#nsPerUnit);
  }

  rateChanged(): void {
    if (!this.runningPython) return;
    this.#pause();
    this.#begin();
  }

  /** For the trace. */
  describe(): Omit<TraceThread, 'startMs' | 'endMs'> {
    return { id: this.id, name: this.name, interpreter: this.interpreter.id, process: this.process, kind: this.kind };
  }
}
