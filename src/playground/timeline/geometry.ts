/**
 * Timeline geometry, without the DOM: which lanes a trace has, the visible time
 * window (zoom and pan), how intervals become pixel runs, and what is under the
 * pointer. Drawing at pixel resolution is what lets a million intervals stay
 * smooth: each lane turns into at most one run per pixel column.
 */
import type { RunResult, ThreadState, Trace } from '../../sim/result';
import { pickKey } from '../../timeline/downsample';
import { threadColourIndex } from '../../timeline/palette';

/** An interval on a lane; `paint` decides its colour, `line` links it to the source. */
export interface Span {
  start: number;
  end: number;
}

/** One horizontal lane of the timeline. */
export interface Lane {
  kind: 'thread' | 'gil' | 'cpu';
  label: string;
  /** Sorted by start, not overlapping. */
  spans: readonly Span[];
  /** The paint key of a span: a thread state, or `t<n>` for the n-th thread colour. */
  paintOf(span: Span): string;
  /** Scenario line behind a span, if known. */
  lineOf(span: Span): number | undefined;
  /** Words for the tooltip. */
  describe(span: Span): string;
}

/** The visible window, in simulated ms. */
export interface View {
  start: number;
  end: number;
}

/** Build the lanes of a trace: one per thread, then one per GIL, then one per CPU. */
export function traceLanes(trace: Trace): Lane[] {
  const names = new Map(trace.threads.map((thread) => [thread.id, thread.name]));
  const nameOf = (id: number) => names.get(id) ?? `thread ${id}`;
  // Thread colours follow the thread's position in the trace (the site's palette rule).
  const positions = new Map(trace.threads.map((thread, index) => [thread.id, index]));
  const ownerPaint = (id: number) => `t${threadColourIndex(positions.get(id) ?? 0)}`;
  const byKey = <T extends Span>(items: readonly T[], keyOf: (item: T) => number) => {
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
  };
  type StateSpan = Span & { state: ThreadState; line?: number; thread: number };
  type OwnerSpan = Span & { thread: number };
  const lanes: Lane[] = [];
  const threadSpans = byKey(trace.intervals as StateSpan[], (interval) => interval.thread);
  for (const thread of trace.threads) {
    lanes.push({
      kind: 'thread',
      label: thread.name,
      spans: threadSpans.get(thread.id) ?? [],
      paintOf: (span) => (span as StateSpan).state,
      lineOf: (span) => (span as StateSpan).line,
      describe: (span) => (span as StateSpan).state,
    });
  }
  const gilSpans = byKey(trace.gil as OwnerSpan[], (interval) => (interval as unknown as { interpreter: number }).interpreter);
  for (const interpreter of trace.interpreters) {
    if (!interpreter.hasGil) continue;
    lanes.push({
      kind: 'gil',
      label: trace.interpreters.filter((i) => i.hasGil).length > 1 ? `GIL (${interpreter.name})` : 'GIL owner',
      spans: gilSpans.get(interpreter.id) ?? [],
      paintOf: (span) => ownerPaint((span as OwnerSpan).thread),
      lineOf: () => undefined,
      describe: (span) => `GIL held by ${nameOf((span as OwnerSpan).thread)}`,
    });
  }
  const cpuSpans = byKey(trace.cpu as OwnerSpan[], (interval) => (interval as unknown as { cpu: number }).cpu);
  for (let cpu = 0; cpu < trace.cpus; cpu++) {
    lanes.push({
      kind: 'cpu',
      label: `CPU ${cpu}`,
      spans: cpuSpans.get(cpu) ?? [],
      paintOf: (span) => ownerPaint((span as OwnerSpan).thread),
      lineOf: () => undefined,
      describe: (span) => `CPU ${cpu} runs ${nameOf((span as OwnerSpan).thread)}`,
    });
  }
  return lanes;
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

/** A horizontal run of pixels painted one way. */
export interface PixelRun {
  x0: number;
  x1: number;
  paint: string;
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

/** A lane's spans as typed arrays, so a repaint is a tight numeric loop. */
interface PackedLane {
  starts: Float64Array;
  ends: Float64Array;
  /** Index into `paints` per span. */
  paintIndex: Uint8Array;
  paints: string[];
  /** Coverage per paint in fixed time bins, built the first time the lane is drawn zoomed out. */
  bins?: { width: number; coverage: Float32Array };
}

/** Time bins per lane for zoomed-out views: each column then sums bins instead of spans. */
const binCount = 16_384;
/** Below this many spans, walking the spans is fast enough at any zoom. */
const binThreshold = 20_000;

/** Per-paint coverage of each bin (ms), `coverage[bin * paints + paint]`. */
function laneBins(packed: PackedLane): NonNullable<PackedLane['bins']> {
  if (packed.bins) return packed.bins;
  const paints = packed.paints.length;
  const total = packed.ends.length ? packed.ends[packed.ends.length - 1] : 0;
  const width = total / binCount || 1;
  const coverage = new Float32Array(binCount * paints);
  for (let i = 0; i < packed.starts.length; i++) {
    const start = packed.starts[i];
    const end = packed.ends[i];
    const paint = packed.paintIndex[i];
    const last = Math.min(binCount - 1, Math.floor(end / width));
    for (let bin = Math.floor(start / width); bin <= last; bin++) {
      const overlap = Math.min(end, (bin + 1) * width) - Math.max(start, bin * width);
      if (overlap > 0) coverage[bin * paints + paint] += overlap;
    }
  }
  packed.bins = { width, coverage };
  return packed.bins;
}

/** Pixel runs from the bins: for views where a column holds at least two bins. */
function binnedRuns(packed: PackedLane, view: View, width: number, push: (x0: number, x1: number, paint: number) => void): void {
  const { width: binWidth, coverage } = laneBins(packed);
  const paints = packed.paints.length;
  const column = new Float64Array(paints);
  const msPerPixel = (view.end - view.start) / width;
  for (let x = 0; x < width; x++) {
    const t0 = view.start + x * msPerPixel;
    const t1 = t0 + msPerPixel;
    column.fill(0);
    const last = Math.min(binCount - 1, Math.floor(t1 / binWidth));
    for (let bin = Math.max(0, Math.floor(t0 / binWidth)); bin <= last; bin++) {
      // Partial bins at the column's edges count in proportion.
      const share = (Math.min(t1, (bin + 1) * binWidth) - Math.max(t0, bin * binWidth)) / binWidth;
      if (share <= 0) continue;
      for (let p = 0; p < paints; p++) column[p] += coverage[bin * paints + p] * share;
    }
    const best = pickKey(column, packed.paints);
    if (best >= 0) push(x, x + 1, best);
  }
}

const packedLanes = new WeakMap<object, PackedLane>();

/** Pack a lane once (cached per lane object). */
function packLane(lane: Pick<Lane, 'spans' | 'paintOf'>): PackedLane {
  let packed = packedLanes.get(lane);
  if (packed) return packed;
  const count = lane.spans.length;
  packed = { starts: new Float64Array(count), ends: new Float64Array(count), paintIndex: new Uint8Array(count), paints: [] };
  const indexOf = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const span = lane.spans[i];
    const paint = lane.paintOf(span);
    let index = indexOf.get(paint);
    if (index === undefined) {
      index = packed.paints.length;
      if (index > 255) throw new RangeError('a lane has more than 256 colours');
      indexOf.set(paint, index);
      packed.paints.push(paint);
    }
    packed.starts[i] = span.start;
    packed.ends[i] = span.end;
    packed.paintIndex[i] = index;
  }
  packedLanes.set(lane, packed);
  return packed;
}

/**
 * Turn a lane's spans into pixel runs for a `width`-pixel view. Spans narrower than
 * a pixel share their column; the paint covering most of it wins, except that a
 * blocked thread's column shows any work it did (`pickKey`).
 */
export function pixelRuns(lane: Pick<Lane, 'spans' | 'paintOf'>, view: View, width: number): PixelRun[] {
  const runs: PixelRun[] = [];
  const scale = width / (view.end - view.start);
  if (!(scale > 0) || !Number.isFinite(scale)) return runs;
  const packed = packLane(lane);
  const { starts, ends, paintIndex, paints } = packed;
  const push = (x0: number, x1: number, paint: number) => {
    const last = runs[runs.length - 1];
    if (last && last.x1 === x0 && last.paint === paints[paint]) last.x1 = x1;
    else runs.push({ x0, x1, paint: paints[paint] });
  };
  if (starts.length > binThreshold) {
    const total = ends[ends.length - 1];
    if ((view.end - view.start) / width >= (2 * total) / binCount) {
      binnedRuns(packed, view, width, push);
      return runs;
    }
  }
  // Coverage of the column being filled, per paint index.
  const coverage = new Float64Array(paints.length);
  let bucket = -1;
  const flush = () => {
    if (bucket < 0) return;
    const best = pickKey(coverage, paints);
    coverage.fill(0);
    if (best >= 0) push(bucket, bucket + 1, best);
    bucket = -1;
  };
  const add = (pixel: number, paint: number, amount: number) => {
    if (pixel !== bucket) {
      flush();
      bucket = pixel;
    }
    coverage[paint] += amount;
  };
  const count = starts.length;
  for (let i = firstEndingAfterPacked(ends, view.start); i < count; i++) {
    if (starts[i] >= view.end) break;
    const a = Math.max(0, (starts[i] - view.start) * scale);
    const b = Math.min(width, (ends[i] - view.start) * scale);
    if (b <= a) continue;
    const paint = paintIndex[i];
    const firstFull = Math.ceil(a);
    const lastFull = Math.floor(b);
    if (firstFull >= lastFull) {
      // Inside one column, or straddling one boundary.
      if (Math.floor(a) === Math.floor(b) || b === lastFull) add(Math.floor(a), paint, b - a);
      else {
        add(Math.floor(a), paint, firstFull - a);
        add(lastFull, paint, b - lastFull);
      }
      continue;
    }
    if (a < firstFull) add(Math.floor(a), paint, firstFull - a);
    flush();
    push(firstFull, lastFull, paint);
    if (b > lastFull) add(lastFull, paint, b - lastFull);
  }
  flush();
  return runs;
}

function firstEndingAfterPacked(ends: Float64Array, time: number): number {
  let low = 0;
  let high = ends.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (ends[mid] <= time) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The span under time `time`, or the nearest one within `tolerance` ms; -1 if none. */
export function spanAt(spans: readonly Span[], time: number, tolerance: number): number {
  const index = firstEndingAfter(spans, time - tolerance);
  let best = -1;
  let bestDistance = Infinity;
  for (let i = index; i < spans.length && spans[i].start <= time + tolerance; i++) {
    const span = spans[i];
    const distance = time < span.start ? span.start - time : time >= span.end ? time - span.end : 0;
    if (distance < bestDistance) {
      best = i;
      bestDistance = distance;
      if (distance === 0) break;
    }
  }
  return best;
}

/** Zoom by `factor` (> 1 zooms in) keeping `anchor` (ms) under the pointer, within [0, total]. */
export function zoomView(view: View, factor: number, anchor: number, total: number): View {
  const minSpan = Math.min(total, 1e-4); // 100 ns: finer than any simulated cost
  const span = Math.min(total, Math.max(minSpan, (view.end - view.start) / factor));
  const ratio = (anchor - view.start) / (view.end - view.start || 1);
  return clampView({ start: anchor - ratio * span, end: anchor - ratio * span + span }, total);
}

/** Move the window by `delta` ms, within [0, total]. */
export function panView(view: View, delta: number, total: number): View {
  return clampView({ start: view.start + delta, end: view.end + delta }, total);
}

/** Keep a window inside [0, total] without changing its width. */
export function clampView(view: View, total: number): View {
  const span = Math.min(view.end - view.start, total);
  let start = Math.max(0, view.start);
  if (start + span > total) start = total - span;
  return { start, end: start + span };
}

/** Axis ticks at round times (1, 2 or 5 × a power of ten). */
export function timeTicks(view: View, approximateCount: number): number[] {
  const span = view.end - view.start;
  if (!(span > 0)) return [];
  const rough = span / Math.max(1, approximateCount);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(view.start / step) * step; t <= view.end + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** "2.5 ms", "340 µs", "1.2 s". */
export function formatMs(ms: number): string {
  const abs = Math.abs(ms);
  if (abs === 0) return '0 ms';
  if (abs < 1) return `${trim(ms * 1000)} µs`;
  if (abs < 1000) return `${trim(ms)} ms`;
  return `${trim(ms / 1000)} s`;
}

function trim(value: number): string {
  return Number(value.toPrecision(3)).toString();
}

/** The longest simulated end among several runs: compare mode shares one time axis. */
export function sharedEnd(results: readonly RunResult[]): number {
  return Math.max(1e-3, ...results.map((result) => result.trace.endMs));
}
