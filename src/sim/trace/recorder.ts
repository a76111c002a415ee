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

import {
  threadStates, type ConsoleLine, type CpuInterval, type GilCause, type GilInterval, type LatencySummary, type Metrics,
  type ThreadState, type Trace, type TraceEvent, type TraceEventKind, type TraceThread,
} from '../result';
import { HolderColumns, lazyIntervals, lazyProperty, StateColumns, stateCode } from './columns';
import { selectKth } from './select';

const NS_PER_MS = 1e6;
/** Point events kept in the trace; the rest are only counted. */
export const MAX_TRACE_EVENTS = 20_000;

const PYTHON = stateCode('python');
const NATIVE = stateCode('native');
const GIL_WAIT = stateCode('gil-wait');
const CPU_WAIT = stateCode('cpu-wait');
const BLOCKED = stateCode('blocked');
const ENDED = -1;

/** Everything the recorder keeps about one thread, found with one lookup per state change. */
interface ThreadRecord {
  trace: TraceThread;
  /** Code of the state the thread is in since `since` (ENDED once it has finished). */
  state: number;
  line: number | undefined;
  since: number;
  /** Index of its last interval, which the next one may extend (-1: none yet). */
  last: number;
  /** ns spent in each state, by state code. */
  totals: number[];
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
  /**
   * I/O latencies, ns: the first `#ioLatencyCount` entries. A typed array doubled when
   * full (a run of many threads records hundreds of thousands; an array of numbers
   * would box and copy them as it grows).
   */
  #ioLatenciesNs = new Float64Array(1024);
  #ioLatencyCount = 0;

  /** By thread id (ids are small integers, given out in order). */
  readonly #records: ThreadRecord[] = [];

