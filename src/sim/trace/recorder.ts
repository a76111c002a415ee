/**
 * The recorder turns state changes into the trace and keeps metrics as it goes.
 *
 * Memory stays proportional to *state changes*, not to simulated work: a thread
 * running a billion bytecodes is one interval; consecutive intervals in the same
 * state (and from the same scenario line) are merged; per-thread time in each
 * state is summed as it happens; point events are capped. Times arrive in ns and
 * leave in ms. Intervals are kept as columns (`columns.ts`) and become the trace's
 * objects only when read.
 */

import type {
  ConsoleLine, CpuInterval, GilInterval, LatencySummary, Metrics, ThreadState,
  Trace, TraceEvent, TraceEventKind, TraceThread,
} from '../result';
import { HolderColumns, lazyProperty, StateColumns } from './columns';

const NS_PER_MS = 1e6;
/** Point events kept in the trace; the rest are only counted. */
export const MAX_TRACE_EVENTS = 20_000;

type ThreadTotals = Record<ThreadState, number>;

/** Everything the recorder keeps about one thread, found with one lookup per state change. */
interface ThreadRecord {
  trace: TraceThread;
  /** The state the thread is in since `since` (null once it has ended). */
  state: ThreadState | null;
  line: number | undefined;
  since: number;
  /** Index of its last interval, which the next one may extend (-1: none yet). */
  last: number;
  totals: ThreadTotals;
}

export class Recorder {
  readonly threads: TraceThread[] = [];
  readonly #intervals = new StateColumns();
  readonly #cpuLane = new Ownership();
  readonly #gilLane = new Ownership();
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

  readonly #records = new Map<number, ThreadRecord>();

  /** A thread starts existing at `now`, in `state`. */
  addThread(thread: Omit<TraceThread, 'startMs' | 'endMs'>, now: number, state: ThreadState): void {
    const trace = { ...thread, startMs: now / NS_PER_MS, endMs: now / NS_PER_MS };
    this.threads.push(trace);
    this.#records.set(thread.id, {
      trace, state, line: undefined, since: now, last: -1,
      totals: { python: 0, native: 0, 'gil-wait': 0, 'cpu-wait': 0, blocked: 0 },
    });
  }

  addInterpreter(id: number, name: string, process: number, hasGil: boolean): void {
    this.interpreters.push({ id, name, process, hasGil });
  }

  /** `thread` is in `state` from `now` on (same state and line: nothing changes). */
  setState(thread: number, state: ThreadState, now: number, line?: number): void {
    const record = this.#records.get(thread);
    if (!record?.state) throw new Error(`invariant: state change for unknown or finished thread ${thread}`);
    if (record.state === state && record.line === line) return;
    this.#close(record, record.state, now);
    record.state = state;
    record.line = line;
    record.since = now;
  }

  /** Current state of a live thread. */
  stateOf(thread: number): ThreadState | undefined {
    return this.#records.get(thread)?.state ?? undefined;
  }

  /** The thread has finished at `now`. */
  endThread(thread: number, now: number): void {
    const record = this.#records.get(thread);
    if (!record?.state) return;
    this.#close(record, record.state, now);
    record.state = null;
    record.trace.endMs = now / NS_PER_MS;
  }

  /** The thread leaves `state` (entered at `record.since`) at `now`. */
  #close(record: ThreadRecord, state: ThreadState, now: number): void {
    const duration = now - record.since;
    if (duration <= 0) return;
    record.totals[state] += duration;
    const start = record.since / NS_PER_MS;
    const end = now / NS_PER_MS;
    const columns = this.#intervals;
    const last = record.last;
    if (last >= 0 && columns.state[last] === state && columns.line[last] === record.line && columns.end[last] === start) {
      columns.end[last] = end;
      return;
    }
    record.last = columns.push(record.trace.id, state, start, end, record.line);
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
    for (const [thread] of this.#records) this.endThread(thread, end);
    this.#busyNs += this.#cpuLane.closeAll(end);
    this.#gilLane.closeAll(end);
    const wallMs = end / NS_PER_MS;
    const threads = this.threads.map((thread) => {
      const { totals } = this.#records.get(thread.id)!;
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
      intervals: [],
      cpu: [],
      gil: [],
      events: this.events,
      eventsDropped: this.eventsDropped,
      console: this.console,
    };
    const intervals = this.#intervals;
    const cpuColumns = this.#cpuLane.columns;
    const gilColumns = this.#gilLane.columns;
    lazyProperty(trace, 'intervals', () => intervals.rows());
    lazyProperty(trace, 'cpu', () => {
      const { key, start } = cpuColumns;
      const byCpu = Array.from({ length: cpuColumns.length }, (_, index) => index)
        .sort((a, b) => key[a] - key[b] || start[a] - start[b]);
      return cpuColumns.rows<CpuInterval>((cpu, thread, start, end) => ({ cpu, thread, start, end }), byCpu);
    });
    lazyProperty(trace, 'gil', () => gilColumns.rows<GilInterval>((interpreter, thread, start, end) => ({ interpreter, thread, start, end })));
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

/** Who holds one resource now, and since when. */
interface Holding {
  thread: number | null;
  since: number;
  /** Index of the resource's last interval, which the next one may extend (-1: none yet). */
  last: number;
  /** When it was taken, as a count of takings (to close open holdings in the order they were taken). */
  taken: number;
}

/**
 * Who holds each of a set of resources (CPUs, GILs) over time, as intervals. A
 * resource released and re-taken by the same thread at the same instant (C code of
 * zero length, a thread dispatched again on its CPU) stays one interval.
 */
class Ownership {
  readonly columns = new HolderColumns();
  readonly #holdings = new Map<number, Holding>();
  #takings = 0;

  /** Resource `key` is held by `thread` from `now` (null: free). Returns how long, in ns, the previous holder had it. */
  set(key: number, thread: number | null, now: number): number {
    let holding = this.#holdings.get(key);
    if (!holding) this.#holdings.set(key, (holding = { thread: null, since: 0, last: -1, taken: 0 }));
    const previous = holding.thread;
    if (previous === thread) return 0;
    let held = 0;
    if (previous !== null) {
      held = Math.max(0, now - holding.since);
      if (held > 0) {
        const start = holding.since / NS_PER_MS;
        const end = now / NS_PER_MS;
        const { columns } = this;
        const last = holding.last;
        if (last >= 0 && columns.thread[last] === previous && columns.end[last] === start) columns.end[last] = end;
        else holding.last = columns.push(key, previous, start, end);
      }
    }
    holding.thread = thread;
    if (thread !== null) {
      holding.since = now;
      holding.taken = this.#takings++;
    }
    return held;
  }

  /** Release everything at `now`, the longest-held first; returns the total ns the released holders had. */
  closeAll(now: number): number {
    const open = [...this.#holdings].filter(([, holding]) => holding.thread !== null).sort(([, a], [, b]) => a.taken - b.taken);
    let held = 0;
    for (const [key] of open) held += this.set(key, null, now);
    return held;
  }
}
