/**
 * Which lanes a trace has, DOM-free: one per thread (coloured by state), then one per
 * interpreter with a GIL and one per CPU (coloured by the thread holding or running
 * on them). The build-time SVG, the playground's canvas, its downloads and the CLI
 * all draw these lanes, through `columnRuns`.
 */
import type { ThreadState, Trace } from '../sim/result';
import type { KeyedLane, Span } from './columns';
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
}

/** What the GIL lanes are called: the only GIL, or one of several (by interpreter name). */
export interface GilLaneNames {
  one: string;
  each(interpreter: string): string;
}

/** The playground's names: its tooltip then says who holds the GIL ("GIL owner: GIL held by worker-1"). */
export const canvasGilNames: GilLaneNames = { one: 'GIL owner', each: (name) => `GIL (${name})` };

/** The build-time figure's names: the label reads on into the holders' colours. */
export const figureGilNames: GilLaneNames = { one: 'GIL held by', each: (name) => `GIL ${name}` };

/** The lanes of a trace: one per thread, then one per GIL, then one per CPU. */
export function traceLanes(trace: Trace, gilNames: GilLaneNames = canvasGilNames): TraceLane[] {
  const names = new Map(trace.threads.map((thread) => [thread.id, thread.name]));
  const nameOf = (id: number) => names.get(id) ?? `thread ${id}`;
  // Thread colours follow the thread's position in the trace (the site's palette rule).
  const positions = new Map(trace.threads.map((thread, index) => [thread.id, index]));
  const threadKey = (id: number) => `t${threadColourIndex(positions.get(id) ?? 0)}`;
  type StateSpan = Span & { state: ThreadState; line?: number; thread: number };
  type OwnerSpan = Span & { thread: number };
  const lanes: TraceLane[] = [];
  const threadSpans = groupBy(trace.intervals, (interval) => interval.thread);
  for (const thread of trace.threads) {
    lanes.push({
      kind: 'thread',
      label: thread.name,
      threadKey: threadKey(thread.id),
      spans: threadSpans.get(thread.id) ?? [],
      keyOf: (span) => (span as StateSpan).state,
      lineOf: (span) => (span as StateSpan).line,
      describe: (span) => (span as StateSpan).state,
    });
  }
  const gilSpans = groupBy(trace.gil, (held) => held.interpreter);
  const withGil = trace.interpreters.filter((interpreter) => interpreter.hasGil);
  for (const interpreter of withGil) {
    lanes.push({
      kind: 'gil',
      label: withGil.length > 1 ? gilNames.each(interpreter.name) : gilNames.one,
      spans: gilSpans.get(interpreter.id) ?? [],
      keyOf: (span) => threadKey((span as OwnerSpan).thread),
      lineOf: () => undefined,
      describe: (span) => `GIL held by ${nameOf((span as OwnerSpan).thread)}`,
    });
  }
  const cpuSpans = groupBy(trace.cpu, (slice) => slice.cpu);
  for (let cpu = 0; cpu < trace.cpus; cpu++) {
    lanes.push({
      kind: 'cpu',
      label: `CPU ${cpu}`,
      spans: cpuSpans.get(cpu) ?? [],
      keyOf: (span) => threadKey((span as OwnerSpan).thread),
      lineOf: () => undefined,
      describe: (span) => `CPU ${cpu} runs ${nameOf((span as OwnerSpan).thread)}`,
    });
  }
  return lanes;
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
