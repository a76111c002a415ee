/**
 * Intervals stored as columns while a run records them, one array per field.
 *
 * A long run has millions of intervals. As one object each they cost ~100 bytes
 * (V8 boxes every double field) and keep the garbage collector busy copying them
 * out of the young generation; in typed arrays they cost ~21-24 bytes and nothing
 * to collect. The arrays come in chunks, each twice the size of the one before
 * (1024 entries first), so growing never copies and a short run stays small.
 * The trace's arrays of objects are built from the columns only when something
 * reads them (`lazyProperty`), so a caller that wants only the metrics (the CLI's
 * `--json`, the benchmark) never pays for them.
 */

import { threadStates, type StateInterval, type ThreadState, type Trace } from '../result';

const FIRST_CHUNK_BITS = 10;
const FIRST_CHUNK_SIZE = 1 << FIRST_CHUNK_BITS;

/** The chunk entry `index` is in: chunk k holds FIRST_CHUNK_SIZE << k entries. */
function chunkOf(index: number): number {
  return 31 - Math.clz32(index + FIRST_CHUNK_SIZE) - FIRST_CHUNK_BITS;
}

/** Index of the first entry of chunk `chunk`. */
function chunkStart(chunk: number): number {
  return (FIRST_CHUNK_SIZE << chunk) - FIRST_CHUNK_SIZE;
}

/** Code of `state` in the state column: its index in `threadStates` (a switch: this runs at every state change). */
export function stateCode(state: ThreadState): number {
  switch (state) {
    case 'python': return 0;
    case 'native': return 1;
    case 'gil-wait': return 2;
    case 'cpu-wait': return 3;
    case 'blocked': return 4;
  }
}

class StateChunk {
  readonly thread: Int32Array;
  readonly state: Uint8Array;
  readonly start: Float64Array;
  readonly end: Float64Array;
  constructor(readonly first: number, size: number) {
    this.thread = new Int32Array(size);
    this.state = new Uint8Array(size);
    this.start = new Float64Array(size);
    this.end = new Float64Array(size);
  }
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
    const chunks = this.#chunks;
    let chunk = chunks[chunks.length - 1];
    if (!chunk || index - chunk.first === chunk.start.length) {
      chunk = new StateChunk(chunkStart(chunks.length), FIRST_CHUNK_SIZE << chunks.length);
      chunks.push(chunk);
    }
    const offset = index - chunk.first;
    chunk.thread[offset] = thread;
    chunk.state[offset] = state;
    chunk.start[offset] = start;
    chunk.end[offset] = end;
    if (line !== undefined || this.#lines) (this.#lines ??= new Array(index).fill(undefined))[index] = line;
    return index;
  }

  /** If interval `index` is in `state` from `line` and ends at `start`, make it end at `end` instead; says whether it did. */
  extend(index: number, state: number, line: number | undefined, start: number, end: number): boolean {
    const chunk = this.#chunks[chunkOf(index)];
    const offset = index - chunk.first;
    if (chunk.state[offset] !== state || this.#lines?.[index] !== line || chunk.end[offset] !== start) return false;
    chunk.end[offset] = end;
    return true;
  }

  /**
   * Every interval's thread, state code, start and end (ms), each field in one array,
   * in recording order: what a reader of the whole trace needs (the CLI's text
   * timeline), without an object per interval.
   */
  flat(): { thread: Int32Array; state: Uint8Array; start: Float64Array; end: Float64Array } {
    const flat = { thread: new Int32Array(this.length), state: new Uint8Array(this.length), start: new Float64Array(this.length), end: new Float64Array(this.length) };
    for (const chunk of this.#chunks) {
      const count = Math.min(chunk.start.length, this.length - chunk.first);
      flat.thread.set(chunk.thread.subarray(0, count), chunk.first);
      flat.state.set(chunk.state.subarray(0, count), chunk.first);
      flat.start.set(chunk.start.subarray(0, count), chunk.first);
      flat.end.set(chunk.end.subarray(0, count), chunk.first);
    }
    return flat;
  }

  /** The intervals as the trace's objects (`line` only where one was recorded). */
  rows(): StateInterval[] {
    const rows: StateInterval[] = [];
    for (const chunk of this.#chunks) {
      const count = Math.min(chunk.start.length, this.length - chunk.first);
      for (let offset = 0; offset < count; offset++) {
        const row: StateInterval = { thread: chunk.thread[offset], state: threadStates[chunk.state[offset]], start: chunk.start[offset], end: chunk.end[offset] };
        const line = this.#lines?.[chunk.first + offset];
        if (line !== undefined) row.line = line;
        rows.push(row);
      }
    }
    return rows;
  }
}

class HolderChunk {
  readonly key: Int32Array;
  readonly thread: Int32Array;
  readonly start: Float64Array;
  readonly end: Float64Array;
  constructor(readonly first: number, size: number) {
    this.key = new Int32Array(size);
    this.thread = new Int32Array(size);
    this.start = new Float64Array(size);
    this.end = new Float64Array(size);
  }
}

/** Intervals of a resource (a CPU, a GIL: its key) held by a thread, from when to when (ms). */
export class HolderColumns {
  length = 0;
  readonly #chunks: HolderChunk[] = [];

