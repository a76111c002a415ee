/**
 * What each pixel column of a timeline lane shows: the one rule behind the
 * build-time SVG, the playground's canvas, its SVG/PNG download and the CLI's text
 * timeline (one character is one column there), so all four agree.
 *
 * A long run records hundreds of thousands of intervals; drawing each would mean
 * megabytes of sub-pixel rectangles. Each column shows the key (state or thread
 * colour) that covers most of it, and neighbouring columns with the same key merge
 * into one run. One exception: a thread that is blocked most of a column but does
 * some work in it shows the work, so short bursts between long waits (a heartbeat,
 * an I/O loop) stay visible at any zoom.
 *
 * Coverage is exact on both paths: a walk over the spans in view, or, for a big lane
 * seen zoomed out, per-key running sums over fixed time bins plus a walk over the
 * spans in the two part-covered bins at each column's edges. The path only changes
 * how fast the answer comes, never the answer.
 */

/** The key that gives way to any other key present in a column: a sleeping thread. */
export const yieldingKey = 'blocked';

/**
 * Coverage at most this share of a column is rounding, not work: a span that ends
 * exactly on a column's edge can land 1e-13 of a column past it, and under the
 * `yieldingKey` rule that sliver would paint a burst that never happened. A real
 * burst of 1 ns is still above it in columns up to a second wide.
 */
const roundingShare = 1e-9;

/**
 * Index of the key a column shows, from each key's coverage of the column (-1 if
 * nothing covers more than `noise`): the largest, unless that is `yieldingKey` and
 * some other key covers part of the column too. Ties go to the lower index.
 */
export function pickKey(coverage: ArrayLike<number>, keys: readonly string[], noise = 0): number {
  let best = -1;
  let bestActive = -1;
  for (let index = 0; index < coverage.length; index++) {
    const amount = coverage[index];
    if (!(amount > noise)) continue;
    if (best < 0 || amount > coverage[best]) best = index;
    if (keys[index] !== yieldingKey && (bestActive < 0 || amount > coverage[bestActive])) bestActive = index;
  }
  return best >= 0 && keys[best] === yieldingKey && bestActive >= 0 ? bestActive : best;
}

/** A time interval of a lane, in ms. */
export interface Span {
  start: number;
  end: number;
}

/** A time window, in simulated ms. */
export interface View {
  start: number;
  end: number;
}

/** A lane: spans (sorted by start and not overlapping, as the engine records them) and what each shows. */
export interface KeyedLane {
  spans: readonly Span[];
  /** The key a span shows: a thread state, or `t<n>` for the n-th thread colour. */
  keyOf(span: Span): string;
}

/** A span tagged with its key. */
export interface KeyedInterval extends Span {
  key: string;
}

/** A lane of intervals that carry their key. */
export function keyedLane(intervals: readonly KeyedInterval[]): KeyedLane {
  return { spans: intervals, keyOf: (span) => (span as KeyedInterval).key };
}

/** Whole pixel columns [x0, x1) showing one key. */
export interface ColumnRun {
  readonly x0: number;
  readonly x1: number;
  readonly key: string;
}

