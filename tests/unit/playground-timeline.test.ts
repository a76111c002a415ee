import { describe, expect, test } from 'vitest';
import { gilBattleFixture } from '../fixtures/run-result';
import { clampView, panView, spanAt, zoomView } from '../../src/playground/timeline/geometry';
import { columnRuns, firstEndingAfter, type Span } from '../../src/timeline/columns';
import { formatMs } from '../../src/timeline/format';
import { traceLanes } from '../../src/timeline/lanes';
import { timeTicks } from '../../src/timeline/ticks';
import {
  laneAtY, laneScrollRange, maxVisibleLanes, paintTimeline, timelineHeight, timelineMetrics, viewportHeight,
} from '../../src/playground/timeline/paint';
import { threadColours } from '../../src/timeline/palette';
import type { Trace } from '../../src/sim/result';

const lane = (spans: (Span & { paint: string })[]) => ({ spans, keyOf: (span: Span) => (span as Span & { paint: string }).paint });


describe('lanes of a trace', () => {
  test('a lane per thread, then the GIL (held by), then a lane per CPU', () => {
    const lanes = traceLanes(gilBattleFixture().trace);
    expect(lanes.map((l) => `${l.kind}:${l.label}`)).toEqual([
      'thread:main', 'thread:worker-1', 'thread:worker-2', 'gil:GIL held by', 'cpu:CPU 0', 'cpu:CPU 1',
    ]);
    const worker1 = lanes[1];
    expect(worker1.spans.map((s) => worker1.keyOf(s))).toEqual(['gil-wait', 'python', 'gil-wait', 'python']);
    // GIL and CPU lanes are coloured by the thread's position in the trace.
    const gil = lanes[3];
    expect(gil.spans.map((s) => gil.keyOf(s))).toEqual(['t0', 't1', 't2', 't1', 't2']);
    expect(gil.describe(gil.spans[1])).toBe('worker-1') // the tooltip reads "GIL held by: worker-1";
    // The thread key: each thread lane carries the colour its GIL and CPU spans have.
    expect(lanes.map((l) => l.threadKey)).toEqual(['t0', 't1', 't2', undefined, undefined, undefined]);
  });
});

/** A trace with `count` threads, one short python interval each, on one CPU. */
function manyThreadTrace(count: number): Trace {
  const base = gilBattleFixture().trace;
  const threads = Array.from({ length: count }, (_, id) => ({ id, name: `w${id}`, interpreter: 0, process: 0, kind: 'thread' as const, startMs: id, endMs: id + 1 }));
  return {
    ...base, cpus: 1, endMs: count, threads,
    intervals: threads.map((thread) => ({ thread: thread.id, state: 'python' as const, start: thread.startMs, end: thread.endMs })),
    cpu: threads.map((thread) => ({ cpu: 0, thread: thread.id, start: thread.startMs, end: thread.endMs })),
    gil: threads.map((thread) => ({ interpreter: 0, thread: thread.id, start: thread.startMs, end: thread.endMs })),
  };
}

/** A 2D context that records what is drawn (just the calls paintTimeline makes). */
function recordingContext() {
  const texts: { text: string; x: number; y: number }[] = [];
  const rects: { x: number; y: number; width: number; height: number; fill: string }[] = [];
  const context = {
    fillStyle: '', strokeStyle: '', lineWidth: 1, font: '', textBaseline: '', textAlign: '',
    fillRect(x: number, y: number, width: number, height: number) { rects.push({ x, y, width, height, fill: String(context.fillStyle) }); },
    fillText(text: string, x: number, y: number) { texts.push({ text, x, y }); },
    measureText: (text: string) => ({ width: text.length * 6 }),
    strokeRect() {}, save() {}, restore() {}, beginPath() {}, rect() {}, clip() {},
  };
  return { context: context as unknown as CanvasRenderingContext2D, texts, rects, font: () => context.font };
}

