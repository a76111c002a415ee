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
  | 'acquire'          // a thread took the GIL without it changing hands (its first take, or back after its own release)
  | 'release'          // the holder released the GIL (old GIL at a check: released and took it straight back)
  | 'drop-request'     // new GIL: a waiter timed out and asked the holder to drop the GIL
  | 'failed-acquire'   // a woken waiter found the GIL taken again and went back to sleep
  | 'handoff'          // the GIL changed hands
  | 'io-done'          // blocking I/O or sleep completed
  | 'lost-update'      // a thread wrote back a stale value of a Shared variable, wiping out other threads' updates
  | 'spawn' | 'exit';

/** The kinds of GIL event: each carries a `cause`. */
export const gilEventKinds: readonly TraceEventKind[] = ['acquire', 'release', 'drop-request', 'failed-acquire', 'handoff'];

/**
 * Why a GIL event happened, in the terms of CPython's own mechanism
 * (`Python/ceval_gil.c` from 3.2, `Python/ceval.c` + `thread_pthread.h` before).
 */
export type GilCause =
  // ---- Why a thread took the GIL ('acquire', 'handoff') ----
  /** take_gil found the GIL unlocked: no wait. */
  | 'gil-free'
  /** The release (drop_gil, or the old GIL's sem_post) signalled this sleeping waiter, and it found the GIL free. */
  | 'woken-waiter'
  /** New GIL: its COND_TIMED_WAIT (the switch interval) timed out. Taking the GIL: it was free then. A drop request: no switch happened meanwhile, so it sets gil_drop_request. */
  | 'timed-out-wait'
  /** New GIL: it took the GIL the holder dropped on request; FORCE_SWITCHING keeps the holder from taking it straight back. */
  | 'forced-switch'
  /** Old GIL, Linux: the woken waiter took the semaphore while the holder was still inside sem_post's futex-wake syscall (see `gil/semaphore-race.ts`). */
  | 'signal-window'
  /** Old GIL: the woken waiter landed between the holder's release and re-acquire at a check, and took the lock (see `gil/semaphore-race.ts`). */
  | 'release-window'
  /** Old GIL, one CPU: the OS switched the holder out between its release and its re-acquire at a check, so the woken thread took the lock. */
  | 'wake-up-preemption'
  // ---- Why the holder released it ('release') ----
  /** Blocking I/O: Py_BEGIN_ALLOW_THREADS around the read or write. */
  | 'io-release'
  /** time.sleep releases the GIL while it sleeps. */
  | 'sleep-release'
  /** C code that releases the GIL (Py_BEGIN_ALLOW_THREADS … Py_END_ALLOW_THREADS). */
  | 'native-release'
  /** Waiting on a lock, an event, a queue, a join or a thread's start: the wait releases the GIL. */
  | 'lock-wait-release'
  /** The thread ends: its last drop_gil (tstate deleted). */
  | 'exit-release'
  /** New GIL: the holder saw gil_drop_request at an eval-breaker check and dropped the GIL. */
  | 'drop-request-honoured'
  /** Old GIL: the check interval (_Py_Ticker) ran out: the holder releases and re-acquires without handing over. */
  | 'check-interval'
  // ---- Why a woken waiter failed to take it ('failed-acquire') ----
  /** The thread whose release woke it took the GIL back before it was scheduled (the semaphore race lost). */
  | 'failed-acquire-retaken'
  /** Another thread took the GIL before it was scheduled. */
  | 'failed-acquire-taken';

/** Every GIL cause (to validate traces read back from a file or a worker). */
export const gilCauses: readonly GilCause[] = [
  'gil-free', 'woken-waiter', 'timed-out-wait', 'forced-switch', 'signal-window', 'release-window', 'wake-up-preemption',
  'io-release', 'sleep-release', 'native-release', 'lock-wait-release', 'exit-release', 'drop-request-honoured', 'check-interval',
  'failed-acquire-retaken', 'failed-acquire-taken',
];

/** Why a thread releases the GIL of its own accord (what `GilModel.release` is told). */
export type VoluntaryRelease = Extract<GilCause, 'io-release' | 'sleep-release' | 'native-release' | 'lock-wait-release' | 'exit-release'>;

/** A point event on the timeline (a drop request, a failed acquisition, a hand-off...). */
export interface TraceEvent {
  time: number;
  kind: TraceEventKind;
  thread: number;
  /** Interpreter of the GIL concerned, for GIL events. */
  interpreter?: number;
  /** Why it happened: on every GIL event (`gilEventKinds`). */
  cause?: GilCause;
  /**
   * The other thread of a GIL event: the previous holder (hand-off), the holder
   * (failed acquire, drop request), or the waiter the release woke (release).
   */
  other?: number;
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
  /**
   * A real run's trace (`gilsim twin`, "Load a real trace"): the OS shows each thread's
   * state but neither who holds the GIL nor which CPU runs whom, so no GIL or CPU lanes.
   */
  threadsOnly?: boolean;
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
