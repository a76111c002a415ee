/**
 * The machine: N virtual CPUs and the OS scheduler that puts runnable OS threads
 * on them. It knows nothing about Python or the GIL.
 *
 * - A runnable thread goes to an idle CPU (its last one if idle, for cache
 *   affinity), otherwise to one run queue shared by the CPUs.
 * - A thread woken from sleep (I/O done, lock released, GIL signalled) becomes
 *   runnable only after a wake-up latency; if no CPU is idle it may preempt a
 *   running thread at once, otherwise it queues.
 * - While threads queue, each busy CPU's thread is checked now and then and may
 *   give way to a queued one.
 * - Switching a CPU to a different thread costs a context switch.
 *
 * Which thread preempts which, and which queued thread runs next, is the policy's:
 * Linux's EEVDF (6.6 on, `eevdf.ts`) or its CFS before it (`cfs.ts`).
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
  /** CPU time used so far, ns (the virtual runtime, all threads weighted equally). */
  vruntime: number;
  /** EEVDF: virtual time its current slice ends, ns. */
  deadline: number;
  /** EEVDF: how far behind (positive) or ahead of its fair share it went to sleep, ns. */
  lag: number;
  /** The thread got `cpu`; it can start working at `startAt` (after the context switch). */
  dispatched(cpu: Cpu, startAt: number): void;
  /** The scheduler took its CPU away; it stays runnable. */
  preempted(): void;
}

/** What placing a woken thread reads and sets. */
export type Placed = Pick<Schedulable, 'vruntime' | 'deadline' | 'lag'>;

export class Cpu {
  thread: Schedulable | null = null;
  lastThread: Schedulable | null = null;
  /** When the current thread was put on this CPU, ns. */
  since = 0;
  sliceTimer: Timer | null = null;
  /** What the slice timer runs, made at the first slice (one callback per CPU, not one per slice). */
  onSliceEnd: (() => void) | undefined;
  /** EEVDF's RUN_TO_PARITY: a wake-up does not preempt the current thread before this virtual time. */
  protectUntil = 0;
  constructor(readonly id: number) {}
}

/** The run state a policy reads (and the queue it orders). */
export interface RunState {
  readonly cpus: readonly Cpu[];
  readonly queue: Deque<Schedulable>;
  /** Simulated time now, ns. */
  readonly now: number;
  /** The virtual runtime of `cpu`'s thread now, counting its current stretch. */
  vruntimeOn(cpu: Cpu): number;
}

/** Who preempts whom and who runs next: the OS's rules (cfs.ts, eevdf.ts). */
export interface SchedulingPolicy {
  /** `thread` joins the runnable set. */
  joining(thread: Schedulable): void;
  /** Before a woken thread competes for a busy machine: set its place in virtual time. */
  placeWoken(thread: Placed): void;
  /** The CPU whose thread the woken `waker` preempts right now, or null (it queues). */
  victimFor(waker: Placed): Cpu | null;
  /** Put a thread that a wake-up preempted back in the queue. */
  requeuePreempted(victim: Schedulable): void;
  /** Remove and return the queued thread a free CPU takes next. */
  next(): Schedulable | undefined;
  /** `thread` blocks and is about to leave `cpu`. */
  leaving(thread: Schedulable, cpu: Cpu): void;
  /** `thread` has just been put on `cpu`. */
  dispatched(thread: Schedulable, cpu: Cpu): void;
  /** While threads queue: ns from now until `cpu`'s thread is checked again. */
  untilCheck(cpu: Cpu): number;
  /** That check: remove and return the queued thread that takes `cpu` now, or undefined to keep its thread. */
  check(cpu: Cpu): Schedulable | undefined;
}

export interface SchedulerCosts {
  wakeLatencyNs: number;
  contextSwitchNs: number;
}

export class Scheduler {
  readonly cpus: Cpu[];
  readonly #state: RunState;
  readonly #policy: SchedulingPolicy;

  constructor(
    private readonly env: Environment,
    count: number,
    private readonly costs: SchedulerCosts,
    policy: (state: RunState) => SchedulingPolicy,
    private readonly random: Random,
    private readonly recorder: Recorder,
  ) {
    this.cpus = Array.from({ length: count }, (_, id) => new Cpu(id));
    this.#state = {
      cpus: this.cpus,
      // Runnable threads waiting for a CPU; the policy decides the order they get one in.
      queue: new Deque<Schedulable>(),
      get now() { return env.now; },
      vruntimeOn: (cpu) => cpu.thread!.vruntime + (env.now - cpu.since),
    };
    this.#policy = policy(this.#state);
  }

  /** Number of threads waiting for a CPU. */
  get queued(): number {
    return this.#state.queue.length;
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
    this.#policy.joining(thread);
    const idle = this.#idleCpuFor(thread);
    if (idle) {
      this.#dispatch(thread, idle);
      return;
    }
    if (wakeup) {
      this.#policy.placeWoken(thread);
      const victim = this.#policy.victimFor(thread);
      if (victim) {
        this.#preemptOn(victim, thread);
        return;
      }
    }
    this.#enqueue(thread);
  }

  /** The CPU `waker` would take by wake-up preemption right now (null when a CPU is idle or none qualifies). */
  preemptibleCpu(waker: Placed): Cpu | null {
    return this.#policy.victimFor(waker);
  }

  /** Before a woken thread competes: give it its place in virtual time, as the OS places waking threads. */
  placeWoken(thread: Placed): void {
    this.#policy.placeWoken(thread);
  }

  /** A thread's virtual runtime now, counting its current stretch on a CPU. */
  vruntimeOf(thread: Schedulable): number {
    return thread.cpu ? this.#state.vruntimeOn(thread.cpu) : thread.vruntime;
  }

  /** `thread` leaves its CPU because it blocked or finished. */
  leave(thread: Schedulable): void {
    const cpu = thread.cpu;
    if (!cpu) throw new Error(`invariant: thread ${thread.id} leaves a CPU it is not on`);
    thread.runnable = false;
    this.#policy.leaving(thread, cpu);
    this.#vacate(cpu);
    const next = this.#policy.next();
    if (next) this.#dispatch(next, cpu);
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
    this.#policy.requeuePreempted(victim);
    this.#dispatch(thread, cpu);
    this.#armSlices();
  }

  #enqueue(thread: Schedulable): void {
    this.#state.queue.pushBack(thread);
    this.#armSlices();
  }

  /** While threads queue, every busy CPU's thread is checked for preemption. */
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
    this.#policy.dispatched(thread, cpu);
    this.recorder.cpuRuns(cpu.id, thread.id, now);
    if (this.queued > 0) this.#armSlice(cpu);
    thread.dispatched(cpu, startAt);
  }

  #armSlice(cpu: Cpu): void {
    cpu.sliceTimer = this.env.schedule(this.#policy.untilCheck(cpu), (cpu.onSliceEnd ??= () => this.#sliceCheck(cpu)));
  }

  /** `cpu`'s thread is checked: it gives way to the thread the policy picks (to the back of the queue), or runs on. */
  #sliceCheck(cpu: Cpu): void {
    cpu.sliceTimer = null;
    const current = cpu.thread;
    if (!current || this.queued === 0) return;
    const next = this.#policy.check(cpu);
    if (!next) {
      this.#armSlice(cpu);
      return;
    }
    this.#vacate(cpu);
    current.preempted();
    this.#state.queue.pushBack(current);
    this.#dispatch(next, cpu);
  }
}