/** Index of the first span ending after `time` (spans sorted, not overlapping, so ends are sorted too). */
export function firstEndingAfter(spans: readonly Span[], time: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (spans[mid].end <= time) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The same over a packed lane's ends. */
function firstEndAfter(ends: Float64Array, time: number): number {
  let low = 0;
  let high = ends.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (ends[mid] <= time) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A lane's spans as typed arrays, so a repaint is a tight numeric loop. */
interface PackedLane {
  starts: Float64Array;
  ends: Float64Array;
  /** Index into `keys` per span. */
  keyIndex: Uint16Array;
  keys: string[];
  /** Running coverage per key at each bin edge, built the first time the lane is drawn zoomed out. */
  bins?: Bins;
  /** The last answer: a repaint for a hover or a scroll asks the same question again. */
  last?: { start: number; end: number; width: number; runs: readonly ColumnRun[] };
}

interface Bins {
  count: number;
  /** ms per bin. */
  width: number;
  /** `sums[edge * keys + key]`: ms of `key` before bin edge `edge` (edges 0..binCount). */
  sums: Float64Array;
  /** Per bin edge, the first span ending after it. */
  firstSpan: Int32Array;
}

/**
 * Time bins of a big lane, for zoomed-out views: about one per 8 spans, so the bin a
 * column edge cuts holds a handful of spans to walk (at least 16,384 bins, at most 2^20).
 */
function binCountFor(spans: number): number {
  return Math.min(2 ** 20, Math.max(16_384, Math.ceil(spans / 8)));
}
/** Below this many spans, walking the spans is fast enough at any zoom. */
const binThreshold = 20_000;
/** A lane shows at most this many keys (the packed key index is 16 bits). */
const maxKeys = 65_536;

const packedLanes = new WeakMap<KeyedLane, PackedLane>();

/**
 * Pack a lane once (cached per lane object). Input from a trace file is not trusted:
 * spans are put in start order if they are not, a span that overlaps the one before
 * keeps only its later part, and empty or non-finite spans are dropped, so every path
 * below can rely on sorted, disjoint spans.
 */
function packLane(lane: KeyedLane): PackedLane {
  let packed = packedLanes.get(lane);
  if (!packed) {
    // Engine output is in order and finite: pack it in one pass. Only when that pass meets
    // a span out of order or not finite, sort the usable spans (a comparator must never
    // see NaN) and pack again.
    packed = packInOrder(lane) ?? packInOrder(lane, usableInOrder(lane.spans))!;
    packedLanes.set(lane, packed);
  }
  return packed;
}

/** Indices of the finite spans, by start. */
function usableInOrder(spans: readonly Span[]): number[] {
  const order: number[] = [];
  for (let i = 0; i < spans.length; i++) if (Number.isFinite(spans[i].start) && Number.isFinite(spans[i].end)) order.push(i);
  return order.sort((a, b) => spans[a].start - spans[b].start || a - b);
}

/** Pack the spans in `order` (all of them as they come if none), or undefined if they come unsorted or non-finite. */
function packInOrder(lane: KeyedLane, order?: readonly number[]): PackedLane | undefined {
  const { spans } = lane;
  const span = order ? (i: number) => spans[order[i]] : (i: number) => spans[i];
  return packSpans(order ? order.length : spans.length, !order, (i) => span(i).start, (i) => span(i).end, (i) => lane.keyOf(span(i)));
}

/**
 * The one packing rule, over the `count` spans that `startOf`, `endOf` and `keyOf`
 * read by position: a span that overlaps the one before keeps only its later part,
 * empty spans are dropped, and keys are numbered in the order they first appear (ties
 * in `pickKey` go to the lower number). With `checkOrder`, undefined as soon as a span
 * comes out of start order or is not finite. The packed arrays are views on `into`
 * when it is given (scratch space for a caller that packs lane after lane).
 */
function packSpans(
  count: number, checkOrder: boolean, startOf: (i: number) => number, endOf: (i: number) => number, keyOf: (i: number) => string,
  into?: Scratch,
): PackedLane | undefined {
  const starts = into ? into.starts : new Float64Array(count);
  const ends = into ? into.ends : new Float64Array(count);
  const keyIndex = into ? into.keyIndex : new Uint16Array(count);
  const keys: string[] = [];
  let indexOf: Map<string, number> | undefined;
  let packed = 0;
  let previousStart = -Infinity;
  let reach = -Infinity;
  for (let i = 0; i < count; i++) {
    const spanStart = startOf(i);
    const end = endOf(i);
    if (checkOrder && !(spanStart >= previousStart && Number.isFinite(spanStart) && Number.isFinite(end))) return undefined;
    previousStart = spanStart;
    const start = Math.max(spanStart, reach);
    if (!(end > start)) continue;
    const key = keyOf(i);
    // A lane has a handful of keys: scanning them beats a map lookup per span.
    let index = -1;
    if (keys.length <= 8) {
      for (let k = 0; k < keys.length; k++) {
        if (keys[k] === key) {
          index = k;
          break;
        }
      }
    } else index = (indexOf ??= new Map(keys.map((known, k) => [known, k]))).get(key) ?? -1;
    if (index < 0) {
      index = keys.length;
      if (index >= maxKeys) throw new RangeError(`a lane has more than ${maxKeys} keys`);
      indexOf?.set(key, index);
      keys.push(key);
    }
    starts[packed] = start;
    ends[packed] = end;
    keyIndex[packed] = index;
    packed++;
    reach = end;
  }
  return { starts: starts.subarray(0, packed), ends: ends.subarray(0, packed), keyIndex: keyIndex.subarray(0, packed), keys };
}

/** Arrays to pack lanes into, each as long as the longest lane. */
interface Scratch {
  starts: Float64Array;
  ends: Float64Array;
  keyIndex: Uint16Array;
}

/**
 * A lane held as columns, as the engine records a trace: span `i` of the lane is
 * entry `at[i]` of `start`, `end` and `code` (the key is `names[code]`).
 */
export interface ColumnarLane {
  at: ArrayLike<number>;
  start: ArrayLike<number>;
  end: ArrayLike<number>;
  code: ArrayLike<number>;
  names: readonly string[];
}

/**
 * `columnRuns` of each lane held as columns: the same runs the lanes' spans as objects
 * give (the same packing and rule), without building an object per span. Not cached:
 * for a caller that draws each lane once (the CLI).
 */
export function columnarRuns(lanes: readonly ColumnarLane[], view: View, width: number): (readonly ColumnRun[])[] {
  const scale = width / (view.end - view.start);
  if (!(scale > 0) || !Number.isFinite(scale)) return lanes.map(() => []);
  const longest = lanes.reduce((most, lane) => Math.max(most, lane.at.length), 0);
  const scratch: Scratch = { starts: new Float64Array(longest), ends: new Float64Array(longest), keyIndex: new Uint16Array(longest) };
  return lanes.map(({ at, start, end, code, names }) => {
    const startOf = (i: number) => start[at[i]];
    const endOf = (i: number) => end[at[i]];
    const keyOf = (i: number) => names[code[at[i]]];
    let packed = packSpans(at.length, true, startOf, endOf, keyOf, scratch);
    if (!packed) {
      // Out of order or not finite: the usable spans by start, as `usableInOrder` does for spans.
      const order: number[] = [];
      for (let i = 0; i < at.length; i++) if (Number.isFinite(startOf(i)) && Number.isFinite(endOf(i))) order.push(i);
      order.sort((a, b) => startOf(a) - startOf(b) || a - b);
      packed = packSpans(order.length, false, (i) => startOf(order[i]), (i) => endOf(order[i]), (i) => keyOf(order[i]), scratch)!;
    }
    return columnsOf(packed, view, width);
  });
}

/** Running coverage per key at each bin edge, built once per lane. */
function laneBins(packed: PackedLane): Bins {
  if (packed.bins) return packed.bins;
  const { starts, ends, keyIndex } = packed;
  const keys = packed.keys.length;
  const total = ends.length ? ends[ends.length - 1] : 0;
  const binCount = binCountFor(starts.length);
  const width = total / binCount || 1;
  // First each bin's own coverage (at edge bin + 1), then summed along the edges.
  const sums = new Float64Array((binCount + 1) * keys);
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    const end = ends[i];
    const key = keyIndex[i];
    const last = Math.min(binCount - 1, Math.floor(end / width));
    for (let bin = Math.max(0, Math.floor(start / width)); bin <= last; bin++) {
      const overlap = Math.min(end, (bin + 1) * width) - Math.max(start, bin * width);
      if (overlap > 0) sums[(bin + 1) * keys + key] += overlap;
    }
  }
  for (let edge = 1; edge <= binCount; edge++) {
    for (let key = 0; key < keys; key++) sums[edge * keys + key] += sums[(edge - 1) * keys + key];
  }
  const firstSpan = new Int32Array(binCount + 1);
  for (let edge = 0, i = 0; edge <= binCount; edge++) {
    while (i < ends.length && ends[i] <= edge * width) i++;
    firstSpan[edge] = i;
  }
  packed.bins = { count: binCount, width, sums, firstSpan };
  return packed.bins;
}

/** Add each key's exact coverage of [t0, t1) to `coverage`, walking the spans there. */
function addSpansIn(packed: PackedLane, t0: number, t1: number, coverage: Float64Array): void {
  const { starts, ends, keyIndex } = packed;
  for (let i = firstEndAfter(ends, t0); i < starts.length && starts[i] < t1; i++) {
    const overlap = Math.min(t1, ends[i]) - Math.max(t0, starts[i]);
    if (overlap > 0) coverage[keyIndex[i]] += overlap;
  }
}

/**
 * Columns from the bins: the whole bins inside a column from the running sums, the
 * bin a column edge cuts span by span, split at the edge between the column and the
 * next one (so each cut bin is walked once).
 */
function binnedColumns(packed: PackedLane, view: View, width: number, push: (x0: number, x1: number, key: number) => void): void {
  const { count: binCount, width: binWidth, sums, firstSpan } = laneBins(packed);
  const { starts, ends, keyIndex } = packed;
  const keys = packed.keys.length;
  let coverage = new Float64Array(keys);
  /** What the bin cut by this column's left edge holds right of it, from the column before. */
  let carried = new Float64Array(keys);
  let hasCarry = false;
  let carryBin = -1;
  const msPerPixel = (view.end - view.start) / width;
  for (let x = 0; x < width; x++) {
    const t0 = view.start + x * msPerPixel;
    const t1 = view.start + (x + 1) * msPerPixel;
    const first = Math.min(binCount, Math.max(0, Math.ceil(t0 / binWidth)));
    const last = Math.min(binCount, Math.max(0, Math.floor(t1 / binWidth)));
    // The carry fits only if it ends where this column's whole bins begin (rounding aside, it does).
    if (hasCarry && first !== carryBin) hasCarry = false;
    const swap = coverage;
    coverage = carried;
    carried = swap;
    // (Loops, not fill(): a lane has a handful of keys.)
    for (let key = 0; key < keys; key++) {
      if (!hasCarry) coverage[key] = 0;
      carried[key] = 0;
    }
    if (first < last) {
      for (let key = 0; key < keys; key++) coverage[key] += sums[last * keys + key] - sums[first * keys + key];
      if (!hasCarry) addSpansIn(packed, t0, first * binWidth, coverage);
      hasCarry = false;
      const cut = last * binWidth;
      if (last < binCount && cut < t1) {
        // The bin from `cut` holds this column's right edge: left of t1 is ours, the rest the next column's.
        const binEnd = (last + 1) * binWidth;
        for (let i = firstSpan[last]; i < starts.length && starts[i] < binEnd; i++) {
          const start = Math.max(cut, starts[i]);
          const end = Math.min(binEnd, ends[i]);
          if (start < t1) coverage[keyIndex[i]] += Math.max(0, Math.min(t1, end) - start);
          if (end > t1) carried[keyIndex[i]] += end - Math.max(t1, start);
        }
        hasCarry = true;
        carryBin = last + 1;
      } else if (cut < t1) {
        addSpansIn(packed, cut, t1, coverage);
      }
    } else {
      // No whole bin inside (only past the end of the lane's time): walk it.
      for (let key = 0; key < keys; key++) coverage[key] = 0;
      hasCarry = false;
      addSpansIn(packed, t0, t1, coverage);
    }
    const best = pickKey(coverage, packed.keys, roundingShare * msPerPixel);
    if (best >= 0) push(x, x + 1, best);
  }
}

/**
 * What each of `width` pixel columns across `view` shows, as runs of whole columns
 * (x from 0 at `view.start`). Columns nothing covers are left out. The answer for the
 * lane's last view is kept, so callers must not change it.
 */
export function columnRuns(lane: KeyedLane, view: View, width: number): readonly ColumnRun[] {
  const scale = width / (view.end - view.start);
  if (!(scale > 0) || !Number.isFinite(scale)) return [];
  const packed = packLane(lane);
  const last = packed.last;
  if (last && last.start === view.start && last.end === view.end && last.width === width) return last.runs;
  const runs = columnsOf(packed, view, width);
  packed.last = { start: view.start, end: view.end, width, runs };
  return runs;
}

function columnsOf(packed: PackedLane, view: View, width: number): ColumnRun[] {
  const runs: { x0: number; x1: number; key: string }[] = [];
  const scale = width / (view.end - view.start);
  const { starts, ends, keyIndex, keys } = packed;
  const push = (x0: number, x1: number, key: number) => {
    const last = runs[runs.length - 1];
    if (last && last.x1 === x0 && last.key === keys[key]) last.x1 = x1;
    else runs.push({ x0, x1, key: keys[key] });
  };
  if (starts.length > binThreshold) {
    const total = ends[ends.length - 1];
    // Columns at least two bins wide: summing bins beats walking the spans.
    if (1 / scale >= (2 * total) / binCountFor(starts.length)) {
      binnedColumns(packed, view, width, push);
      return runs;
    }
  }
  // Coverage (in columns) of the column being filled, per key index.
  const coverage = new Float64Array(keys.length);
  let column = -1;
  const flush = () => {
    if (column < 0) return;
    const best = pickKey(coverage, keys, roundingShare);
    coverage.fill(0);
    if (best >= 0) push(column, column + 1, best);
    column = -1;
  };
  const add = (pixel: number, key: number, amount: number) => {
    if (pixel !== column) {
      flush();
      column = pixel;
    }
    coverage[key] += amount;
  };
  for (let i = firstEndAfter(ends, view.start); i < starts.length; i++) {
    if (starts[i] >= view.end) break;
    const a = Math.max(0, (starts[i] - view.start) * scale);
    const b = Math.min(width, (ends[i] - view.start) * scale);
    if (b <= a) continue;
    const key = keyIndex[i];
    const firstFull = Math.ceil(a);
    const lastFull = Math.floor(b);
    if (firstFull >= lastFull) {
      // Inside one column, or straddling one boundary.
      if (Math.floor(a) === Math.floor(b) || b === lastFull) add(Math.floor(a), key, b - a);
      else {
        add(Math.floor(a), key, firstFull - a);
        add(lastFull, key, b - lastFull);
      }
      continue;
    }
    if (a < firstFull) add(Math.floor(a), key, firstFull - a);
    flush();
    push(firstFull, lastFull, key);
    if (b > lastFull) add(lastFull, key, b - lastFull);
  }
  flush();
  return runs;
}
