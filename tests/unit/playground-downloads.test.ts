import { describe, expect, test } from 'vitest';
import { gilBattleFixture } from '../fixtures/run-result';
import { metricsCsv, timelineSvg, traceJson } from '../../src/playground/downloads';

const runs = [
  { label: 'CPython 2.7, 2 CPUs', result: gilBattleFixture() },
  { label: 'Other, "quoted"', result: gilBattleFixture() },
];

describe('exports', () => {
  test('metrics CSV: a column per run, quoted where needed, per-thread rows', () => {
    const csv = metricsCsv(runs);
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('metric,unit,"CPython 2.7, 2 CPUs","Other, ""quoted"""');
    expect(lines).toContain('Wall time,ms,20,20');
    expect(lines).toContain('Failed acquires,,37,37');
    expect(lines).toContain('worker-2: GIL wait,ms,13.8,13.8');
  });

  test('trace JSON carries every run with its label and context', () => {
    const parsed = JSON.parse(traceJson(runs, { scenarioId: 'x', simVersion: '0.1.0' }));
    expect(parsed.format).toBe('gil-lab-trace/1');
    expect(parsed.runs).toHaveLength(2);
    expect(parsed.runs[0].result.trace.threads[1].name).toBe('worker-1');
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
});
