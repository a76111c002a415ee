import { describe, expect, test } from 'vitest';
import { gilBattleFixture } from '../fixtures/run-result';
import {
  clampView, firstEndingAfter, formatMs, panView, pixelRuns, spanAt, timeTicks, traceLanes, zoomView, type Span,
} from '../../src/playground/timeline/geometry';
import { laneAtY, timelineHeight } from '../../src/playground/timeline/paint';

const lane = (spans: (Span & { paint: string })[]) => ({ spans, paintOf: (span: Span) => (span as Span & { paint: string }).paint });

describe('lanes of a trace', () => {
  test('a lane per thread, then the GIL owner, then a lane per CPU', () => {
    const lanes = traceLanes(gilBattleFixture().trace);
    expect(lanes.map((l) => `${l.kind}:${l.label}`)).toEqual([
      'thread:main', 'thread:worker-1', 'thread:worker-2', 'gil:GIL owner', 'cpu:CPU 0', 'cpu:CPU 1',
    ]);
    const worker1 = lanes[1];
    expect(worker1.spans.map((s) => worker1.paintOf(s))).toEqual(['gil-wait', 'python', 'gil-wait', 'python']);
    // GIL and CPU lanes are coloured by the thread's position in the trace.
    const gil = lanes[3];
    expect(gil.spans.map((s) => gil.paintOf(s))).toEqual(['t0', 't1', 't2', 't1', 't2']);
    expect(gil.describe(gil.spans[1])).toBe('GIL held by worker-1');
  });
});

describe('pixel runs', () => {
  test('wide spans map to whole pixels and neighbours with the same paint merge', () => {
    const runs = pixelRuns(lane([
      { start: 0, end: 5, paint: 'a' }, { start: 5, end: 10, paint: 'a' }, { start: 10, end: 20, paint: 'b' },
    ]), { start: 0, end: 20 }, 200);
    expect(runs).toEqual([{ x0: 0, x1: 100, paint: 'a' }, { x0: 100, x1: 200, paint: 'b' }]);
  });

  test('only the visible window is drawn, clipped to the plot', () => {
    const runs = pixelRuns(lane([{ start: 0, end: 10, paint: 'a' }, { start: 10, end: 20, paint: 'b' }]), { start: 5, end: 15 }, 100);
    expect(runs).toEqual([{ x0: 0, x1: 50, paint: 'a' }, { x0: 50, x1: 100, paint: 'b' }]);
  });

  test('sub-pixel spans share a column; the paint covering most of it wins', () => {
    // 1 px = 1 ms; in column 0, "a" covers 0.7 and "b" 0.3.
    const runs = pixelRuns(lane([{ start: 0, end: 0.7, paint: 'a' }, { start: 0.7, end: 1, paint: 'b' }, { start: 1, end: 3, paint: 'b' }]), { start: 0, end: 3 }, 3);
    expect(runs).toEqual([{ x0: 0, x1: 1, paint: 'a' }, { x0: 1, x1: 3, paint: 'b' }]);
  });

  test('a short burst of work inside a long wait still shows (blocked gives way to activity)', () => {
    const runs = pixelRuns(lane([{ start: 0, end: 0.99, paint: 'blocked' }, { start: 0.99, end: 1, paint: 'python' }, { start: 1, end: 3, paint: 'blocked' }]), { start: 0, end: 3 }, 3);
    expect(runs).toEqual([{ x0: 0, x1: 1, paint: 'python' }, { x0: 1, x1: 3, paint: 'blocked' }]);
  });

  test('a million intervals become at most one run per pixel column', () => {
    const spans: (Span & { paint: string })[] = [];
    for (let i = 0; i < 1_000_000; i++) spans.push({ start: i, end: i + 1, paint: i % 3 ? 'python' : 'gil-wait' });
    const runs = pixelRuns(lane(spans), { start: 0, end: 1_000_000 }, 800);
    expect(runs.length).toBeLessThanOrEqual(800);
    expect(runs[0].x0).toBe(0);
    expect(runs[runs.length - 1].x1).toBe(800);
    // Two thirds python everywhere: zoomed out, python wins every column.
    expect(runs).toEqual([{ x0: 0, x1: 800, paint: 'python' }]);
    // A region where the minority state dominates still shows when zoomed out.
    for (let i = 400_000; i < 500_000; i++) spans[i].paint = 'gil-wait';
    const mixed = pixelRuns(lane(spans), { start: 0, end: 1_000_000 }, 800);
    expect(mixed).toEqual([
      { x0: 0, x1: 320, paint: 'python' }, { x0: 320, x1: 400, paint: 'gil-wait' }, { x0: 400, x1: 800, paint: 'python' },
    ]);
    // Zoomed in to 100 intervals, each gets its own pixels again.
    const zoomed = pixelRuns(lane(spans), { start: 500_000, end: 500_100 }, 800);
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
    expect(timeTicks({ start: 0, end: 10 }, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(timeTicks({ start: 0.0013, end: 0.0031 }, 4)).toEqual([0.0015, 0.002, 0.0025, 0.003]);
    expect(formatMs(0.25)).toBe('250 µs');
    expect(formatMs(12.345)).toBe('12.3 ms');
    expect(formatMs(2500)).toBe('2.5 s');
  });
});
