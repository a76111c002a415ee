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

import { threadStates, type StateInterval, type ThreadState } from '../result';

const CHUNK_BITS = 10;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;

const stateCodes = new Map(threadStates.map((state, code) => [state, code]));

/** Code of `state` in the state column (its index in `threadStates`). */
export function stateCode(state: ThreadState): number {
  return stateCodes.get(state)!;
}

class StateChunk {
  readonly thread = new Int32Array(CHUNK_SIZE);
  readonly state = new Uint8Array(CHUNK_SIZE);
  readonly start = new Float64Array(CHUNK_SIZE);
  readonly end = new Float64Array(CHUNK_SIZE);
}

/** Thread-state intervals: who was in which state (by code), from when to when (ms), from which line. */
export class StateColumns {
  length = 0;
  readonly #chunks: StateChunk[] = [];
  /** Scenario lines, only once one has been recorded (runs without a line resolver have none). */
  #lines: (number | undefined)[] | null = null;

  /** Append an interval; returns its index (to extend it later). */
  push(thread: number, state: number, start: number, end: number, line: number | undefined): number {
    const index = this.length++;
    const offset = index & CHUNK_MASK;
    if (offset === 0) this.#chunks.push(new StateChunk());
    const chunk = this.#chunks[index >> CHUNK_BITS];
    chunk.thread[offset] = thread;
    chunk.state[offset] = state;
    chunk.start[offset] = start;
    chunk.end[offset] = end;
    if (line !== undefined || this.#lines) (this.#lines ??= new Array(index).fill(undefined))[index] = line;
    return index;
  }

  /** If interval `index` is in `state` from `line` and ends at `start`, make it end at `end` instead; says whether it did. */
  extend(index: number, state: number, line: number | undefined, start: number, end: number): boolean {
    const chunk = this.#chunks[index >> CHUNK_BITS];
    const offset = index & CHUNK_MASK;
    if (chunk.state[offset] !== state || this.#lines?.[index] !== line || chunk.end[offset] !== start) return false;
    chunk.end[offset] = end;
    return true;
  }

  /** The intervals as the trace's objects (`line` only where one was recorded). */
  rows(): StateInterval[] {
    const rows: StateInterval[] = new Array(this.length);
    for (let index = 0; index < rows.length; index++) {
      const chunk = this.#chunks[index >> CHUNK_BITS];
      const offset = index & CHUNK_MASK;
      const row: StateInterval = { thread: chunk.thread[offset], state: threadStates[chunk.state[offset]], start: chunk.start[offset], end: chunk.end[offset] };
      const line = this.#lines?.[index];
      if (line !== undefined) row.line = line;
      rows[index] = row;
    }
    return rows;
  }
}

class HolderChunk {
  readonly key = new Int32Array(CHUNK_SIZE);
  readonly thread = new Int32Array(CHUNK_SIZE);
  readonly start = new Float64Array(CHUNK_SIZE);
  readonly end = new Float64Array(CHUNK_SIZE);
}

/** Intervals of a resource (a CPU, a GIL: its key) held by a thread, from when to when (ms). */
export class HolderColumns {
  length = 0;
  readonly #chunks: HolderChunk[] = [];

  /** Append an interval; returns its index (to extend it later). */
  push(key: number, thread: number, start: number, end: number): number {
    const index = this.length++;
    const offset = index & CHUNK_MASK;
    if (offset === 0) this.#chunks.push(new HolderChunk());
    const chunk = this.#chunks[index >> CHUNK_BITS];
    chunk.key[offset] = key;
    chunk.thread[offset] = thread;
    chunk.start[offset] = start;
    chunk.end[offset] = end;
    return index;
  }

  /** If interval `index` is held by `thread` and ends at `start`, make it end at `end` instead; says whether it did. */
  extend(index: number, thread: number, start: number, end: number): boolean {
    const chunk = this.#chunks[index >> CHUNK_BITS];
    const offset = index & CHUNK_MASK;
    if (chunk.thread[offset] !== thread || chunk.end[offset] !== start) return false;
    chunk.end[offset] = end;
    return true;
  }

  /** Indices of all intervals ordered by key, then start (stable: equal ones keep recording order). */
  byKeyThenStart(): number[] {
    const key = (index: number) => this.#chunks[index >> CHUNK_BITS].key[index & CHUNK_MASK];
    const start = (index: number) => this.#chunks[index >> CHUNK_BITS].start[index & CHUNK_MASK];
    return Array.from({ length: this.length }, (_, index) => index).sort((a, b) => key(a) - key(b) || start(a) - start(b));
  }

  /** The intervals at `indices` (all, in recording order, by default) as objects made by `make`. */
  rows<T>(make: (key: number, thread: number, start: number, end: number) => T, indices?: readonly number[]): T[] {
    const count = indices ? indices.length : this.length;
    const rows: T[] = new Array(count);
    for (let position = 0; position < count; position++) {
      const index = indices ? indices[position] : position;
      const chunk = this.#chunks[index >> CHUNK_BITS];
      const offset = index & CHUNK_MASK;
      rows[position] = make(chunk.key[offset], chunk.thread[offset], chunk.start[offset], chunk.end[offset]);
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