  /** A thread starts existing at `now`, in `state`. */
  addThread(thread: Omit<TraceThread, 'startMs' | 'endMs'>, now: number, state: ThreadState): void {
    const trace: TraceThread = {
      id: thread.id, name: thread.name, interpreter: thread.interpreter, process: thread.process, kind: thread.kind,
      startMs: now / NS_PER_MS, endMs: now / NS_PER_MS,
    };
    this.threads.push(trace);
    this.#records[thread.id] = {
      trace, state: stateCode(state), line: undefined, since: now, last: -1, totals: threadStates.map(() => 0),
    };
  }

  addInterpreter(id: number, name: string, process: number, hasGil: boolean): void {
    this.interpreters.push({ id, name, process, hasGil });
  }

  /** `thread` is in `state` from `now` on (same state and line: nothing changes). */
  setState(thread: number, state: ThreadState, now: number, line?: number): void {
    const record = this.#records[thread];
    if (!record || record.state === ENDED) throw new Error(`invariant: state change for unknown or finished thread ${thread}`);
    const code = stateCode(state);
    if (record.state === code && record.line === line) return;
    this.#close(record, now);
    record.state = code;
    record.line = line;
    record.since = now;
  }

  /** Current state of a live thread. */
  stateOf(thread: number): ThreadState | undefined {
    const record = this.#records[thread];
    return record && record.state !== ENDED ? threadStates[record.state] : undefined;
  }

  /** The thread has finished at `now`. */
  endThread(thread: number, now: number): void {
    const record = this.#records[thread];
    if (!record || record.state === ENDED) return;
    this.#close(record, now);
    record.state = ENDED;
    record.trace.endMs = now / NS_PER_MS;
  }

  /** The thread leaves its state (entered at `record.since`) at `now`. */
  #close(record: ThreadRecord, now: number): void {
    const duration = now - record.since;
    if (duration <= 0) return;
    const state = record.state;
    record.totals[state] += duration;
    const start = record.since / NS_PER_MS;
    const end = now / NS_PER_MS;
    const columns = this.#intervals;
    if (record.last >= 0 && columns.extend(record.last, state, record.line, start, end)) return;
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

  /** A GIL event of `interpreter`'s GIL, with why it happened and the other thread concerned (see `TraceEvent.other`). */
  gilEvent(kind: TraceEventKind, thread: number, now: number, interpreter: number, cause: GilCause, other?: number): void {
    if (this.events.length >= MAX_TRACE_EVENTS) {
      this.eventsDropped++;
      return;
    }
    const entry: TraceEvent = { time: now / NS_PER_MS, kind, thread, interpreter, cause };
    if (other !== undefined) entry.other = other;
    this.events.push(entry);
  }

  log(thread: number, text: string, now: number): void {
    this.console.push({ time: now / NS_PER_MS, thread, text });
  }

  ioLatency(ns: number): void {
    if (this.#ioLatencyCount === this.#ioLatenciesNs.length) {
      const grown = new Float64Array(2 * this.#ioLatencyCount);
      grown.set(this.#ioLatenciesNs);
      this.#ioLatenciesNs = grown;
    }
    this.#ioLatenciesNs[this.#ioLatencyCount++] = ns;
  }

  /** Close everything at `end` and produce the trace and metrics. */
  finish(end: number, cpus: number, runtime: string, simEvents: number): { trace: Trace; metrics: Metrics } {
    for (const thread of this.threads) this.endThread(thread.id, end);
    this.#busyNs += this.#cpuLane.closeAll(end);
    this.#gilLane.closeAll(end);
    const wallMs = end / NS_PER_MS;
    const threads = this.threads.map((thread) => {
      const { totals } = this.#records[thread.id];
      return {
        name: thread.name,
        kind: thread.kind,
        cpuMs: (totals[PYTHON] + totals[NATIVE]) / NS_PER_MS,
        pythonMs: totals[PYTHON] / NS_PER_MS,
        nativeMs: totals[NATIVE] / NS_PER_MS,
        gilWaitMs: totals[GIL_WAIT] / NS_PER_MS,
        cpuWaitMs: totals[CPU_WAIT] / NS_PER_MS,
        blockedMs: totals[BLOCKED] / NS_PER_MS,
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
      ioLatencyMs: summarize(this.#ioLatenciesNs.subarray(0, this.#ioLatencyCount)),
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
    lazyIntervals(trace, intervals);
    lazyProperty(trace, 'cpu', () => {
      return cpuColumns.rows<CpuInterval>((cpu, thread, start, end) => ({ cpu, thread, start, end }), cpuColumns.byKeyThenStart());
    });
    lazyProperty(trace, 'gil', () => gilColumns.rows<GilInterval>((interpreter, thread, start, end) => ({ interpreter, thread, start, end })));
    return { trace, metrics };
  }
}

/** p50 / p99 / max of latencies in ns, reported in ms (nearest-rank percentiles). */
export function summarize(samplesNs: ArrayLike<number>): LatencySummary {
  if (!samplesNs.length) return { count: 0, p50: 0, p99: 0, max: 0 };
  // A copy: selecting reorders it.
  const values = new Float64Array(samplesNs);
  const count = values.length;
  const rank = (p: number) => Math.min(count - 1, Math.max(0, Math.ceil(p * count) - 1));
  const p50 = selectKth(values, rank(0.5));
  // Selecting the median left everything above it to its right: look for p99 there.
  const p99 = selectKth(values, rank(0.99), rank(0.5));
  const max = selectKth(values, count - 1, rank(0.99));
  return { count, p50: p50 / NS_PER_MS, p99: p99 / NS_PER_MS, max: max / NS_PER_MS };
}

/** Who holds one resource now, and since when. */
interface Holding {
  readonly key: number;
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
  /** By resource key (CPU or interpreter id: small integers). */
  readonly #holdings: Holding[] = [];
  #takings = 0;

  /** Resource `key` is held by `thread` from `now` (null: free). Returns how long, in ns, the previous holder had it. */
  set(key: number, thread: number | null, now: number): number {
    const holding = (this.#holdings[key] ??= { key, thread: null, since: 0, last: -1, taken: 0 });
    const previous = holding.thread;
    if (previous === thread) return 0;
    let held = 0;
    if (previous !== null) {
      held = Math.max(0, now - holding.since);
      if (held > 0) {
        const start = holding.since / NS_PER_MS;
        const end = now / NS_PER_MS;
        const { columns } = this;
        if (holding.last < 0 || !columns.extend(holding.last, previous, start, end)) holding.last = columns.push(key, previous, start, end);
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
    const open = this.#holdings.filter((holding) => holding.thread !== null).sort((a, b) => a.taken - b.taken);
    let held = 0;
    for (const { key } of open) held += this.set(key, null, now);
    return held;
  }
}
