/**
 * Which lanes a trace has, DOM-free: one per thread (coloured by state), then one per
 * interpreter with a GIL and one per CPU (coloured by the thread holding or running
 * on them). The build-time SVG, the playground's canvas, its downloads and the CLI
 * all draw these lanes, through `columnRuns`.
 */
import { threadStates, type ThreadState, type Trace } from '../sim/result';
import { stateColumnsOf } from '../sim/trace/columns';
import { columnarRuns, columnRuns, type ColumnRun, type KeyedLane, type Span, type View } from './columns';
import { threadColourIndex } from './palette';

export type LaneKind = 'thread' | 'gil' | 'cpu';

/** One horizontal lane of a trace's timeline. */
export interface TraceLane extends KeyedLane {
  kind: LaneKind;
  /** The lane's full name (a drawing may shorten it). */
  label: string;
  /** A thread lane's own colour (`t<n>`), the one its GIL and CPU spans have: the thread key. */
  threadKey?: string;
  /** Sorted by start, not overlapping. */
  spans: readonly Span[];
  /** Scenario line behind a span, if known. */
  lineOf(span: Span): number | undefined;
  /** Words for a tooltip. */
  describe(span: Span): string;
  /** Thread lanes: times (ms) the thread wrote back a stale value of a shared variable (a lost update), drawn as marks. */
  marks?: readonly number[];
}

/** What the GIL lanes are called: the only GIL, or one of several (by interpreter name). */
export interface GilLaneNames {
  one: string;
  each(interpreter: string): string;
}

/**
 * One name for the GIL lanes in the figures and the playground: the label reads on into
 * the holders' colours, and the playground's tooltip into the holder ("GIL held by: worker-1").
 */
export const gilLaneNames: GilLaneNames = { one: 'GIL held by', each: (name) => `GIL ${name}` };

/** The lanes of a trace: one per thread, then one per GIL, then one per CPU. */
export function traceLanes(trace: Trace, gilNames: GilLaneNames = gilLaneNames): TraceLane[] {
  return [...threadLanes(trace), ...gilLanes(trace, gilNames), ...cpuLanes(trace)];
}

type StateSpan = Span & { state: ThreadState; line?: number; thread: number };
type OwnerSpan = Span & { thread: number };

/** When each thread wrote back a stale value of a shared variable (ms), by thread id. */
export function lostUpdateTimes(trace: Trace): Map<number, number[]> {
  const lost = new Map<number, number[]>();
  for (const event of trace.events) {
    if (event.kind !== 'lost-update') continue;
    const times = lost.get(event.thread);
    if (times) times.push(event.time);
    else lost.set(event.thread, [event.time]);
  }
  return lost;
}

/** One lane per thread, coloured by state, with its lost updates as marks. */
export function threadLanes(trace: Trace): TraceLane[] {
  const threadKey = threadKeys(trace);
  const spans = groupBy(trace.intervals, (interval) => interval.thread);
  const lost = lostUpdateTimes(trace);
  return trace.threads.map((thread) => ({
    kind: 'thread',
    label: thread.name,
    threadKey: threadKey(thread.id),
    spans: spans.get(thread.id) ?? [],
    keyOf: (span) => (span as StateSpan).state,
    lineOf: (span) => (span as StateSpan).line,
    describe: (span) => (span as StateSpan).state,
    marks: lost.get(thread.id) ?? [],
  }));
}

/**
 * What `columnRuns` gives for each of `threadLanes(trace)`, read straight from the
 * engine's columns when the trace has them (`stateColumnsOf`), so a run of a million
 * intervals draws without a million objects (the CLI's text timeline); from the
 * trace's intervals otherwise. One entry per thread, in `trace.threads` order.
 */
