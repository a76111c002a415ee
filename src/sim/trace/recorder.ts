/**
 * The recorder turns state changes into the trace and keeps metrics as it goes.
 *
 * Memory stays proportional to *state changes*, not to simulated work: a thread
 * running a billion bytecodes is one interval; consecutive intervals in the same
 * state (and from the same scenario line) are merged; per-thread time in each
 * state is summed as it happens; point events are capped. Times arrive in ns and
 * leave in ms.
 */

import type {
  ConsoleLine, CpuInterval, GilInterval, LatencySummary, Metrics, StateInterval, ThreadState,
  Trace, TraceEvent, TraceEventKind, TraceThread,
} from '../result';

const NS_PER_MS = 1e6;
/** Point events kept in the trace; the rest are only counted. */
export const MAX_TRACE_EVENTS = 20_000;

interface OpenState {
  state: ThreadState;
  line: number | undefined;
  since: number;
  /** The thread's entry in `threads` (its end time is set when it finishes). */
  record: TraceThread;
}

interface ThreadTotals {
  python: number;
  native: number;
  'gil-wait': number;
  'cpu-wait': number;
  blocked: number;
}

export class Recorder {
  readonly threads: TraceThread[] = [];
  readonly intervals: StateInterval[] = [];
  readonly #cpuLane = new Ownership<CpuInterval>((cpu, thread, start, end) => ({ cpu, thread, start, end }));
  readonly #gilLane = new Ownership<GilInterval>((interpreter, thread, start, end) => ({ interpreter, thread, start, end }));
  readonly events: TraceEvent[] = [];
  readonly console: ConsoleLine[] = [];
  readonly interpreters: Trace['interpreters'] = [];
  eventsDropped = 0;

  gilHandoffs = 0;
  failedAcquires = 0;
  dropRequests = 0;
  gilChecks = 0;
  contextSwitches = 0;
  #busyNs = 0;
  #ioLatenciesNs: number[] = [];

  #open = new Map<number, OpenState>();
  #lastInterval = new Map<number, StateInterval>();
  #totals = new Map<number, ThreadTotals>();

  /** A thread starts existing at `now`, in `state`. */
  addThread(thread: Omit<TraceThread, 'startMs' | 'endMs'>, now: number, state: ThreadState): void {
    const record = { ...thread, startMs: now / NS_PER_MS, endMs: now / NS_PER_MS };
    this.threads.push(record);
    this.#totals.set(thread.id, { python: 0, native: 0, 'gil-wait': 0, 'cpu-wait': 0, blocked: 0 });
    this.#open.set(thread.id, { state, line: undefined, since: now, record });
  }

  addInterpreter(id: number, name: string, process: number, hasGil: boolean): void {
    this.interpreters.push({ id, name, process, hasGil });
  }

  /** `thread` is in `state` from `now` on (same state and line: nothing changes). */
  setState(thread: number, state: ThreadState, now: number, line?: number): void {
    const open = this.#open.get(thread);
    if (!open) throw new Error(`invariant: state change for unknown or finished thread ${thread}`);
    if (open.state === state && open.line === line) return;
    this.#close(thread, open, now);
    open.state = state;
    open.line = line;
    open.since = now;
  }

  /** Current state of a live thread. */
  stateOf(thread: number): ThreadState | undefined {
    return this.#open.get(thread)?.state;
  }

  /** The thread has finished at `now`. */
  endThread(thread: number, now: number): void {
    const open = this.#open.get(thread);
    if (!open) return;
    this.#close(thread, open, now);
    this.#open.delete(thread);
    // Kept on the open state, not searched for: a search made 30,000 threads take ~40 s.
    open.record.endMs = now / NS_PER_MS;
  }

