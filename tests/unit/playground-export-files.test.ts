import { describe, expect, test } from 'vitest';
import { gilBattleFixture } from '../fixtures/run-result';
import { metricsCsv, timelineSvg, traceJson } from '../../src/playground/export-files';
import { sharedCell, sharedRows, threadRows } from '../../src/playground/result-rows';
import { readTraceFile } from '../../src/playground/trace-file';
import { legendEntries, threadKeyNote } from '../../src/playground/timeline/paint';
import { threadColours } from '../../src/timeline/palette';
import type { RunResult, ThreadMetrics } from '../../src/sim/result';

const runs = [
  { label: 'CPython 2.7, 2 CPUs', result: gilBattleFixture() },
  { label: 'Other, "quoted"', result: gilBattleFixture() },
];

/** A run whose metrics list `count` threads, each with figures derived from its index. */
function manyThreads(count: number, name: (index: number) => string): RunResult {
  const result = gilBattleFixture();
  const threads: ThreadMetrics[] = [];
  for (let i = 0; i < count; i++) {
    threads.push({ name: name(i), kind: 'thread', cpuMs: i / 8, pythonMs: i / 8, nativeMs: 0, gilWaitMs: i / 4, cpuWaitMs: 1, blockedMs: 2, startMs: 0, endMs: 20 });
  }
  result.metrics.threads = threads;
  return result;
}

describe('exports', () => {
  test('metrics CSV: a column per run, quoted where needed, per-thread rows', () => {
    const csv = metricsCsv(runs);
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('metric,unit,"CPython 2.7, 2 CPUs","Other, ""quoted"""');
    expect(lines).toContain('Wall time,ms,20,20');
    expect(lines).toContain('Failed acquires,,37,37');
    expect(lines).toContain('worker-2: GIL wait,ms,13.8,13.8');
  });

  test('metrics CSV for 30,000 threads: four rows per thread, each with its own figures', () => {
    const csv = metricsCsv([{ label: 'many', result: manyThreads(30_000, (i) => `w${i}`) }]);
    const lines = csv.trim().split('\n');
    const threadLines = lines.filter((line) => /^w\d+: /.test(line));
    expect(threadLines).toHaveLength(120_000);
    expect(lines).toContain('w29999: CPU time,ms,3749.88');
    expect(lines).toContain('w12345: GIL wait,ms,3086.25');
    expect(lines).toContain('w0: Blocked,ms,2');
  });

  test('threads with the same name each get their row; compare runs line up the k-th of a name', () => {
    const first = { label: 'A', result: manyThreads(30_000, () => 'worker') };
    const second = { label: 'B', result: manyThreads(2, () => 'worker') };
    const rows = threadRows([first, second]);
    expect(rows).toHaveLength(30_000);
    expect(rows[0].label).toBe('worker');
    expect(rows[29_999].label).toBe('worker (30000)');
    expect(rows[29_999].threads[0]?.cpuMs).toBe(29_999 / 8);
    expect(rows[1].threads.map((thread) => thread?.gilWaitMs)).toEqual([0.25, 0.25]);
    expect(rows[2].threads[1]).toBeUndefined();
    const lines = metricsCsv([first, second]).trim().split('\n');
    expect(lines).toContain('worker (30000): CPU time,ms,3749.88,');
    expect(lines).toContain('worker (2): GIL wait,ms,0.25,0.25');
  });

  test('shared variables: a row per name across runs, in the table cell and the CSV', () => {
    const raced = gilBattleFixture();
    raced.shared = [{ name: 'counter, "global"', value: 1_500_000, expected: 2_000_000, lost: 500_000 }];
    const clean = gilBattleFixture();
    clean.shared = [{ name: 'counter, "global"', value: 2_000_000, expected: 2_000_000, lost: 0 }, { name: 'other', value: 3, expected: 3, lost: 0 }];
    const rows = sharedRows([{ label: 'A', result: raced }, { label: 'B', result: clean }]);
    expect(rows.map((row) => row.name)).toEqual(['counter, "global"', 'other']);
    expect(rows[0].variables.map(sharedCell)).toEqual(['1,500,000 of 2,000,000 (500,000 lost)', '2,000,000 of 2,000,000 (none lost)']);
    expect(sharedCell(rows[1].variables[0])).toBe('—');
    const lines = metricsCsv([{ label: 'A', result: raced }, { label: 'B', result: clean }]).trim().split('\n');
    expect(lines).toContain('"Shared counter, ""global"": lost",,500000,0');
    expect(lines).toContain('Shared other: value,,,3');
  });

  test('timeline SVG: one rectangle per pixel run, labels escaped', () => {
    const svg = timelineSvg(runs, { start: 0, end: 20 }, { width: 1092, theme: 'light' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('Other, &quot;quoted&quot;');
    expect(svg).toContain('>worker-1</text>');
    // worker-1 waits for the GIL (red) from 0.1 ms: 1000 px plot for 20 ms → x = 92 + 5.
    expect(svg).toMatch(/<rect x="97" y="\d+" width="5" height="16" fill="#c8341b"\/>/);
    expect(svg.match(/<rect /g)!.length).toBeGreaterThan(20);
  });

  test.each(['light', 'dark'] as const)('timeline SVG (%s): each thread\'s name has its colour beside it, and the legend is in the file', (theme) => {
    const svg = timelineSvg(runs.slice(0, 1), { start: 0, end: 20 }, { width: 1092, theme });
    // The thread key: a mark in the n-th thread colour just left of the n-th thread's label.
    ['main', 'worker-1', 'worker-2'].forEach((name, index) => {
      const key = new RegExp(`<rect x="2" y="(\\d+)" width="5" height="14" fill="${threadColours[theme][index]}"/><text x="11" y="(\\d+)">${name}</text>`);
      const match = key.exec(svg);
      expect(match, name).not.toBeNull();
    });
    // The state legend: every state's colour with its words, and what the thread colours mean.
    for (const entry of legendEntries(theme)) {
      expect(svg).toMatch(new RegExp(`<rect x="\\d+(\\.\\d+)?" y="\\d+" width="10" height="10" fill="${entry.colour}"/><text [^>]*>${entry.label.replace(/[()]/g, '\\$&')}</text>`));
    }
    expect(svg).toContain(`>${threadKeyNote}</text>`);
  });
});

describe('trace JSON', () => {
  test('is one compact line in the documented format, and reads back to the same runs', () => {
    const text = traceJson(runs, { scenarioId: 'x', simVersion: '0.1.0' });
    expect(text).not.toContain('\n');
    const parsed = JSON.parse(text);
    expect(parsed.format).toBe('gil-lab-trace/2');
    expect(parsed.runs).toHaveLength(2);
    expect(parsed.runs[0].label).toBe('CPython 2.7, 2 CPUs');
    // Columns, not one object per interval.
    expect(parsed.runs[0].trace.intervals.thread).toHaveLength(gilBattleFixture().trace.intervals.length);
    const read = readTraceFile(text);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.context).toEqual({ scenarioId: 'x', simVersion: '0.1.0' });
    expect(read.runs).toEqual(runs);
  });
});
