/**
 * The trace file (Export → Trace (JSON)), format `gil-lab-trace/2`: every shown run's
 * trace and metrics, on one line, with the interval tables stored as columns of whole
 * nanoseconds. Version 1 was `{ runs: [{ label, result }] }` pretty-printed, one
 * object per interval with 17-digit millisecond times: 18 MB for a 116 ms compare
 * run, nearly all of it repeated keys, indentation and digits below a nanosecond.
 * `readTraceFile` reads a file back into the runs (times to the nanosecond).
 *
 * ```text
 * {
 *   "format": "gil-lab-trace/2", "scenarioId": "…", "simVersion": "…",
 *   "runs": [{
 *     "label": "CPython 3.12, 2 CPUs",
 *     "metrics": { …Metrics, as runScenario returns them },
 *     "shared": [{ "name", "value", "expected", "lost" }, …] (absent in older files),
 *     "trace": {
 *       "endMs", "cpus", "threads", "interpreters", "eventsDropped", "console": as in Trace,
 *       "intervals": { "states": ["python", …], "thread": [], "state": [], "startNs": [], "durationNs": [], "line": [] },
 *       "cpu":       { "cpu": [], "thread": [], "startNs": [], "durationNs": [] },
 *       "gil":       { "interpreter": [], "thread": [], "startNs": [], "durationNs": [] },
 *       "events":    { "kinds": ["handoff", …], "causes": ["gil-free", …], "timeNs": [], "kind": [], "thread": [], "interpreter": [],
 *                      "cause": [], "other": [] }
 *     }
 *   }]
 * }
 * ```
 *
 * Each table is an object of equal-length arrays of integers: row i is `thread[i]`,
 * `startNs[i]`… `startNs` and `timeNs` are deltas: each row's time in simulated
 * nanoseconds minus the previous row's (the first row's from 0), so a running sum
 * gives the times. `durationNs` is the row's end minus its start. `state` and `kind`
 * index the `states` and `kinds` lists; `line` is the interval's scenario line, or 0
 * when none was recorded; an event's `interpreter` is -1 when it has none. An event's
 * `cause` indexes `causes` (each a `GilCause`), and `other` is its other thread; both
 * are -1 when it has none, and files written before GIL events had causes lack all
 * three (their events read back without causes). Metrics,
 * threads, interpreters and console lines are as `runScenario` returns them (ms).
 */
import { gilCauses, type GilCause } from '../sim/result';
import type { ConsoleLine, CpuInterval, GilInterval, Metrics, SharedResult, StateInterval, Trace, TraceEvent, TraceEventKind, ThreadState } from '../sim/result';
import type { LabelledResult } from './result-rows';

export const traceFormat = 'gil-lab-trace/2';

/** What a trace file holds besides the runs. */
export interface TraceFileContext {
  scenarioId: string;
  simVersion: string;
}

/** Each run's trace and metrics as one line of JSON in the `gil-lab-trace/2` format. */
export function writeTraceFile(runs: readonly LabelledResult[], context: TraceFileContext): string {
  return JSON.stringify({
    format: traceFormat,
    scenarioId: context.scenarioId,
    simVersion: context.simVersion,
    runs: runs.map((run) => ({ label: run.label, metrics: run.result.metrics, shared: run.result.shared, trace: encodeTrace(run.result.trace) })),
  });
}

const nsPerMs = 1e6;

/** A column of times as whole-ns deltas from the previous row (see the format above). */
function deltaColumn(): { push(ms: number): void; values: number[] } {
  let previous = 0;
  const values: number[] = [];
  return {
    values,
    push(ms) {
      const ns = Math.round(ms * nsPerMs);
      values.push(ns - previous);
      previous = ns;
    },
  };
}

/** Index of `name` in `names`, adding it the first time. */
function indexer(names: string[]): (name: string) => number {
  const index = new Map<string, number>();
  return (name) => {
    let found = index.get(name);
    if (found === undefined) {
      found = names.length;
      names.push(name);
      index.set(name, found);
    }
    return found;
  };
}

/** Rows of [start, end) spans: their start deltas and durations, in ns. */
function spanColumns() {
  const start = deltaColumn();
  const durationNs: number[] = [];
  return {
    startNs: start.values,
    durationNs,
    push(span: { start: number; end: number }) {
      start.push(span.start);
      durationNs.push(Math.round(span.end * nsPerMs) - Math.round(span.start * nsPerMs));
    },
  };
}

