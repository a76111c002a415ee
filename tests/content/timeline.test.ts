import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  formatMs, backgrounds, columnRuns, contrastRatio, keyedLane, layoutTimeline, stateColours, summarizeRun, threadColours, timeTicks,
  type KeyedInterval,
} from '../../src/timeline';
import { threadStates } from '../../src/sim/result';
import { gilBattleFixture } from '../fixtures/run-result';

describe('palette', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`every ${theme} state and thread colour has 3:1 contrast with the ${theme} background`, () => {
      for (const state of threadStates) {
        expect(contrastRatio(stateColours[theme][state], backgrounds[theme]), state).toBeGreaterThanOrEqual(3);
      }
      for (const colour of threadColours[theme]) {
        expect(contrastRatio(colour, backgrounds[theme]), colour).toBeGreaterThanOrEqual(3);
      }
    });
  }
  test('contrast ratio matches the WCAG extremes', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
  });
});

/** `columns` pixel columns of `msPerPixel` each from 0 ms, as the build-time SVG sees a lane. */
const downsample = (intervals: KeyedInterval[], msPerPixel: number, columns: number) =>
  columnRuns(keyedLane(intervals), { start: 0, end: msPerPixel * columns }, columns);

describe('columns of a lane of keyed intervals', () => {
  test('long intervals keep their pixel extents', () => {
    const segments = downsample([
      { start: 0, end: 50, key: 'python' },
      { start: 50, end: 100, key: 'gil-wait' },
    ], 1, 100);
    expect(segments).toEqual([
      { x0: 0, x1: 50, key: 'python' },
      { x0: 50, x1: 100, key: 'gil-wait' },
    ]);
  });

  test('sub-pixel intervals merge into the state that dominates each pixel', () => {
    // 1000 alternating intervals of 0.07 ms python / 0.03 ms gil-wait on 10 px of 10 ms each.
    const intervals = Array.from({ length: 1000 }, (_, i) => [
      { start: i * 0.1, end: i * 0.1 + 0.07, key: 'python' },
      { start: i * 0.1 + 0.07, end: (i + 1) * 0.1, key: 'gil-wait' },
    ]).flat();
    expect(downsample(intervals, 10, 10)).toEqual([{ x0: 0, x1: 10, key: 'python' }]);
  });

  test('a thread blocked most of a column still shows the work it did in it (a heartbeat stays visible)', () => {
    // 10 µs of Python every 2 ms, blocked in between; 1 px = 1 ms.
    const intervals = Array.from({ length: 10 }, (_, i) => [
      { start: i * 2, end: i * 2 + 0.01, key: 'python' },
      { start: i * 2 + 0.01, end: (i + 1) * 2, key: 'blocked' },
    ]).flat();
    const segments = downsample(intervals, 1, 20);
    expect(segments.filter((segment) => segment.key === 'python').map((segment) => segment.x0)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    // Among active states the dominant one still wins.
    expect(downsample([
      { start: 0, end: 0.6, key: 'gil-wait' }, { start: 0.6, end: 0.7, key: 'python' }, { start: 0.7, end: 1, key: 'blocked' },
    ], 1, 1)).toEqual([{ x0: 0, x1: 1, key: 'gil-wait' }]);
  });

  test('uncovered columns stay empty', () => {
    expect(downsample([{ start: 20, end: 30, key: 'blocked' }], 1, 100)).toEqual([{ x0: 20, x1: 30, key: 'blocked' }]);
  });

  test('never more segments than pixels, never overlapping, inside the plot', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), fc.constantFrom('a', 'b', 'c'))),
      fc.integer({ min: 1, max: 300 }),
      (raw, columns) => {
        const intervals = raw.map(([start, length, key]) => ({ start, end: start + length, key }));
        const segments = downsample(intervals, 1000 / columns, columns);
        expect(segments.length).toBeLessThanOrEqual(columns);
        let previousEnd = 0;
        for (const segment of segments) {
          expect(segment.x0).toBeGreaterThanOrEqual(previousEnd);
          expect(segment.x1).toBeGreaterThan(segment.x0);
          previousEnd = segment.x1;
        }
        expect(previousEnd).toBeLessThanOrEqual(columns);
      },
    ));
  });
});

describe('time ticks', () => {
  test('round steps from zero that cover the run', () => {
    expect(timeTicks({ start: 0, end: 20 }).map((tick) => tick.ms)).toEqual([0, 5, 10, 15, 20]);
    expect(timeTicks({ start: 0, end: 1234 }).map((tick) => tick.label)).toEqual(['0 ms', '200 ms', '400 ms', '600 ms', '800 ms', '1000 ms', '1200 ms']);
    expect(timeTicks({ start: 0, end: 0.6 }).map((tick) => tick.label)).toEqual(['0.0 ms', '0.1 ms', '0.2 ms', '0.3 ms', '0.4 ms', '0.5 ms', '0.6 ms']);
  });
});

