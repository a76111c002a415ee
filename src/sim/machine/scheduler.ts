/**
 * The machine: N virtual CPUs and the OS scheduler that puts runnable OS threads
 * on them. It knows nothing about Python or the GIL.
 *
 * - A runnable thread goes to an idle CPU (its last one if idle, for cache
 *   affinity), otherwise to a FIFO run queue.
 * - With more runnable threads than CPUs, a thread that has run for a time slice
 *   is preempted in favour of the head of the queue.
 * - A thread woken from sleep (I/O done, lock released, GIL signalled) becomes
 *   runnable only after a wake-up latency; if no CPU is idle it preempts a running
 *   thread whose virtual runtime (CPU time used) exceeds its own by at least the
 *   wake-up granularity (CFS wake-up preemption; a sleeper's virtual runtime is
 *   raised to at most `sleeperCredit` behind the others, as CFS places waking
 *   tasks), otherwise it queues.
 * - Switching a CPU to a different thread costs a context switch.
 */

import { Deque } from '../engine/deque';
import type { Environment, Timer } from '../engine/env';
import type { Random } from '../engine/rng';
import type { Recorder } from '../trace/recorder';

/** What the scheduler needs from a thread. */
export interface Schedulable {
  readonly id: number;
  /** CPU the thread is on, or null. */
  cpu: Cpu | null;
  /** Index of the CPU it last ran on, -1 if none. */
  lastCpu: number;
  /** Is it in the run queue or on a CPU? */
  runnable: boolean;
  /** CPU time used so far, ns (CFS's virtual runtime, all threads weighted equally). */
  vruntime: number;
  /** The thread got `cpu`; it can start working at `startAt` (after the context switch). */
  dispatched(cpu: Cpu, startAt: number): void;
  /** The scheduler took its CPU away; it stays runnable. */
  preempted(): void;
}

export class Cpu {
  thread: Schedulable | null = null;
  lastThread: Schedulable | null = null;
  /** When the current thread was put on this CPU, ns. */
  since = 0;
  sliceTimer: Timer | null = null;
  /** What the slice timer runs, made at the first slice (one callback per CPU, not one per slice). */
  onSliceEnd: (() => void) | undefined;
  constructor(readonly id: number) {}
}

export interface SchedulerCosts {
  wakeLatencyNs: number;
  contextSwitchNs: number;
  timeSliceNs: number;
  wakeupGranularityNs: number;
  sleeperCreditNs: number;
}

export class Scheduler {
  readonly cpus: Cpu[];
  /** Runnable threads waiting for a CPU, in the order they get one. */
  readonly #queue = new Deque<Schedulable>();

  constructor(
    private readonly env: Environment,
    count: number,
    private readonly costs: SchedulerCosts,
    private readonly random: Random,
    private readonly recorder: Recorder,
  ) {
    this.cpus = Array.from({ length: count }, (_, id) => new Cpu(id));
  }

  /** Number of threads waiting for a CPU. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Is at least one CPU idle? */
  hasIdleCpu(): boolean {
    return this.cpus.some((cpu) => cpu.thread === null);
  }

  /** A random wake-up latency, ns (jittered around the mean so races are not lock-step). */
  wakeLatency(): number {
    return this.random.jitter(this.costs.wakeLatencyNs);
  }

  /** Make `thread` runnable now. `wakeup` allows wake-up preemption. */
  makeRunnable(thread: Schedulable, wakeup: boolean): void {
    if (thread.runnable) throw new Error(`invariant: thread ${thread.id} made runnable twice`);
    thread.runnable = true;
    const idle = this.#idleCpuFor(thread);
    if (idle) {
      this.#dispatch(thread, idle);
      return;
    }
    if (wakeup) {
      this.#placeWoken(thread);
      const victim = this.preemptibleCpu(thread);
      if (victim) {
        this.#preemptOn(victim, thread);
        return;
      }
    }
    this.#enqueue(thread);
  }

  /**
   * The CPU `waker` would take by wake-up preemption right now: the one whose
   * thread's virtual runtime exceeds the waker's by the most, if by at least the
   * wake-up granularity. Null when a CPU is idle or no thread qualifies.
   */
  preemptibleCpu(waker: { vruntime: number }): Cpu | null {
    let best: Cpu | null = null;
    let bestGap = this.costs.wakeupGranularityNs;
    for (const cpu of this.cpus) {
      if (!cpu.thread) return null;
      const gap = this.#currentVruntime(cpu) - waker.vruntime;
      if (gap >= bestGap) {
        best = cpu;
        bestGap = gap;
      }
    }
    return best;
  }

