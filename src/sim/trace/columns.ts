/**
 * Intervals stored as columns while a run records them, one array per field.
 *
 * A long run has millions of intervals. As one object each they cost ~100 bytes
 * (V8 boxes every double field) and keep the garbage collector busy copying them
 * out of the young generation; as arrays of unboxed doubles and small integers
 * they cost ~40 bytes and nothing to collect. The trace's arrays of objects are
 * built from the columns only when something reads them (`lazyProperty`), so a
 * caller that wants only the metrics (the CLI's `--json`, the benchmark) never
 * pays for them.
 */

import type { StateInterval, ThreadState } from '../result';

/** Thread-state intervals: who was in which state, from when to when (ms), from which line. */
export class StateColumns {
  readonly thread: number[] = [];
  readonly state: ThreadState[] = [];
  readonly start: number[] = [];
  readonly end: number[] = [];
  readonly line: (number | undefined)[] = [];

  get length(): number {
    return this.start.length;
  }

  /** Append an interval; returns its index (to extend its `end` later). */
  push(thread: number, state: ThreadState, start: number, end: number, line: number | undefined): number {
    this.thread.push(thread);
    this.state.push(state);
    this.start.push(start);
    this.end.push(end);
    this.line.push(line);
    return this.start.length - 1;
  }

  /** The intervals as the trace's objects (`line` only where one was recorded). */
  rows(): StateInterval[] {
    const rows: StateInterval[] = new Array(this.length);
    for (let index = 0; index < rows.length; index++) {
      const row: StateInterval = { thread: this.thread[index], state: this.state[index], start: this.start[index], end: this.end[index] };
      const line = this.line[index];
      if (line !== undefined) row.line = line;
      rows[index] = row;
    }
    return rows;
  }
}

/** Intervals of a resource (a CPU, a GIL) held by a thread, from when to when (ms). */
export class HolderColumns {
  readonly key: number[] = [];
  readonly thread: number[] = [];
  readonly start: number[] = [];
  readonly end: number[] = [];

  get length(): number {
    return this.start.length;
  }

  push(key: number, thread: number, start: number, end: number): number {
    this.key.push(key);
    this.thread.push(thread);
    this.start.push(start);
    this.end.push(end);
    return this.start.length - 1;
  }

  /** The intervals at `indices` (all, in recording order, by default) as objects made by `make`. */
  rows<T>(make: (key: number, thread: number, start: number, end: number) => T, indices?: ArrayLike<number>): T[] {
    const count = indices ? indices.length : this.length;
    const rows: T[] = new Array(count);
    for (let position = 0; position < count; position++) {
      const index = indices ? indices[position] : position;
      rows[position] = make(this.key[index], this.thread[index], this.start[index], this.end[index]);
    }
    return rows;
  }
}

/**
 * Give `target[key]` the value `build()` returns, built on first read. The property
 * is enumerable, so JSON, structured clone and deep equality see it like any other;
 * once read or assigned it is a plain data property.
 */
export function lazyProperty<T extends object, K extends keyof T>(target: T, key: K, build: () => T[K]): void {
  const settle = (value: T[K]) => {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  Object.defineProperty(target, key, {
    get: () => settle(build()),
    set: (value: T[K]) => settle(value),
    enumerable: true,
    configurable: true,
  });
}