describe('many lanes', () => {
  test('the canvas is capped at maxVisibleLanes lanes; the rest scroll', () => {
    expect(viewportHeight(6)).toBe(timelineHeight(6));
    expect(laneScrollRange(6)).toBe(0);
    expect(viewportHeight(30_006)).toBe(timelineHeight(maxVisibleLanes));
    expect(viewportHeight(30_006)).toBeLessThan(600);
    expect(laneScrollRange(30_006)).toBe(timelineHeight(30_006) - viewportHeight(30_006));
  });

  test('scrolled lanes: y maps to the lane under it, never to a lane hidden under the axis', () => {
    const pitch = timelineMetrics.laneHeight + timelineMetrics.laneGap;
    expect(laneAtY(5, 30_006, 0)).toBe(0);
    expect(laneAtY(5, 30_006, 1000 * pitch)).toBe(1000);
    expect(laneAtY(5 + 3 * pitch, 30_006, laneScrollRange(30_006))).toBe(30_006 - maxVisibleLanes + 3);
    expect(laneAtY(viewportHeight(30_006) - 2, 30_006, 0)).toBe(-1); // on the axis
    expect(laneAtY(timelineMetrics.top + maxVisibleLanes * pitch + 1, 30_006, 0)).toBe(-1);
  });

  test('a repaint of 30,002 lanes draws only the lanes in view, with the scrolled-to labels', () => {
    const lanes = traceLanes(manyThreadTrace(30_000));
    expect(lanes).toHaveLength(30_002);
    const pitch = timelineMetrics.laneHeight + timelineMetrics.laneGap;
    const { context, texts, font } = recordingContext();
    paintTimeline(context, lanes, { start: 0, end: 30_000 }, { width: 600, height: viewportHeight(lanes.length), theme: 'light', scrollTop: 12_000 * pitch });
    const labels = texts.filter((text) => /^w\d+$/.test(text.text)).map((text) => text.text);
    expect(labels.length).toBeLessThanOrEqual(maxVisibleLanes + 1);
    expect(labels[0]).toBe('w12000');
    expect(labels).toContain(`w${12_000 + maxVisibleLanes - 1}`);
    // Labels are at least 11 CSS px.
    expect(Number(/(\d+)px/.exec(font())?.[1])).toBeGreaterThanOrEqual(11);
  });

  test('each thread lane starts with its thread colour (the key the GIL and CPU lanes refer to)', () => {
    const lanes = traceLanes(gilBattleFixture().trace);
    const { context, rects } = recordingContext();
    paintTimeline(context, lanes, { start: 0, end: 20 }, { width: 600, height: viewportHeight(lanes.length), theme: 'dark' });
    const keys = rects.filter((rect) => rect.x < timelineMetrics.labelWidth && rect.width === timelineMetrics.swatch);
    expect(keys.map((rect) => rect.fill)).toEqual(threadColours.dark.slice(0, 3));
  });
});