  #close(thread: number, open: OpenState, now: number): void {
    const duration = now - open.since;
    if (duration <= 0) return;
    const totals = this.#totals.get(thread)!;
    totals[open.state] += duration;
    const start = open.since / NS_PER_MS;
    const end = now / NS_PER_MS;
    const last = this.#lastInterval.get(thread);
    if (last && last.state === open.state && last.line === open.line && last.end === start) {
      last.end = end;
      return;
    }
    const interval: StateInterval = { thread, state: open.state, start, end };
    if (open.line !== undefined) interval.line = open.line;
    this.intervals.push(interval);
    this.#lastInterval.set(thread, interval);
  }

  /** A CPU starts running `thread` (or goes idle with `thread` = null). */
  cpuRuns(cpu: number, thread: number | null, now: number): void {
    this.#busyNs += this.#cpuLane.set(cpu, thread, now);
  }

  /** The GIL of `interpreter` is held by `thread` from now (null: free). */
  gilHeld(interpreter: number, thread: number | null, now: number): void {
    this.#gilLane.set(interpreter, thread, now);
  }

  event(kind: TraceEventKind, thread: number, now: number, interpreter?: number): void {
    if (this.events.length >= MAX_TRACE_EVENTS) {
      this.eventsDropped++;
      return;
    }
    const entry: TraceEvent = { time: now / NS_PER_MS, kind, thread };
    if (interpreter !== undefined) entry.interpreter = interpreter;
    this.events.push(entry);
  }

  log(thread: number, text: string, now: number): void {
    this.console.push({ time: now / NS_PER_MS, thread, text });
  }

  ioLatency(ns: number): void {
    this.#ioLatenciesNs.push(ns);
  }

  /** Close everything at `end` and produce the trace and metrics. */
  finish(end: number, cpus: number, runtime: string, simEvents: number): { trace: Trace; metrics: Metrics } {
    for (const [thread] of this.#open) this.endThread(thread, end);
    this.#busyNs += this.#cpuLane.closeAll(end);
    this.#gilLane.closeAll(end);
    const cpu = this.#cpuLane.intervals.sort((a, b) => a.cpu - b.cpu || a.start - b.start);
    const wallMs = end / NS_PER_MS;
    const threads = this.threads.map((thread) => {
      const totals = this.#totals.get(thread.id)!;
      return {
        name: thread.name,
        kind: thread.kind,
        cpuMs: (totals.python + totals.native) / NS_PER_MS,
        pythonMs: totals.python / NS_PER_MS,
        nativeMs: totals.native / NS_PER_MS,
        gilWaitMs: totals['gil-wait'] / NS_PER_MS,
        cpuWaitMs: totals['cpu-wait'] / NS_PER_MS,
        blockedMs: totals.blocked / NS_PER_MS,
        startMs: thread.startMs,
        endMs: thread.endMs,
      };
    });
    const metrics: Metrics = {
      runtime,
      cpus,
      wallMs,
      threads,
      gilHandoffs: this.gilHandoffs,
      failedAcquires: this.failedAcquires,
      dropRequests: this.dropRequests,
      gilChecks: Math.round(this.gilChecks),
      contextSwitches: this.contextSwitches,
      cpuUtilization: end > 0 ? this.#busyNs / (cpus * end) : 0,
      ioLatencyMs: summarize(this.#ioLatenciesNs),
      simEvents,
    };
    const trace: Trace = {
      endMs: wallMs,
      cpus,
      threads: this.threads,
      interpreters: this.interpreters,
      intervals: this.intervals,
      cpu,
      gil: this.#gilLane.intervals,
      events: this.events,
      eventsDropped: this.eventsDropped,
      console: this.console,
    };
    return { trace, metrics };
  }
}

/** p50 / p99 / max of latencies in ns, reported in ms (nearest-rank percentiles). */
export function summarize(samplesNs: number[]): LatencySummary {
  if (!samplesNs.length) return { count: 0, p50: 0, p99: 0, max: 0 };
  const sorted = Float64Array.from(samplesNs).sort();
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
  return {
    count: sorted.length,
    p50: rank(0.5) / NS_PER_MS,
    p99: rank(0.99) / NS_PER_MS,
    max: sorted[sorted.length - 1] / NS_PER_MS,
  };
}

/**
 * Who holds each of a set of resources (CPUs, GILs) over time, as intervals. A
 * resource released and re-taken by the same thread at the same instant (C code of
 * zero length, a thread dispatched again on its CPU) stays one interval.
 */
class Ownership<T extends { thread: number; start: number; end: number }> {
  readonly intervals: T[] = [];
  readonly #open = new Map<number, { thread: number; since: number }>();
  readonly #last = new Map<number, T>();

  constructor(private readonly make: (key: number, thread: number, start: number, end: number) => T) {}

  /** Resource `key` is held by `thread` from `now` (null: free). Returns how long, in ns, the previous holder had it. */
  set(key: number, thread: number | null, now: number): number {
    const open = this.#open.get(key);
    if (open && open.thread === thread) return 0;
    let held = 0;
    if (open) {
      held = Math.max(0, now - open.since);
      if (held > 0) {
        const start = open.since / NS_PER_MS;
        const end = now / NS_PER_MS;
        const previous = this.#last.get(key);
        if (previous && previous.thread === open.thread && previous.end === start) previous.end = end;
        else {
          const interval = this.make(key, open.thread, start, end);
          this.intervals.push(interval);
          this.#last.set(key, interval);
        }
      }
      this.#open.delete(key);
    }
    if (thread !== null) this.#open.set(key, { thread, since: now });
    return held;
  }

  /** Release everything at `now`; returns the total ns the released holders had. */
  closeAll(now: number): number {
    let held = 0;
    for (const key of [...this.#open.keys()]) held += this.set(key, null, now);
    return held;
  }
}
