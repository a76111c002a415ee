/**
 * One timeline, four drawings: the CLI's text timeline, the build-time SVG layout, the
 * playground's canvas and its SVG download show the same state in every column of the
 * same trace, and the rules they share (what a column shows, the ticks, how ms read)
 * are defined once, in src/timeline/. The second half guards the structure: a second
 * definition anywhere under src/ fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { gilBattleFixture } from '../fixtures/run-result';
import { formatTimeline, stateGlyph } from '../../src/cli/format';
import { layoutTimeline } from '../../src/timeline/layout';
import { threadColumnRuns, threadLanes, traceLanes } from '../../src/timeline/lanes';
import { columnarRuns, columnRuns, keyedLane, pickKey, type KeyedInterval } from '../../src/timeline/columns';
import { stateColours } from '../../src/timeline/palette';
import { formatMs } from '../../src/timeline/format';
import { timeTicks } from '../../src/timeline/ticks';
import { paintTimeline, timelineHeight, timelineMetrics } from '../../src/playground/timeline/paint';
import { timelineSvg } from '../../src/playground/export-files';
import { runScenario, threadStates, type RunResult, type Scenario, type ThreadState } from '../../src/sim';

/** Columns of one thread lane as text, one glyph per column (space: nothing there), as the CLI prints them. */
type Row = string;

const glyphOf = (state: string) => stateGlyph[state as ThreadState] ?? '?';
const stateOfColour = new Map(threadStates.map((state) => [stateColours.light[state], state]));

/** Runs of whole columns → one glyph per column. */
function rowOf(runs: { x0: number; x1: number; key: string }[], width: number, offset = 0): Row {
  const glyphs = new Array<string>(width).fill(' ');
  for (const run of runs) glyphs.fill(glyphOf(run.key), run.x0 - offset, run.x1 - offset);
  return glyphs.join('');
}

/** The CLI: the text between the bars of each thread's row. */
function cliRows(result: RunResult, width: number): Row[] {
  const lines = formatTimeline(result.trace, width).split('\n');
  return lines.slice(0, result.trace.threads.length).map((line) => line.slice(-(width + 1), -1));
}

/** The build-time SVG: the layout TimelineSvg.astro draws, with the plot `width` units across. */
function svgRows(result: RunResult, width: number): Row[] {
  const layout = layoutTimeline([{ result }], { width, labelWidth: 0, rightPadding: 0, maxThreadLanes: Infinity });
  expect(layout.plotWidth).toBe(width);
  return layout.panels[0].lanes.filter((lane) => lane.kind === 'thread').map((lane) => rowOf(lane.runs, width, layout.plotX));
}

/** The canvas: what paintTimeline fills in each thread lane, read back from the drawing calls. */
function canvasRows(result: RunResult, width: number): Row[] {
  const { labelWidth, laneHeight, laneGap, top } = timelineMetrics;
  const lanes = traceLanes(result.trace);
  const rects: { x: number; y: number; width: number; height: number; fill: string }[] = [];
  const context = {
    fillStyle: '', strokeStyle: '', lineWidth: 1, font: '', textBaseline: '', textAlign: '',
    fillRect(x: number, y: number, w: number, h: number) { rects.push({ x, y, width: w, height: h, fill: String(context.fillStyle) }); },
    fillText() {}, measureText: (text: string) => ({ width: text.length * 6 }),
    strokeRect() {}, save() {}, restore() {}, beginPath() {}, rect() {}, clip() {},
  };
  paintTimeline(context as unknown as CanvasRenderingContext2D, lanes, { start: 0, end: result.trace.endMs }, {
    width: labelWidth + width, height: timelineHeight(lanes.length), theme: 'light',
  });
  return result.trace.threads.map((_, index) => {
    const y = top + index * (laneHeight + laneGap);
    const runs = rects
      .filter((rect) => rect.y === y && rect.height === laneHeight && rect.x >= labelWidth && stateOfColour.has(rect.fill))
      .map((rect) => ({ x0: rect.x - labelWidth, x1: rect.x - labelWidth + rect.width, key: stateOfColour.get(rect.fill)! }));
    return rowOf(runs, width);
  });
}