describe('pixel runs', () => {
  test('wide spans map to whole pixels and neighbours with the same paint merge', () => {
    const runs = columnRuns(lane([
      { start: 0, end: 5, paint: 'a' }, { start: 5, end: 10, paint: 'a' }, { start: 10, end: 20, paint: 'b' },
    ]), { start: 0, end: 20 }, 200);
    expect(runs).toEqual([{ x0: 0, x1: 100, key: 'a' }, { x0: 100, x1: 200, key: 'b' }]);
  });

  test('only the visible window is drawn, clipped to the plot', () => {
    const runs = columnRuns(lane([{ start: 0, end: 10, paint: 'a' }, { start: 10, end: 20, paint: 'b' }]), { start: 5, end: 15 }, 100);
    expect(runs).toEqual([{ x0: 0, x1: 50, key: 'a' }, { x0: 50, x1: 100, key: 'b' }]);
  });

  test('sub-pixel spans share a column; the paint covering most of it wins', () => {
    // 1 px = 1 ms; in column 0, "a" covers 0.7 and "b" 0.3.
    const runs = columnRuns(lane([{ start: 0, end: 0.7, paint: 'a' }, { start: 0.7, end: 1, paint: 'b' }, { start: 1, end: 3, paint: 'b' }]), { start: 0, end: 3 }, 3);
    expect(runs).toEqual([{ x0: 0, x1: 1, key: 'a' }, { x0: 1, x1: 3, key: 'b' }]);
  });

  test('a short burst of work inside a long wait still shows (blocked gives way to activity)', () => {
    const runs = columnRuns(lane([{ start: 0, end: 0.99, paint: 'blocked' }, { start: 0.99, end: 1, paint: 'python' }, { start: 1, end: 3, paint: 'blocked' }]), { start: 0, end: 3 }, 3);
    expect(runs).toEqual([{ x0: 0, x1: 1, key: 'python' }, { x0: 1, x1: 3, key: 'blocked' }]);
  });

  test('a million intervals become at most one run per pixel column', () => {
    const spans: (Span & { paint: string })[] = [];
    for (let i = 0; i < 1_000_000; i++) spans.push({ start: i, end: i + 1, paint: i % 3 ? 'python' : 'gil-wait' });
    const runs = columnRuns(lane(spans), { start: 0, end: 1_000_000 }, 800);
    expect(runs.length).toBeLessThanOrEqual(800);
    expect(runs[0].x0).toBe(0);
    expect(runs[runs.length - 1].x1).toBe(800);
    // Two thirds python everywhere: zoomed out, python wins every column.
    expect(runs).toEqual([{ x0: 0, x1: 800, key: 'python' }]);
    // A region where the minority state dominates still shows when zoomed out.
    for (let i = 400_000; i < 500_000; i++) spans[i].paint = 'gil-wait';
    const mixed = columnRuns(lane(spans), { start: 0, end: 1_000_000 }, 800);
    expect(mixed).toEqual([
      { x0: 0, x1: 320, key: 'python' }, { x0: 320, x1: 400, key: 'gil-wait' }, { x0: 400, x1: 800, key: 'python' },
    ]);
    // Zoomed in to 100 intervals, each gets its own pixels again.
    const zoomed = columnRuns(lane(spans), { start: 500_000, end: 500_100 }, 800);
    expect(zoomed.length).toBeGreaterThan(60);
  });
});

describe('hit testing', () => {
  const spans: Span[] = [{ start: 0, end: 1 }, { start: 1, end: 4 }, { start: 6, end: 7 }];
  test('finds the span under a time, or the nearest within tolerance', () => {
    expect(firstEndingAfter(spans, 1)).toBe(1);
    expect(spanAt(spans, 0.5, 0)).toBe(0);
    expect(spanAt(spans, 1, 0)).toBe(1);
    expect(spanAt(spans, 5.8, 0.5)).toBe(2);
    expect(spanAt(spans, 5, 0.5)).toBe(-1);
    expect(spanAt(spans, 100, 1)).toBe(-1);
  });

  test('lanes by y, with gaps between them', () => {
    expect(laneAtY(5, 3)).toBe(0);
    expect(laneAtY(24 + 5, 3)).toBe(1);
    expect(laneAtY(22, 3)).toBe(-1); // in the gap
    expect(laneAtY(timelineHeight(3) - 1, 3)).toBe(-1); // on the axis
  });
});

describe('zoom and pan', () => {
  test('zoom keeps the anchor in place and never leaves the run', () => {
    const zoomed = zoomView({ start: 0, end: 100 }, 2, 50, 100);
    expect(zoomed).toEqual({ start: 25, end: 75 });
    expect(zoomView({ start: 0, end: 100 }, 0.1, 50, 100)).toEqual({ start: 0, end: 100 });
    expect(zoomView({ start: 0, end: 100 }, 4, 100, 100)).toEqual({ start: 75, end: 100 });
  });

  test('pan stops at the edges without changing the width', () => {
    expect(panView({ start: 10, end: 20 }, -50, 100)).toEqual({ start: 0, end: 10 });
    expect(panView({ start: 10, end: 20 }, 500, 100)).toEqual({ start: 90, end: 100 });
    expect(clampView({ start: -5, end: 5 }, 100)).toEqual({ start: 0, end: 10 });
  });

  test('ticks fall on round times and times read in sensible units', () => {
    expect(timeTicks({ start: 0, end: 10 }, 5).map((tick) => tick.ms)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(timeTicks({ start: 0.0013, end: 0.0031 }, 4).map((tick) => tick.ms)).toEqual([0.0015, 0.002, 0.0025, 0.003]);
    expect(formatMs(0.25)).toBe('250 µs');
    expect(formatMs(12.345)).toBe('12.3 ms');
    expect(formatMs(2500)).toBe('2.5 s');
  });
});
