/**
 * One run's world: the environment, the machine, the interpreters, processes and
 * threads, joinable tasks, and the store the threading primitives keep their
 * per-run state in (each primitive's state and behaviour is in `sync/`).
 */

import { Environment } from './engine/env';
import { Random } from './engine/rng';
import { CfsPolicy } from './machine/cfs';
import { EevdfPolicy } from './machine/eevdf';
import { Scheduler, type RunState } from './machine/scheduler';
import { Recorder } from './trace/recorder';
import { Interpreter } from './interpreter';
import { SimThread, type ThreadKind } from './thread';
import { NS_PER_MS, NS_PER_US, type GilContext } from './gil/context';
import type { GilModel } from './gil/model';
import { NewGil } from './gil/new-gil';
import { OldGil } from './gil/old-gil';
import { NoGil } from './gil/no-gil';
import type { SimParams } from './params';
import type { Operation, StartMethod, TaskHandle } from './op-types';
import { SyncStates } from './sync/primitive';

/** Bookkeeping behind a handle that `join` can wait on. */
export interface Task {
  handle: TaskHandle;
  done: boolean;
  value: unknown;
  /** Bytes pickled back to the joiner (processes). */
  resultBytes: number;
  /** The thread behind a thread handle (to refuse a self-join). */
  thread?: SimThread<World>;
  joiners: ((value: unknown) => void)[];
}

export interface WorldHooks {
  onOperation?: (thread: { id: number; name: string; kind: ThreadKind; parent: number | null }, op: Operation, timeMs: number) => void;
}

/** Build the GIL model the parameters ask for. */
export function createGil(context: GilContext): GilModel {
  switch (context.params.gil) {
    case 'old': return new OldGil(context);
    case 'new': return new NewGil(context);
    case 'none': return new NoGil(context);
  }
}

export class World {
  readonly env = new Environment();
  readonly random: Random;
  readonly recorder = new Recorder();
  readonly scheduler: Scheduler;
  readonly threads: SimThread<World>[] = [];
  readonly interpreters: Interpreter[] = [];
  readonly tasks = new Map<number, Task>();
  /** Run-time state of the scenario's locks, events and queues. */
  readonly sync = new SyncStates();
  /** Start methods a process was started with in this run (the first start of each costs more). */
  readonly processMethodsStarted = new Set<StartMethod>();
  /** Processes that have started a thread (a process's first Thread.start() costs more). */
  readonly processesStartedAThread = new Set<number>();
  /** Threads started and not yet finished. */
  live = 0;
  /** Simulated time the last thread finished, ns. */
  endNs = 0;
  /** Operations executed (they count against the event budget too). */
  operations = 0;
  /** Thread whose scenario code is executing (direct `log()` calls are attributed to it). */
  current: SimThread<World> | null = null;
  /** Budget for `operations`, set by the runner. */
  maxOperations = Infinity;
  #nextThreadId = 0;
  #nextProcessId = 1;
  /** Live thread count per process, to know when a process has exited. */
  readonly #processThreads = new Map<number, number>();
  readonly #processExit = new Map<number, () => void>();

  constructor(readonly params: SimParams, readonly hooks: WorldHooks = {}) {
    this.random = new Random(params.seed);
    const policy = params.schedulerPolicy === 'eevdf'
      ? (state: RunState) => new EevdfPolicy(state, { sliceNs: params.baseSliceMs * NS_PER_MS, tickNs: params.tickMs * NS_PER_MS })
      : (state: RunState) => new CfsPolicy(state, {
        timeSliceNs: params.timeSliceMs * NS_PER_MS,
        wakeupGranularityNs: params.wakeupGranularityMs * NS_PER_MS,
        sleeperCreditNs: params.sleeperCreditMs * NS_PER_MS,
      });
    this.scheduler = new Scheduler(this.env, params.cpus, {
      wakeLatencyNs: params.wakeLatencyUs * NS_PER_US,
      contextSwitchNs: params.contextSwitchUs * NS_PER_US,
    }, policy, this.random, this.recorder);
  }

  /** A new interpreter; with `sharedGil` it uses that GIL instead of its own. */
  createInterpreter(name: string, process: number, sharedGil?: GilModel): Interpreter {
    const id = this.interpreters.length;
    const gil = sharedGil ?? createGil({
      env: this.env, scheduler: this.scheduler, random: this.random, recorder: this.recorder,
      params: this.params, interpreter: id,
    });
    const interpreter = new Interpreter(id, name, process, gil);
    this.interpreters.push(interpreter);
    this.recorder.addInterpreter(id, name, process, gil.hasGil);
    return interpreter;
  }

  /** A new OS process id, whose exit runs `onExit`. */
  createProcess(onExit: () => void): number {
    const id = this.#nextProcessId++;
    this.#processExit.set(id, onExit);
    return id;
  }

  /** Create a thread (not yet running: the caller gives it its first work). */
  createThread(name: string, kind: ThreadKind, interpreter: Interpreter, parent: SimThread<World> | null, body: () => Generator<Operation, unknown, unknown>): SimThread<World> {
    const thread = new SimThread<World>(this, this.#nextThreadId++, name, kind, interpreter, parent, body);
    // A new task starts at its parent's virtual runtime (CFS; EEVDF then places it at
    // the average), so parent and child share the CPU fairly instead of the child
    // running first for as long as the parent already has.
    if (parent) thread.vruntime = this.scheduler.vruntimeOf(parent);
    this.threads.push(thread);
    this.live++;
    this.#processThreads.set(thread.process, (this.#processThreads.get(thread.process) ?? 0) + 1);
    this.recorder.addThread(thread.describe(), this.env.now, 'cpu-wait');
    this.recorder.event('spawn', thread.id, this.env.now);
    return thread;
  }

  /** Record that `thread` finished; fire its process's exit when it was the last one. */
  threadFinished(thread: SimThread<World>): void {
    this.live--;
    this.endNs = this.env.now;
    const left = (this.#processThreads.get(thread.process) ?? 1) - 1;
    this.#processThreads.set(thread.process, left);
    if (left === 0) this.#processExit.get(thread.process)?.();
  }

  /** A joinable task for `handle`. */
  addTask(handle: TaskHandle, resultBytes = 0): Task {
    const task: Task = { handle, done: false, value: undefined, resultBytes, joiners: [] };
    this.tasks.set(handle.id, task);
    return task;
  }

  /** Mark a task done and wake its joiners. */
  completeTask(task: Task, value: unknown): void {
    task.done = true;
    task.value = value;
    const joiners = task.joiners.splice(0);
    for (const resume of joiners) resume(value);
  }
}