export function threadColumnRuns(trace: Trace, view: View, width: number): (readonly ColumnRun[])[] {
  const columns = stateColumnsOf(trace);
  if (!columns) return threadLanes(trace).map((lane) => columnRuns(lane, view, width));
  const { thread, state, start, end } = columns.flat();
  // Each thread's intervals in recording order (a counting sort by thread id; the
  // engine numbers threads 0, 1, 2…, so a thread's lane is found by indexing).
  const lanes = trace.threads.length;
  const laneOf = new Int32Array(trace.threads.reduce((most, info) => Math.max(most, info.id + 1), 0)).fill(-1);
  trace.threads.forEach((info, index) => { laneOf[info.id] = index; });
  const offsets = new Int32Array(lanes + 1);
  for (let i = 0; i < thread.length; i++) {
    const index = laneOf[thread[i]];
    if (index >= 0) offsets[index + 1]++;
  }
  for (let index = 0; index < lanes; index++) offsets[index + 1] += offsets[index];
  const order = new Int32Array(offsets[lanes]);
  const filled = offsets.slice(0, -1);
  for (let i = 0; i < thread.length; i++) {
    const index = laneOf[thread[i]];
    if (index >= 0) order[filled[index]++] = i;
  }
  return columnarRuns(trace.threads.map((_, index) => ({ at: order.subarray(offsets[index], offsets[index + 1]), start, end, code: state, names: threadStates })), view, width);
}

/** One lane per interpreter that has a GIL, coloured by the thread holding it (none for a real run's trace). */
export function gilLanes(trace: Trace, gilNames: GilLaneNames = gilLaneNames): TraceLane[] {
  if (trace.threadsOnly) return [];
  const threadKey = threadKeys(trace);
  const nameOf = threadNames(trace);
  const spans = groupBy(trace.gil, (held) => held.interpreter);
  const withGil = trace.interpreters.filter((interpreter) => interpreter.hasGil);
  return withGil.map((interpreter) => ({
    kind: 'gil',
    label: withGil.length > 1 ? gilNames.each(interpreter.name) : gilNames.one,
    spans: spans.get(interpreter.id) ?? [],
    keyOf: (span) => threadKey((span as OwnerSpan).thread),
    lineOf: () => undefined,
    describe: (span) => nameOf((span as OwnerSpan).thread),
  }));
}

/** One lane per CPU, coloured by the thread running on it (none for a real run's trace). */
export function cpuLanes(trace: Trace): TraceLane[] {
  if (trace.threadsOnly) return [];
  const threadKey = threadKeys(trace);
  const nameOf = threadNames(trace);
  const spans = groupBy(trace.cpu, (slice) => slice.cpu);
  return Array.from({ length: trace.cpus }, (_, cpu) => ({
    kind: 'cpu',
    label: `CPU ${cpu}`,
    spans: spans.get(cpu) ?? [],
    keyOf: (span) => threadKey((span as OwnerSpan).thread),
    lineOf: () => undefined,
    describe: (span) => `runs ${nameOf((span as OwnerSpan).thread)}`,
  }));
}

/** A thread's colour key, `t<n>`: by the thread's position in the trace (the site's palette rule). */
function threadKeys(trace: Trace): (id: number) => string {
  const keys = new Map(trace.threads.map((thread, index) => [thread.id, `t${threadColourIndex(index)}`]));
  return (id) => keys.get(id) ?? 't0';
}

function threadNames(trace: Trace): (id: number) => string {
  const names = new Map(trace.threads.map((thread) => [thread.id, thread.name]));
  return (id) => names.get(id) ?? `thread ${id}`;
}

/** Spans grouped by a numeric key, each group sorted by start. */
function groupBy<T extends Span>(items: readonly T[], keyOf: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  let lastKey = NaN;
  let lastGroup: T[] = [];
  for (const item of items) {
    const key = keyOf(item);
    // Items of one key often come in runs: skip the map lookup then.
    if (key !== lastKey) {
      let group = groups.get(key);
      if (!group) groups.set(key, (group = []));
      lastKey = key;
      lastGroup = group;
    }
    lastGroup.push(item);
  }
  for (const group of groups.values()) sortByStart(group);
  return groups;
}

/** Sort in place by start unless already sorted (the engine emits them in order). */
function sortByStart(spans: Span[]): void {
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].start < spans[i - 1].start) {
      spans.sort((a, b) => a.start - b.start);
      return;
    }
  }
}
