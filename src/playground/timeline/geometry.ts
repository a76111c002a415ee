/**
 * Timeline geometry, without the DOM: which lanes a trace has, the visible time
 * window (zoom and pan), how intervals become pixel runs, and what is under the
 * pointer. Drawing at pixel resolution is what lets a million intervals stay
 * smooth: each lane turns into at most one run per pixel column.
 */
import type { RunResult, ThreadState, Trace } from '../../sim/result';

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
  const ownerPaint = (id: number) => `t${(positions.get(id) ?? 0) % 8}`;
  const byKey = <T extends Span>(items: readonly T[], keyOf: (item: T) => number) => {
    const groups = new Map<number, T[]>();
    for (const item of items) {
      const key = keyOf(item);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = []));
      group.push(item);
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

/**
 * Turn a lane's spans into pixel runs for a `width`-pixel view. Spans narrower than
 * a pixel share their column; the paint covering most of it wins.
 */
export function pixelRuns(lane: Pick<Lane, 'spans' | 'paintOf'>, view: View, width: number): PixelRun[] {
  const runs: PixelRun[] = [];
  const scale = width / (view.end - view.start);
  if (!(scale > 0) || !Number.isFinite(scale)) return runs;
  const push = (x0: number, x1: number, paint: string) => {
    const last = runs[runs.length - 1];
    if (last && last.x1 === x0 && last.paint === paint) last.x1 = x1;
    else runs.push({ x0, x1, paint });
  };
  let bucket = -1;
  const coverage = new Map<string, number>();
  const flush = () => {
    if (bucket < 0) return;
    let best = '';
    let bestAmount = 0;
    for (const [paint, amount] of coverage) {
      if (amount > bestAmount) {
        best = paint;
        bestAmount = amount;
      }
    }
    // A column is painted if spans cover at least a fifth of it: tiny slivers stay visible without smearing gaps.
    if (bestAmount > 0) push(bucket, bucket + 1, best);
    bucket = -1;
    coverage.clear();
  };
  const addToBucket = (pixel: number, paint: string, amount: number) => {
    if (pixel !== bucket) {
      flush();
      bucket = pixel;
    }
    coverage.set(paint, (coverage.get(paint) ?? 0) + amount);
  };
  const spans = lane.spans;
  for (let i = firstEndingAfter(spans, view.start); i < spans.length; i++) {
    const span = spans[i];
    if (span.start >= view.end) break;
    const a = Math.max(0, (span.start - view.start) * scale);
    const b = Math.min(width, (span.end - view.start) * scale);
    if (b <= a) continue;
    const paint = lane.paintOf(span);
    const firstFull = Math.ceil(a);
    const lastFull = Math.floor(b);
    if (firstFull >= lastFull) {
      // Inside one column, or straddling one boundary.
      if (Math.floor(a) === Math.floor(b) || b === lastFull) addToBucket(Math.floor(a), paint, b - a);
      else {
        addToBucket(Math.floor(a), paint, firstFull - a);
        addToBucket(lastFull, paint, b - lastFull);
      }
      continue;
    }
    if (a < firstFull) addToBucket(Math.floor(a), paint, firstFull - a);
    flush();
    push(firstFull, lastFull, paint);
    if (b > lastFull) addToBucket(lastFull, paint, b - lastFull);
  }
  flush();
  return runs;
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
