/**
 * What the run looked like at one instant: each thread's state and scenario line,
 * who held each GIL, and the GIL event at or just before that instant. The playhead's
 * caption reads it; it is DOM-free and indexes the trace once, so dragging the
 * playhead over a 100,000-interval trace costs a few binary searches per frame.
 */
import { gilEventKinds, type GilInterval, type StateInterval, type Trace, type TraceEvent, type TraceThread, type ThreadState } from '../sim/result';

/** A thread at an instant: before its start and after its end it has no state. */
export interface ThreadMoment {
  thread: TraceThread;
  state: ThreadState | 'not-started' | 'finished';
  /** The scenario line of the operation it is in, when recorded. */
  line?: number;
}

export interface Moment {
  time: number;
  threads: ThreadMoment[];
  /** Per interpreter with a GIL: the thread holding it, or undefined when it is free. */
  gilHolders: { interpreter: number; thread?: TraceThread }[];
  /** The latest GIL event (not spawn, exit or I/O done) at or before `time`. */
  gilEvent?: TraceEvent;
}

/** Point events that concern a GIL (each with its cause), as opposed to a thread's life or its I/O. */
const gilKinds = new Set<TraceEvent['kind']>(gilEventKinds);
export const isGilEvent = (event: TraceEvent): boolean => gilKinds.has(event.kind);

/** Index of the last item whose `key` is ≤ t, or -1 (items sorted by key). */
function lastAtOrBefore<T>(items: readonly T[], t: number, key: (item: T) => number): number {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (key(items[mid]!) <= t) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/**
 * Answers "what was happening at t" for one trace. The per-thread index is built on the
 * first question, not when the run is shown: most runs are never scrubbed, and a run
 * of a million intervals takes a noticeable fraction of a second to index.
 */
export class MomentIndex {
  readonly trace: Trace;
  #intervals: Map<number, StateInterval[]> | undefined;
  #gil: Map<number, GilInterval[]> | undefined;
  #gilEvents: TraceEvent[] | undefined;
  #threads: Map<number, TraceThread> | undefined;

  constructor(trace: Trace) {
    this.trace = trace;
  }

  /** The trace's GIL events in time order: the event list and the caption share it. */
  get gilEvents(): TraceEvent[] {
    this.#gilEvents ??= this.trace.events.filter(isGilEvent).sort((a, b) => a.time - b.time);
    return this.#gilEvents;
  }

  at(time: number): Moment {
    this.#intervals ??= groupSorted(this.trace.intervals, (interval) => interval.thread);
    this.#gil ??= groupSorted(this.trace.gil, (interval) => interval.interpreter);
    const intervals = this.#intervals;
    const gil = this.#gil;
    const threads = this.trace.threads.map((thread): ThreadMoment => {
      if (time < thread.startMs) return { thread, state: 'not-started' };
      const interval = covering(intervals.get(thread.id) ?? [], time);
      if (interval) return { thread, state: interval.state, line: interval.line };
      return { thread, state: time >= thread.endMs ? 'finished' : 'not-started' };
    });
    const gilHolders = this.trace.interpreters
      .filter((interpreter) => interpreter.hasGil)
      .map((interpreter) => {
        const held = covering(gil.get(interpreter.id) ?? [], time);
        return { interpreter: interpreter.id, thread: held && this.thread(held.thread) };
      });
    const eventIndex = lastAtOrBefore(this.gilEvents, time, (event) => event.time);
    return { time, threads, gilHolders, gilEvent: eventIndex >= 0 ? this.gilEvents[eventIndex] : undefined };
  }

  thread(id: number): TraceThread | undefined {
    this.#threads ??= new Map(this.trace.threads.map((thread) => [thread.id, thread]));
    return this.#threads.get(id);
  }
}

/**
 * The interval covering t: start ≤ t < end, except that the very end of the run
 * belongs to the interval that ends there (so the playhead at the end still shows states).
 */
function covering<T extends { start: number; end: number }>(sorted: readonly T[], t: number): T | undefined {
  const index = lastAtOrBefore(sorted, t, (interval) => interval.start);
  const candidate = index >= 0 ? sorted[index] : undefined;
  if (!candidate) return undefined;
  if (t < candidate.end || (t === candidate.end && index === sorted.length - 1)) return candidate;
  return undefined;
}

function groupSorted<T extends { start: number }>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  for (const group of groups.values()) group.sort((a, b) => a.start - b.start);
  return groups;
}