  /** Before a woken thread competes: raise its virtual runtime to at most the sleeper credit behind the others. */
  placeWoken(thread: { vruntime: number }): void {
    this.#placeWoken(thread);
  }

  #placeWoken(thread: { vruntime: number }): void {
    let min = Infinity;
    for (const cpu of this.cpus) if (cpu.thread && cpu.thread !== thread) min = Math.min(min, this.#currentVruntime(cpu));
    // A scan: the run queue stays short (threads mostly wait on the GIL or I/O, not for a CPU).
    for (let index = 0; index < this.#queue.length; index++) min = Math.min(min, this.#queue.at(index)!.vruntime);
    if (min < Infinity) thread.vruntime = Math.max(thread.vruntime, min - this.costs.sleeperCreditNs);
  }

  /** A thread's virtual runtime now, counting its current stretch on a CPU. */
  vruntimeOf(thread: Schedulable): number {
    return thread.cpu ? this.#currentVruntime(thread.cpu) : thread.vruntime;
  }

  #currentVruntime(cpu: Cpu): number {
    return cpu.thread!.vruntime + (this.env.now - cpu.since);
  }

  /** `thread` leaves its CPU because it blocked or finished. */
  leave(thread: Schedulable): void {
    const cpu = thread.cpu;
    if (!cpu) throw new Error(`invariant: thread ${thread.id} leaves a CPU it is not on`);
    thread.runnable = false;
    this.#vacate(cpu);
    this.#dispatchNext(cpu);
  }

  #idleCpuFor(thread: Schedulable): Cpu | null {
    const last = thread.lastCpu >= 0 ? this.cpus[thread.lastCpu] : undefined;
    if (last && !last.thread) return last;
    for (const cpu of this.cpus) if (!cpu.thread) return cpu;
    return null;
  }

  #preemptOn(cpu: Cpu, thread: Schedulable): void {
    const victim = cpu.thread!;
    this.#vacate(cpu);
    victim.preempted();
    // The preempted thread is still runnable: it waits at the front, as CFS would
    // pick it next (it has used little of its share).
    this.#queue.pushFront(victim);
    this.#dispatch(thread, cpu);
    this.#armSlices();
  }

  #enqueue(thread: Schedulable): void {
    this.#queue.pushBack(thread);
    this.#armSlices();
  }

  /** While threads queue, every busy CPU's thread is preempted when its slice is used up. */
  #armSlices(): void {
    for (const cpu of this.cpus) if (cpu.thread && !cpu.sliceTimer) this.#armSlice(cpu);
  }

  #vacate(cpu: Cpu): void {
    const thread = cpu.thread!;
    cpu.sliceTimer?.cancel();
    cpu.sliceTimer = null;
    cpu.thread = null;
    cpu.lastThread = thread;
    thread.vruntime += this.env.now - cpu.since;
    thread.cpu = null;
    this.recorder.cpuRuns(cpu.id, null, this.env.now);
  }

  #dispatchNext(cpu: Cpu): void {
    const next = this.#queue.popFront();
    if (next) this.#dispatch(next, cpu);
  }

  #dispatch(thread: Schedulable, cpu: Cpu): void {
    const now = this.env.now;
    cpu.thread = thread;
    cpu.since = now;
    thread.cpu = cpu;
    let startAt = now;
    if (cpu.lastThread && cpu.lastThread !== thread) {
      startAt += this.costs.contextSwitchNs;
      this.recorder.contextSwitches++;
    }
    thread.lastCpu = cpu.id;
    this.recorder.cpuRuns(cpu.id, thread.id, now);
    if (this.queued > 0) this.#armSlice(cpu);
    thread.dispatched(cpu, startAt);
  }

  #armSlice(cpu: Cpu): void {
    const remaining = Math.max(0, cpu.since + this.costs.timeSliceNs - this.env.now);
    cpu.sliceTimer = this.env.schedule(remaining, (cpu.onSliceEnd ??= () => this.#sliceEnded(cpu)));
  }

  /** `cpu`'s thread has used up its time slice: to the back of the queue if others wait. */
  #sliceEnded(cpu: Cpu): void {
    cpu.sliceTimer = null;
    const victim = cpu.thread;
    if (!victim || this.queued === 0) return;
    this.#vacate(cpu);
    victim.preempted();
    this.#queue.pushBack(victim);
    this.#dispatchNext(cpu);
  }
}