/** The playground's SVG download: its state-coloured rects, lane by lane. */
function downloadRows(result: RunResult, width: number): Row[] {
  const { labelWidth, laneHeight, laneGap, top } = timelineMetrics;
  const svg = timelineSvg([{ label: 'run', result }], { start: 0, end: result.trace.endMs }, { width: labelWidth + width, theme: 'light' });
  const rects = [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="(#[0-9a-f]{6})"\/>/g)]
    .map(([, x, y, w, h, fill]) => ({ x: Number(x), y: Number(y), width: Number(w), height: Number(h), fill }));
  return result.trace.threads.map((_, index) => {
    const y = 20 + top + index * (laneHeight + laneGap);
    const runs = rects
      .filter((rect) => rect.y === y && rect.height === laneHeight && rect.x >= labelWidth && stateOfColour.has(rect.fill))
      .map((rect) => ({ x0: rect.x - labelWidth, x1: rect.x - labelWidth + rect.width, key: stateOfColour.get(rect.fill)! }));
    return rowOf(runs, width);
  });
}

/**
 * A thread that sleeps most of the time with 10 µs of Python every 2 ms (a heartbeat),
 * beside one that computes throughout: 20 ms on 40 columns of 0.5 ms.
 */
function heartbeatFixture(): RunResult {
  const result = gilBattleFixture();
  const { trace } = result;
  trace.threads = [
    { id: 0, name: 'heartbeat', interpreter: 0, process: 0, kind: 'main', startMs: 0, endMs: 20 },
    { id: 1, name: 'worker', interpreter: 0, process: 0, kind: 'thread', startMs: 0, endMs: 20 },
  ];
  trace.intervals = [
    ...Array.from({ length: 10 }, (_, i) => [
      { thread: 0, state: 'python' as const, start: i * 2, end: i * 2 + 0.01 },
      { thread: 0, state: 'blocked' as const, start: i * 2 + 0.01, end: (i + 1) * 2 },
    ]).flat(),
    { thread: 1, state: 'python', start: 0, end: 20 },
  ];
  return result;
}

const runs: [string, () => RunResult][] = [
  ['the GIL battle fixture', gilBattleFixture],
  ['a heartbeat: blocked with a burst of work every 2 ms', heartbeatFixture],
  // Every scenario the chapters show (the CLI disagreed with the figures on 29 of them).
  ...Object.entries(import.meta.glob<{ default: Scenario }>('../../content/*/*.ts', { eager: true }))
    .map(([path, module]): [string, () => RunResult] => [path.replace('../../', ''), () => runScenario(module.default)]),
];

describe('one timeline, four drawings', () => {
  test.each(runs)('%s: the CLI text, the build-time SVG, the canvas and the SVG download show the same columns', (_name, make) => {
    const result = make();
    for (const width of [40, 72, 300]) {
      const svg = svgRows(result, width);
      expect(svg.join('').trim().length, 'the trace draws something').toBeGreaterThan(0);
      expect(cliRows(result, width), `CLI at ${width} columns`).toEqual(svg);
      expect(canvasRows(result, width), `canvas at ${width} px`).toEqual(svg);
      expect(downloadRows(result, width), `SVG download at ${width} px`).toEqual(svg);
    }
  });

  test.each(runs)('%s: read from the engine\'s columns (the CLI), the thread lanes give the same runs as from the interval objects', (_name, make) => {
    const { trace } = make();
    const view = { start: 0, end: trace.endMs };
    for (const width of [40, 72, 300]) {
      const fromColumns = threadColumnRuns(trace, view, width);
      const fromObjects = threadLanes(structuredClone(trace)).map((lane) => columnRuns(lane, view, width));
      expect(fromColumns).toEqual(fromObjects);
    }
  });

  test('the CLI shows a sleeping thread\'s bursts of work, as the figures do (work beats "blocked")', () => {
    const [heartbeat, worker] = cliRows(heartbeatFixture(), 40);
    expect(heartbeat).toBe('#___'.repeat(10));
    expect(worker).toBe('#'.repeat(40));
  });
});