describe('layoutTimeline', () => {
  const result = gilBattleFixture();

  test('a lane per thread, a GIL lane and a lane per CPU, top to bottom', () => {
    const layout = layoutTimeline([{ result }], { width: 760, labelWidth: 124 });
    const lanes = layout.panels[0].lanes;
    expect(lanes.map((lane) => `${lane.kind}:${lane.label}`)).toEqual([
      'thread:main', 'thread:worker-1', 'thread:worker-2', 'gil:GIL held by', 'cpu:CPU 0', 'cpu:CPU 1',
    ]);
    for (let i = 1; i < lanes.length; i++) expect(lanes[i].y).toBeGreaterThanOrEqual(lanes[i - 1].y + lanes[i - 1].height);
    expect(layout.axisY).toBeGreaterThan(lanes.at(-1)!.y);
  });

  test('column runs map time onto the plot: worker-1 runs Python for the first quarter', () => {
    const layout = layoutTimeline([{ result }], { width: 424 + 24, labelWidth: 24 });
    expect(layout.plotWidth).toBe(400);
    const worker1 = layout.panels[0].lanes[1];
    // 0.2–5 ms of 20 ms on 400 px: columns 4..99 (column 2–3 is gil-wait).
    const firstPython = worker1.runs.find((run) => run.key === 'python')!;
    expect(firstPython.x0 - layout.plotX).toBe(4);
    expect(firstPython.x1 - layout.plotX).toBe(100);
    const gil = layout.panels[0].lanes[3];
    expect(gil.runs.map((run) => run.key)).toEqual(['t0', 't1', 't2', 't1', 't2']);
  });

  test('small multiples share one time axis: the shorter run draws shorter', () => {
    const short = gilBattleFixture();
    short.trace.endMs = 10;
    short.trace.intervals = short.trace.intervals.filter((interval) => interval.end <= 10);
    const layout = layoutTimeline([{ label: 'long', result }, { label: 'short', result: short }]);
    expect(layout.endMs).toBe(20);
    const end = (panel: number) => Math.max(...layout.panels[panel].lanes[1].runs.map((run) => run.x1));
    expect(end(1) - layout.plotX).toBeLessThanOrEqual(Math.ceil(layout.plotWidth / 2));
    expect(end(0) - layout.plotX).toBeGreaterThan(layout.plotWidth * 0.9);
    expect(layout.panels[1].labelY).toBeGreaterThan(layout.panels[0].lanes.at(-1)!.y);
  });

  test('many threads: lanes are capped and the rest counted', () => {
    const many = gilBattleFixture();
    many.trace.threads = Array.from({ length: 30 }, (_, id) => ({ ...many.trace.threads[1], id, name: `t${id}` }));
    const layout = layoutTimeline([{ result: many }], { maxThreadLanes: 24 });
    expect(layout.panels[0].lanes.filter((lane) => lane.kind === 'thread')).toHaveLength(24);
    expect(layout.panels[0].hiddenThreads).toBe(6);
  });

  test('long thread names are shortened to fit the label column, keeping the full name', () => {
    const named = gilBattleFixture();
    named.trace.threads[1].name = 'a-very-long-worker-thread-name';
    const lane = layoutTimeline([{ result: named }]).panels[0].lanes[1];
    expect(lane.label).toBe('a-very-long-worker-…');
    expect(lane.fullLabel).toBe('a-very-long-worker-thread-name');
    expect(layoutTimeline([{ result }]).panels[0].lanes[1].fullLabel).toBeUndefined();
  });

  test('free-threaded runs have no GIL lane', () => {
    const free = gilBattleFixture();
    free.trace.interpreters[0].hasGil = false;
    const layout = layoutTimeline([{ result: free }]);
    expect(layout.panels[0].lanes.some((lane) => lane.kind === 'gil')).toBe(false);
    expect(summarizeRun(free)).toContain('there is no GIL');
  });
});

describe('formatMs', () => {
  test('precision follows magnitude, and tiny values do not print as zero', () => {
    expect([0, 0.001, 0.0274, 9.351, 25.86, 1234.4].map((ms) => formatMs(ms, 'prose'))).toEqual(['0', '<0.01', '0.03', '9.35', '25.9', '1,234']);
  });
});

describe('summarizeRun', () => {
  test('names the runtime, wall time, hand-offs and CPU use', () => {
    expect(summarizeRun(gilBattleFixture())).toBe(
      'cpython-2.7 on 2 CPUs: 3 threads ran for 20.0 ms of wall time; the GIL changed hands 4 times (37 failed acquires); the CPUs were 50% busy.',
    );
    expect(summarizeRun(gilBattleFixture(), 'Two CPUs')).toMatch(/^Two CPUs: 3 threads/);
  });
});
