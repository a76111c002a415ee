/**
 * What a run produces: a trace (what every thread, CPU and GIL was doing, as
 * intervals) and metrics (the numbers a reader compares). All times are
 * simulated milliseconds from the start of the run.
 */

/** What a thread is doing during an interval. */
export type ThreadState =
  /** On a CPU, executing Python bytecode (holding its GIL, if the build has one). */
  | 'python'
  /** On a CPU, executing C code (with or without the GIL: see `holdsGil` in the GIL lane). */
  | 'native'
  /** Ready to run Python but waiting for its interpreter's GIL. */
  | 'gil-wait'
  /** Runnable (or just woken) but no CPU is free for it yet. */
  | 'cpu-wait'
  /** Blocked: I/O, sleep, a lock, an event, a queue, a join, or process start-up. */
  | 'blocked';

/** Every thread state, in the order the timeline's legend lists them. */
export const threadStates: readonly ThreadState[] = ['python', 'native', 'gil-wait', 'cpu-wait', 'blocked'];

/** One OS thread of the run (main thread, spawned threads, each process's main thread, subinterpreters). */
export interface TraceThread {
  id: number;
  name: string;
  /** Interpreter (GIL domain) this thread runs in. */
  interpreter: number;
  /** OS process it belongs to (0 = the main program). */
  process: number;
  kind: 'main' | 'thread' | 'process' | 'interpreter';
  startMs: number;
  endMs: number;
}

/** A thread in one state from `start` to `end` (ms). Adjacent same-state intervals are merged. */
export interface StateInterval {
  thread: number;
  state: ThreadState;
  start: number;
  end: number;
  /** Scenario line that yielded the operation, when recorded. */
  line?: number;
}

/** A CPU running one thread from `start` to `end`. */
export interface CpuInterval {
  cpu: number;
  thread: number;
  start: number;
  end: number;
}

/** A GIL (one per interpreter, or per process) held by `thread` from `start` to `end`. */
export interface GilInterval {
  interpreter: number;
  thread: number;
  start: number;
  end: number;
}

/** Point events worth drawing. */
export type TraceEventKind =
  | 'drop-request'     // new GIL: a waiter timed out and asked the holder to drop the GIL
  | 'failed-acquire'   // a woken waiter found the GIL taken again and went back to sleep
  | 'handoff'          // the GIL changed hands
  | 'io-done'          // blocking I/O or sleep completed
  | 'lost-update'      // a thread wrote back a stale value of a Shared variable, wiping out other threads' updates
  | 'spawn' | 'exit';

/** A point event on the timeline (a drop request, a failed acquisition, a hand-off...). */
export interface TraceEvent {
  time: number;
  kind: TraceEventKind;
  thread: number;
  /** Interpreter of the GIL concerned, for GIL events. */
  interpreter?: number;
}

/** A line of scenario console output. */
export interface ConsoleLine {
  time: number;
  thread: number;
  text: string;
}

/** Everything that happened in a run, as intervals and events (simulated ms). */
export interface Trace {
  /** Simulated end of the run (wall time), ms. */
  endMs: number;
  cpus: number;
  threads: TraceThread[];
  /** Interpreters (GIL domains): id, name, and whether they have a GIL. */
  interpreters: { id: number; name: string; process: number; hasGil: boolean }[];
  intervals: StateInterval[];
  cpu: CpuInterval[];
  gil: GilInterval[];
  /** Point events; capped (see `eventsDropped`) so long runs stay small. */
  events: TraceEvent[];
  eventsDropped: number;
  console: ConsoleLine[];
}

/** Per-thread figures. */
export interface ThreadMetrics {
  name: string;
  kind: TraceThread['kind'];
  /** CPU time: running Python or C code. */
  cpuMs: number;
  pythonMs: number;
  nativeMs: number;
  /** Time waiting for the GIL. */
  gilWaitMs: number;
  /** Time runnable but with no CPU. */
  cpuWaitMs: number;
  /** Time blocked (I/O, sleep, locks, joins, process start). */
  blockedMs: number;
  startMs: number;
  endMs: number;
}

/** Percentiles of a latency distribution, ms. */
export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** The figures of a run: wall time, per-thread times, GIL activity, CPU use, I/O latency. */
export interface Metrics {
  runtime: string;
  cpus: number;
  /** Simulated wall time of the whole run. */
  wallMs: number;
  threads: ThreadMetrics[];
  /** Times a GIL passed from one thread to another. */
  gilHandoffs: number;
  /** Old GIL: a woken waiter found the GIL re-taken. New GIL: a waiter timed out without getting it. */
  failedAcquires: number;
  /** New GIL: drop requests set by waiters that timed out. */
  dropRequests: number;
  /** Old GIL: release/re-acquire checks performed (analytic count). */
  gilChecks: number;
  contextSwitches: number;
  /** Busy CPU time / (CPUs × wall time), 0..1. */
  cpuUtilization: number;
  /** From an I/O or sleep completing to the thread running Python again. */
  ioLatencyMs: LatencySummary;
  /** Discrete events the engine processed. */
  simEvents: number;
}

/** A `Shared` variable at the end of the run: `expected` is what it would hold had no update been lost. */
export interface SharedResult {
  name: string;
  value: number;
  expected: number;
  /** expected − value. */
  lost: number;
}

/** What `runScenario` returns. */
export interface RunResult {
  trace: Trace;
  metrics: Metrics;
  /** Every `Shared` variable the run updated, in the order first updated. */
  shared: SharedResult[];
}