function encodeTrace(trace: Trace) {
  const states: string[] = [];
  const stateIndex = indexer(states);
  const intervalSpans = spanColumns();
  const intervals = { states, thread: [] as number[], state: [] as number[], line: [] as number[] };
  for (const interval of trace.intervals) {
    intervals.thread.push(interval.thread);
    intervals.state.push(stateIndex(interval.state));
    intervalSpans.push(interval);
    intervals.line.push(interval.line ?? 0);
  }
  const cpuSpans = spanColumns();
  const cpu = { cpu: [] as number[], thread: [] as number[] };
  for (const slice of trace.cpu) {
    cpu.cpu.push(slice.cpu);
    cpu.thread.push(slice.thread);
    cpuSpans.push(slice);
  }
  const gilSpans = spanColumns();
  const gil = { interpreter: [] as number[], thread: [] as number[] };
  for (const held of trace.gil) {
    gil.interpreter.push(held.interpreter);
    gil.thread.push(held.thread);
    gilSpans.push(held);
  }
  const kinds: string[] = [];
  const kindIndex = indexer(kinds);
  const time = deltaColumn();
  const causes: string[] = [];
  const causeIndex = indexer(causes);
  const events = {
    kinds, causes, timeNs: time.values, kind: [] as number[], thread: [] as number[], interpreter: [] as number[], cause: [] as number[], other: [] as number[],
  };
  for (const event of trace.events) {
    time.push(event.time);
    events.kind.push(kindIndex(event.kind));
    events.thread.push(event.thread);
    events.interpreter.push(event.interpreter ?? -1);
    events.cause.push(event.cause === undefined ? -1 : causeIndex(event.cause));
    events.other.push(event.other ?? -1);
  }
  const spans = (columns: ReturnType<typeof spanColumns>) => ({ startNs: columns.startNs, durationNs: columns.durationNs });
  return {
    endMs: trace.endMs, cpus: trace.cpus, threads: trace.threads, interpreters: trace.interpreters,
    eventsDropped: trace.eventsDropped, console: trace.console,
    intervals: { ...intervals, ...spans(intervalSpans) },
    cpu: { ...cpu, ...spans(cpuSpans) },
    gil: { ...gil, ...spans(gilSpans) },
    events,
  };
}

/** A trace file read back, or why it could not be. */
export type TraceFileResult =
  | { ok: true; context: TraceFileContext; runs: LabelledResult[] }
  | { ok: false; message: string };

class FormatError extends Error {}

/** Read a `gil-lab-trace/2` file back into runs. Anything else gets a message, never an exception. */
export function readTraceFile(text: string): TraceFileResult {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    return { ok: false, message: 'not a trace file: the text is not JSON' };
  }
  if (!isObject(file) || file.format !== traceFormat) {
    const format = isObject(file) && typeof file.format === 'string' ? ` (its format is "${file.format.slice(0, 40)}")` : '';
    return { ok: false, message: `not a ${traceFormat} trace file${format}` };
  }
  try {
    if (!Array.isArray(file.runs)) throw new FormatError('"runs" is not a list');
    const runs = file.runs.map((run, index): LabelledResult => {
      if (!isObject(run) || typeof run.label !== 'string' || !isObject(run.metrics) || !isObject(run.trace)) {
        throw new FormatError(`run ${index + 1} needs a label, metrics and a trace`);
      }
      // Files written before shared variables existed have none.
      const shared = Array.isArray(run.shared) ? (run.shared as unknown as SharedResult[]) : [];
      return { label: run.label, result: { metrics: run.metrics as unknown as Metrics, shared, trace: decodeTrace(run.trace, `run ${index + 1}`) } };
    });
    return { ok: true, context: { scenarioId: String(file.scenarioId ?? ''), simVersion: String(file.simVersion ?? '') }, runs };
  } catch (error) {
    if (error instanceof FormatError) return { ok: false, message: `not a valid trace file: ${error.message}` };
    throw error;
  }
}

