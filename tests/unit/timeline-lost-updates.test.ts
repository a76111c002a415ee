/** Lost updates on the timelines: each stale write is a mark on its thread's lane, in the SVG layout, the canvas, the CLI and the summary. */
import { describe, expect, test } from 'vitest';
import { runScenario } from 'gilsim';
import { formatTimeline } from '../../src/cli/format';
import { layoutTimeline, summarizeRun, traceLanes } from '../../src/timeline';
import { paintTimeline } from '../../src/playground/timeline/paint';
import { lostUpdateColours } from '../../src/timeline/palette';
import { race } from '../helpers/races';

const raced = runScenario(race({ times: 1_000_000, runtime: 'cpython-3.9' }));
const clean = runScenario(race({ times: 1_000_000, runtime: 'cpython-3.12' }));
const lostEvents = raced.trace.events.filter((event) => event.kind === 'lost-update');

describe('lost updates on the timeline', () => {
  test('the lanes carry each thread\'s lost updates, and only those', () => {
    expect(lostEvents.length).toBeGreaterThan(0);
    const lanes = traceLanes(raced.trace).filter((lane) => lane.kind === 'thread');
    raced.trace.threads.forEach((thread, index) => {
      expect(lanes[index].marks).toEqual(lostEvents.filter((event) => event.thread === thread.id).map((event) => event.time));
    });
    expect(traceLanes(clean.trace).flatMap((lane) => lane.marks ?? [])).toEqual([]);
  });

  test('the build-time layout places each mark at its time', () => {
    const layout = layoutTimeline([{ result: raced }], { width: 1000, labelWidth: 0, rightPadding: 0 });
    const marks = layout.panels[0].lanes.flatMap((lane) => lane.marks ?? []);
    const expected = lostEvents.map((event) => (event.time / raced.trace.endMs) * 1000).sort((a, b) => a - b);
    marks.sort((a, b) => a - b);
    expect(marks).toHaveLength(expected.length);
    marks.forEach((x, i) => expect(x).toBeCloseTo(expected[i], 6));
  });

  test('the canvas paints a bar in the mark colour for each one in view', () => {
    const fills: string[] = [];
    const context = {
      fillStyle: '', strokeStyle: '', lineWidth: 1, font: '', textBaseline: '', textAlign: '',
      fillRect() { fills.push(String(context.fillStyle)); }, fillText() {}, measureText: (text: string) => ({ width: text.length * 6 }),
      strokeRect() {}, save() {}, restore() {}, beginPath() {}, rect() {}, clip() {},
    };
    paintTimeline(context as unknown as CanvasRenderingContext2D, traceLanes(raced.trace), { start: 0, end: raced.trace.endMs }, { width: 800, height: 400, theme: 'dark' });
    expect(fills.filter((fill) => fill === lostUpdateColours.dark)).toHaveLength(lostEvents.length);
  });

  test('the CLI draws them on a row of their own and explains the glyph', () => {
    const text = formatTimeline(raced.trace, 60);
    expect(text).toMatch(/^lost +\|[ !]+\|$/m);
    expect(text).toContain('a lost update');
    expect(formatTimeline(clean.trace, 60)).not.toContain('lost');
  });

  test('the summary (the figure\'s text alternative) says what the counter ended at', () => {
    const [counter] = raced.shared;
    expect(summarizeRun(raced)).toContain(`counter ended at ${counter.value.toLocaleString('en-US')} of 2,000,000: ${counter.lost.toLocaleString('en-US')} updates lost`);
    expect(summarizeRun(clean)).toContain('counter ended at 2,000,000 of 2,000,000: no update lost');
  });
});