describe('what a column shows', () => {
  /** Each key's exact coverage of each column, by brute force, then the same rule. */
  function reference(intervals: KeyedInterval[], start: number, end: number, width: number): string[] {
    const keys = [...new Set(intervals.map((interval) => interval.key))];
    const msPerColumn = (end - start) / width;
    return Array.from({ length: width }, (_, x) => {
      const t0 = start + x * msPerColumn;
      const t1 = t0 + msPerColumn;
      const coverage = keys.map((key) => intervals
        .filter((interval) => interval.key === key)
        .reduce((sum, interval) => sum + Math.max(0, Math.min(t1, interval.end) - Math.max(t0, interval.start)), 0) / msPerColumn);
      const best = pickKey(coverage, keys, 1e-9);
      return best < 0 ? ' ' : keys[best];
    });
  }

  test('a big lane seen zoomed out (the binned path) gives exactly the columns of a brute-force count', () => {
    // 30,000 back-to-back intervals of random length and state: more than the binned path's threshold.
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.double({ min: 0.001, max: 3, noNaN: true }), fc.constantFrom('python', 'gil-wait', 'blocked')), { minLength: 30_000, maxLength: 30_000 }),
      fc.integer({ min: 20, max: 90 }),
      (raw, width) => {
        let time = 0;
        const intervals = raw.map(([length, key]) => ({ start: time, end: (time += length), key }));
        const view = { start: time * 0.1, end: time * 0.9 };
        const runs = columnRuns(keyedLane(intervals), view, width);
        const shown = new Array<string>(width).fill(' ');
        for (const run of runs) shown.fill(run.key, run.x0, run.x1);
        expect(shown).toEqual(reference(intervals, view.start, view.end, width));
      },
    ), { numRuns: 3 });
  });

  test('a burst in a bin that a column edge cuts shows in its own column only (zoomed out, binned)', () => {
    // 40,000 intervals of 2.5 ms blocked, but 1 ns of Python at 50,500.5 ms: 0.5 ms right of
    // the edge between columns 100 and 101 (of 500 ms), inside the 6.1 ms time bin that edge cuts.
    const intervals: KeyedInterval[] = [];
    for (let i = 0; i < 40_000; i++) {
      const start = 2.5 * i;
      if (start === 50_500) {
        intervals.push({ start, end: start + 0.5, key: 'blocked' }, { start: start + 0.5, end: start + 0.500001, key: 'python' }, { start: start + 0.500001, end: start + 2.5, key: 'blocked' });
      } else intervals.push({ start, end: start + 2.5, key: 'blocked' });
    }
    const runs = columnRuns(keyedLane(intervals), { start: 0, end: 100_000 }, 200);
    expect(runs).toEqual([{ x0: 0, x1: 101, key: 'blocked' }, { x0: 101, x1: 102, key: 'python' }, { x0: 102, x1: 200, key: 'blocked' }]);
    // The same at a zoom where every span is walked.
    expect(columnRuns(keyedLane(intervals), { start: 50_000, end: 51_000 }, 2)).toEqual([{ x0: 0, x1: 1, key: 'blocked' }, { x0: 1, x1: 2, key: 'python' }]);
  });

  test('hostile lanes (a trace file): unsorted, overlapping, empty and non-finite spans still give one run per column at most', () => {
    const intervals: KeyedInterval[] = [
      { start: 5, end: 8, key: 'python' }, { start: 0, end: 6, key: 'blocked' }, { start: 2, end: 2, key: 'native' },
      { start: Number.NaN, end: 3, key: 'gil-wait' }, { start: 7, end: Infinity, key: 'cpu-wait' },
    ];
    const runs = columnRuns(keyedLane(intervals), { start: 0, end: 10 }, 10);
    // Sorted by start; the later of two overlapping spans keeps only what is past the earlier one.
    expect(runs).toEqual([{ x0: 0, x1: 6, key: 'blocked' }, { x0: 6, x1: 8, key: 'python' }]);
    // The same spans held as columns, as the CLI reads a trace, give the same runs.
    const names = [...new Set(intervals.map((interval) => interval.key))];
    const columnar = {
      at: [4, 3, 2, 1, 0], start: intervals.map((interval) => interval.start), end: intervals.map((interval) => interval.end),
      code: intervals.map((interval) => names.indexOf(interval.key)), names,
    };
    expect(columnarRuns([columnar], { start: 0, end: 10 }, 10)).toEqual([columnRuns(keyedLane([...intervals].reverse()), { start: 0, end: 10 }, 10)]);
  });
});