function decodeTrace(trace: Record<string, unknown>, where: string): Trace {
  const intervals = table(trace.intervals, ['thread', 'state', 'startNs', 'durationNs', 'line'], `${where} intervals`);
  const states = names(trace.intervals, 'states', `${where} intervals`) as ThreadState[];
  const cpu = table(trace.cpu, ['cpu', 'thread', 'startNs', 'durationNs'], `${where} cpu`);
  const gil = table(trace.gil, ['interpreter', 'thread', 'startNs', 'durationNs'], `${where} gil`);
  const withCauses = isObject(trace.events) && 'causes' in trace.events;
  const events = table(trace.events, ['timeNs', 'kind', 'thread', 'interpreter', ...(withCauses ? ['cause', 'other'] as const : [])], `${where} events`);
  const kinds = names(trace.events, 'kinds', `${where} events`) as TraceEventKind[];
  const causes = withCauses ? names(trace.events, 'causes', `${where} events`) : [];
  const unknownCause = causes.find((cause) => !knownCauses.has(cause));
  if (unknownCause !== undefined) throw new FormatError(`${where} events: "${unknownCause.slice(0, 40)}" is not a GIL cause`);
  const lookup = <T>(list: readonly T[], index: number, what: string): T => {
    if (!Number.isInteger(index) || index < 0 || index >= list.length) throw new FormatError(`${where}: ${what} index ${index} is not in the list`);
    return list[index];
  };
  /** Start and end (ms) of each row of a span table, from the running sum of the deltas. */
  const spans = (columns: Record<'startNs' | 'durationNs', number[]>) => {
    let ns = 0;
    return (i: number) => {
      ns += columns.startNs[i];
      return { start: ns / nsPerMs, end: (ns + columns.durationNs[i]) / nsPerMs };
    };
  };
  const intervalSpan = spans(intervals.columns);
  const cpuSpan = spans(cpu.columns);
  const gilSpan = spans(gil.columns);
  let eventNs = 0;
  return {
    endMs: Number(trace.endMs),
    cpus: Number(trace.cpus),
    threads: list(trace.threads, `${where} threads`) as Trace['threads'],
    interpreters: list(trace.interpreters, `${where} interpreters`) as Trace['interpreters'],
    eventsDropped: Number(trace.eventsDropped ?? 0),
    console: list(trace.console, `${where} console`) as ConsoleLine[],
    intervals: intervals.rows((column, i): StateInterval => {
      const interval: StateInterval = { thread: column.thread[i], state: lookup(states, column.state[i], 'state'), ...intervalSpan(i) };
      if (column.line[i]) interval.line = column.line[i];
      return interval;
    }),
    cpu: cpu.rows((column, i): CpuInterval => ({ cpu: column.cpu[i], thread: column.thread[i], ...cpuSpan(i) })),
    gil: gil.rows((column, i): GilInterval => ({ interpreter: column.interpreter[i], thread: column.thread[i], ...gilSpan(i) })),
    events: events.rows((column, i): TraceEvent => {
      eventNs += column.timeNs[i];
      const event: TraceEvent = { time: eventNs / nsPerMs, kind: lookup(kinds, column.kind[i], 'event kind'), thread: column.thread[i] };
      if (column.interpreter[i] >= 0) event.interpreter = column.interpreter[i];
      if (withCauses) {
        const { cause, other } = column as Record<'cause' | 'other', number[]>;
        if (cause[i] !== -1) event.cause = lookup(causes, cause[i], 'event cause') as GilCause;
        if (other[i] >= 0) event.other = other[i];
      }
      return event;
    }),
  };
}

const knownCauses = new Set<string>(gilCauses);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new FormatError(`${what} is not a list`);
  return value;
}

function names(value: unknown, key: string, what: string): string[] {
  const items = isObject(value) ? value[key] : undefined;
  if (!Array.isArray(items) || !items.every((item) => typeof item === 'string')) throw new FormatError(`${what} needs a "${key}" list of names`);
  return items;
}

/** A table of equal-length numeric columns, turned back into row objects by `rows`. */
function table<K extends string>(value: unknown, keys: readonly K[], what: string) {
  if (!isObject(value)) throw new FormatError(`${what} is missing`);
  const columns = {} as Record<K, number[]>;
  let length = -1;
  for (const key of keys) {
    const column = value[key];
    if (!Array.isArray(column) || !column.every((cell) => Number.isSafeInteger(cell))) {
      throw new FormatError(`${what} needs a "${key}" column of whole numbers`);
    }
    if (length >= 0 && column.length !== length) throw new FormatError(`${what}: the "${key}" column has ${column.length} rows, not ${length}`);
    length = column.length;
    columns[key] = column;
  }
  return {
    columns,
    rows<T>(row: (columns: Record<K, number[]>, index: number) => T): T[] {
      const out: T[] = new Array(Math.max(0, length));
      for (let i = 0; i < length; i++) out[i] = row(columns, i);
      return out;
    },
  };
}