  /** Append an interval; returns its index (to extend it later). */
  push(key: number, thread: number, start: number, end: number): number {
    const index = this.length++;
    const chunks = this.#chunks;
    let chunk = chunks[chunks.length - 1];
    if (!chunk || index - chunk.first === chunk.start.length) {
      chunk = new HolderChunk(chunkStart(chunks.length), FIRST_CHUNK_SIZE << chunks.length);
      chunks.push(chunk);
    }
    const offset = index - chunk.first;
    chunk.key[offset] = key;
    chunk.thread[offset] = thread;
    chunk.start[offset] = start;
    chunk.end[offset] = end;
    return index;
  }

  /** If interval `index` is held by `thread` and ends at `start`, make it end at `end` instead; says whether it did. */
  extend(index: number, thread: number, start: number, end: number): boolean {
    const chunk = this.#chunks[chunkOf(index)];
    const offset = index - chunk.first;
    if (chunk.thread[offset] !== thread || chunk.end[offset] !== start) return false;
    chunk.end[offset] = end;
    return true;
  }

  /** Indices of all intervals ordered by key, then start (stable: equal ones keep recording order). */
  byKeyThenStart(): number[] {
    const field = (index: number, name: 'key' | 'start') => {
      const chunk = this.#chunks[chunkOf(index)];
      return chunk[name][index - chunk.first];
    };
    return Array.from({ length: this.length }, (_, index) => index)
      .sort((a, b) => field(a, 'key') - field(b, 'key') || field(a, 'start') - field(b, 'start'));
  }

  /** The intervals at `indices` (all, in recording order, by default) as objects made by `make`. */
  rows<T>(make: (key: number, thread: number, start: number, end: number) => T, indices?: readonly number[]): T[] {
    const count = indices ? indices.length : this.length;
    const rows: T[] = new Array(count);
    for (let position = 0; position < count; position++) {
      const index = indices ? indices[position] : position;
      const chunk = this.#chunks[chunkOf(index)];
      const offset = index - chunk.first;
      rows[position] = make(chunk.key[offset], chunk.thread[offset], chunk.start[offset], chunk.end[offset]);
    }
    return rows;
  }
}

/** A trace's state columns, the rows built from them (once read), and whether `intervals` was assigned since. */
interface KeptColumns {
  columns: StateColumns;
  rows?: StateInterval[];
  replaced: boolean;
}

const keptColumns = new WeakMap<Trace, KeptColumns>();

/** Make `trace.intervals` the rows of `columns`, built on first read (`lazyProperty`), and keep the columns for `stateColumnsOf`. */
export function lazyIntervals(trace: Trace, columns: StateColumns): void {
  const kept: KeptColumns = { columns, replaced: false };
  keptColumns.set(trace, kept);
  lazyProperty(trace, 'intervals', () => (kept.rows = columns.rows()), () => { kept.replaced = true; });
}

/**
 * The columns behind `trace.intervals`, while they are what it holds: for a trace the
 * engine made in this process, not one read from a file, copied, or whose intervals a
 * caller replaced. Lets a reader of every interval skip building the objects.
 */
export function stateColumnsOf(trace: Trace): StateColumns | undefined {
  const kept = keptColumns.get(trace);
  if (!kept || kept.replaced) return undefined;
  const descriptor = Object.getOwnPropertyDescriptor(trace, 'intervals');
  if (!descriptor) return undefined;
  // An accessor is the lazy property, never assigned; a value must be the rows it built.
  return descriptor.get || descriptor.value === kept.rows ? kept.columns : undefined;
}

/**
 * Give `target[key]` the value `build()` returns, built on first read. The property
 * is enumerable, so JSON, structured clone and deep equality see it like any other;
 * once read or assigned it is a plain data property (if `target` was frozen in
 * between, it stays an accessor that returns the value built once).
 */
export function lazyProperty<T extends object, K extends keyof T>(target: T, key: K, build: () => T[K], onAssign?: () => void): void {
  let built: { value: T[K] } | undefined;
  const settle = (value: T[K]) => {
    built = { value };
    if (Object.getOwnPropertyDescriptor(target, key)?.configurable) {
      Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
    }
    return value;
  };
  Object.defineProperty(target, key, {
    get: () => (built ? built.value : settle(build())),
    set: (value: T[K]) => {
      onAssign?.();
      settle(value);
    },
    enumerable: true,
    configurable: true,
  });
}