describe('ticks and time words, one rule each', () => {
  test('formatMs writes each place\'s style: the canvas, prose and tables, the CLI\'s columns', () => {
    expect([0.25, 12.345, 2500].map((ms) => formatMs(ms))).toEqual(['250 µs', '12.3 ms', '2.5 s']);
    expect([0, 0.001, 9.351, 1234.4].map((ms) => formatMs(ms, 'prose'))).toEqual(['0', '<0.01', '9.35', '1,234']);
    // What the CLI printed before the core took its ms() over, digit for digit.
    expect([0, 0.0042, 9.351, 25.86, 1234.44].map((ms) => formatMs(ms, 'column'))).toEqual(['0', '0.0042', '9.351', '25.9', '1234.4']);
  });

  test('one tick rule at every zoom: round steps, one unit and one precision per axis', () => {
    expect(timeTicks({ start: 0, end: 0.3 }).map((tick) => tick.label)).toEqual(['0 µs', '50 µs', '100 µs', '150 µs', '200 µs', '250 µs', '300 µs']);
    expect(timeTicks({ start: 0, end: 30_000 }).map((tick) => tick.label)).toEqual(['0 s', '5 s', '10 s', '15 s', '20 s', '25 s', '30 s']);
    // Deep in a long run (the canvas zoomed in at 1 s): still milliseconds, each tick told apart.
    expect(timeTicks({ start: 1000.00003, end: 1000.0001 }, 4).map((tick) => tick.label))
      .toEqual(['1000.00004 ms', '1000.00006 ms', '1000.00008 ms', '1000.00010 ms']);
  });

  test('the canvas leaves out a tick label that would run into the one before', () => {
    const lanes = traceLanes(gilBattleFixture().trace);
    const texts: { text: string; x: number }[] = [];
    const context = {
      fillStyle: '', strokeStyle: '', lineWidth: 1, font: '', textBaseline: '', textAlign: '',
      fillRect() {}, fillText(text: string, x: number) { texts.push({ text, x }); },
      measureText: (text: string) => ({ width: text.length * 6 }),
      strokeRect() {}, save() {}, restore() {}, beginPath() {}, rect() {}, clip() {},
    };
    // 300 px plot (3 ticks' room), zoomed to 70 ns at 19.99993 ms: labels like "19.99994 ms".
    paintTimeline(context as unknown as CanvasRenderingContext2D, lanes, { start: 19.99993, end: 20 }, {
      width: timelineMetrics.labelWidth + 300, height: timelineHeight(lanes.length), theme: 'light',
    });
    const labels = texts.filter((text) => / ms$/.test(text.text));
    expect(labels.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < labels.length; i++) {
      expect(labels[i].x - labels[i].text.length * 3, labels[i].text).toBeGreaterThanOrEqual(labels[i - 1].x + labels[i - 1].text.length * 3);
    }
  });

  test('asking a lane again, for another view and back, gives each view\'s own columns', () => {
    const lane = keyedLane([{ start: 0, end: 1, key: 'python' }, { start: 1, end: 3, key: 'gil-wait' }]);
    const whole = columnRuns(lane, { start: 0, end: 3 }, 3);
    expect(whole).toEqual([{ x0: 0, x1: 1, key: 'python' }, { x0: 1, x1: 3, key: 'gil-wait' }]);
    expect(columnRuns(lane, { start: 1, end: 3 }, 2)).toEqual([{ x0: 0, x1: 2, key: 'gil-wait' }]);
    expect(columnRuns(lane, { start: 0, end: 3 }, 6)).toEqual([{ x0: 0, x1: 2, key: 'python' }, { x0: 2, x1: 6, key: 'gil-wait' }]);
    expect(columnRuns(lane, { start: 0, end: 3 }, 3)).toEqual(whole);
  });
});

// ---- the structure: each rule defined once ----

const root = new URL('../../', import.meta.url).pathname;

/** Every .ts, .mjs and .astro file under src/. */
function sourceFiles(dir = join(root, 'src')): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return ['.ts', '.mjs', '.astro'].includes(extname(name)) ? [relative(root, full)] : [];
  });
}

/** The script of a file: an .astro file's frontmatter and <script> blocks, or the whole file. */
function scriptOf(file: string): string {
  const text = readFileSync(join(root, file), 'utf8');
  if (!file.endsWith('.astro')) return text;
  const frontmatter = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
  const scripts = [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]);
  return [frontmatter, ...scripts].join('\n');
}

interface Found {
  file: string;
  line: number;
  what: string;
}

/** The shared rules' own names. */
const sharedNames = new Set(['formatMs', 'timeTicks', 'pickKey', 'yieldingKey', 'columnRuns']);

/** Functions and constants a file defines (declarations, `const x = () => …`, methods), and the places it compares with "blocked". */
function definitionsIn(file: string, text: string): { names: Found[]; blockedChecks: Found[]; typedArrays: Found[] } {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const at = (node: ts.Node, what: string): Found => ({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, what });
  const names: Found[] = [];
  const blockedChecks: Found[] = [];
  const typedArrays: Found[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name && ts.isIdentifier(node.name)) names.push(at(node, node.name.text));
    // A constant counts when it holds a function, or has one of the shared rules' own names.
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)
      && ((node.initializer && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))) || sharedNames.has(node.name.text))) {
      names.push(at(node, node.name.text));
    }
    if (ts.isBinaryExpression(node) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(node.operatorToken.kind)
      && [node.left, node.right].some((side) => ts.isStringLiteralLike(side) && side.text === 'blocked')) {
      blockedChecks.push(at(node, node.getText(source)));
    }
    if (ts.isNewExpression(node) && /^(Float32|Float64)Array$/.test(node.expression.getText(source))) typedArrays.push(at(node, node.getText(source).slice(0, 60)));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { names, blockedChecks, typedArrays };
}

/** Each shared rule, the one file allowed to define it, and the names a rival copy would have. */
const rules: { rule: string; home: string; names: RegExp }[] = [
  { rule: 'ms as text', home: 'src/timeline/format.ts', names: /^(?:format|fmt)?(?:ms|millis(?:econds)?|duration|time)$/i },
  { rule: 'axis ticks', home: 'src/timeline/ticks.ts', names: /^(?:time|axis)?ticks$/i },
  { rule: 'what a pixel column shows', home: 'src/timeline/columns.ts', names: /^(?:pickKey|yieldingKey|columnRuns|pixelRuns|bucketStates|downsample|binned\w*)$/i },
];

/**
 * Everything under src/ but the simulator and the exporter, which draw and print no
 * timeline: the engine has its own typed arrays and "blocked" state, the exporter its
 * own `ms()` that writes Python literals.
 */
const drawing = /^src\/(?!sim\/|python-export\/)/;

function violations(files: { file: string; text: string }[]) {
  const found = files.filter(({ file }) => drawing.test(file)).map(({ file, text }) => definitionsIn(file, text));
  const names = found.flatMap((entry) => entry.names);
  return {
    /** Rule → where it is defined outside its home. */
    strays: rules.map(({ rule, home, names: pattern }) => ({
      rule,
      homes: names.filter((name) => pattern.test(name.what) && name.file === home).length,
      elsewhere: names.filter((name) => pattern.test(name.what) && name.file !== home).map((name) => `${name.file}:${name.line} ${name.what}`),
    })),
    /** The "work beats blocked" rule or per-column coverage, re-derived outside columns.ts. */
    rivalRules: found.flatMap((entry) => [...entry.blockedChecks, ...entry.typedArrays])
      .filter((hit) => hit.file !== 'src/timeline/columns.ts')
      .map((hit) => `${hit.file}:${hit.line} ${hit.what}`),
  };
}

describe('each timeline rule is defined once (the structure this file guards)', () => {
  const files = sourceFiles().map((file) => ({ file, text: scriptOf(file) }));

  test('formatMs, timeTicks and the column rule are each defined in their home module and nowhere else under src/ (outside the simulator and the exporter)', () => {
    const { strays, rivalRules } = violations(files);
    for (const stray of strays) {
      expect(stray.homes, `${stray.rule} is defined in its home`).toBeGreaterThan(0);
      expect(stray.elsewhere, `${stray.rule} defined outside its home`).toEqual([]);
    }
    expect(rivalRules).toEqual([]);
  });

  test('the check sees a copied rule: a CLI with its own ms(), ticks and a per-column tally', () => {
    const copy = [
      'function ms(value: number) { return value.toFixed(3); }',
      'export const timeTicks = (end: number) => [0, end];',
      'export function bucketStates() { const lane = new Float64Array(4); return lane; }',
      'const best = (state: string) => state !== \'blocked\';',
    ].join('\n');
    const { strays, rivalRules } = violations([...files, { file: 'src/cli/copy.ts', text: copy }]);
    expect(strays.map((stray) => stray.elsewhere)).toEqual([['src/cli/copy.ts:1 ms'], ['src/cli/copy.ts:2 timeTicks'], ['src/cli/copy.ts:3 bucketStates']]);
    expect(rivalRules).toEqual(['src/cli/copy.ts:4 state !== \'blocked\'', 'src/cli/copy.ts:3 new Float64Array(4)']);
  });
});
