import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { calibrationData, calibrationResultsSchema, checked, explanationsSchema, mergeRemeasured, publishedFigureSchema } from '../../scripts/calibrate/data-files';
import results from '../../calibration/results.json';
import published from '../../calibration/published.json';

describe('calibration data files are checked on read', () => {
  test('the files in the repository pass, and every figure has a tolerance the table can show', () => {
    expect(calibrationData.results.results.length).toBeGreaterThan(0);
    expect(calibrationData.figures.length).toBe(published.figures.length);
    for (const figure of calibrationData.figures) expect('relative' in figure.tolerance || 'factor' in figure.tolerance).toBe(true);
  });

  test('a hand-edited results file with a wrong field fails, naming the file and the field', () => {
    const broken = structuredClone(results) as { results: { measured: { ratio: unknown } }[] };
    broken.results[1]!.measured.ratio = '1.5x';
    expect(() => checked(calibrationResultsSchema, broken, 'calibration/results.json')).toThrow('calibration/results.json: results.1.measured.ratio:');
  });

  test('a figure with an unknown confidence tag or no tolerance is refused', () => {
    const figure = { ...published.figures[0] };
    expect(() => checked(publishedFigureSchema, { ...figure, confidence: 'X' }, 'f')).toThrow(/confidence/);
    expect(() => checked(publishedFigureSchema, { ...figure, tolerance: { relative: -1 } }, 'f')).toThrow(/tolerance/);
  });

  test('explanations must be text', () => {
    expect(() => checked(explanationsSchema, { about: '', measured: { a: 1 }, published: {}, twins: {} }, 'e')).toThrow(/measured\.a/);
  });
});

describe('the twin runs (calibration/twins.json and calibration/twins/)', () => {
  test('every chapter scenario row is checked on read, and the showcase traces are of the scenarios drawn beside them', async () => {
    const { twinData, twinFigures, twinsSchema } = await import('../../src/page-data/twin-figures');
    expect(twinData.rows.length).toBeGreaterThan(0);
    for (const row of twinData.rows) expect(row.within).toBe(Math.abs(row.diffPercent) <= twinData.tolerance * 100);
    // twinFigures() throws when a trace is of another version of its scenario (the scenario ids differ).
    const figures = twinFigures();
    expect(figures.map((figure) => figure.id).sort()).toEqual(['c-releases-gil-3.12', 'convoy-3.12', 'gil-battle-2.7']);
    for (const figure of figures) {
      const [simulated, real] = figure.runs;
      expect(real.label).toMatch(/^Real CPython \d\.\d+\.\d+ on /);
      expect(real.result.trace.threads.map((thread) => thread.name)).toEqual(simulated.result.trace.threads.map((thread) => thread.name));
      expect(real.result.trace.intervals.length).toBeGreaterThan(0);
    }
    const broken = structuredClone(twinData) as { rows: { traceFile?: string }[] };
    broken.rows[0].traceFile = '../../etc/passwd';
    expect(() => checked(twinsSchema, broken, 'calibration/twins.json')).toThrow(/rows\.0\.traceFile/);
  });

  test('scenarios modelled on another machine are not twinned on this one', async () => {
    const { modelsAnotherMachine } = await import('../../scripts/calibrate/twins');
    expect(modelsAnotherMachine(readFileSync('content/two-cpus/beazley-macbook.ts', 'utf8'))).toBe(true);
    expect(modelsAnotherMachine(readFileSync('content/two-cpus/gil-battle.ts', 'utf8'))).toBe(false);
    expect(modelsAnotherMachine('export default defineScenario({\n  machine: "linux-vm",\n});')).toBe(false);
    const { twinData } = await import('../../src/page-data/twin-figures');
    expect(twinData.rows.map((row) => row.scenario)).not.toContain('two-cpus/beazley-macbook');
  });
});

describe('the measured cases\' simulated side (calibration/results.json)', () => {
  // The table is written with the model of its day; a model change must re-simulate it
  // (`npm run calibrate -- --simulated-only`) or the page shows ratios the model no longer gives.
  test('is what the simulator gives now, at the bytecode cost measured with each row', async () => {
    const { resimulated } = await import('../../scripts/calibrate/simulate-case');
    const { calibrationCases } = await import('../../scripts/calibrate/cases');
    const table = calibrationData.results;
    const summary = (rows: typeof table.results) => rows.map((row) => `${row.id} ${row.python}: ${row.simulated.ratio} ${row.withinTolerance ? 'within' : 'miss'}`);
    expect(summary(resimulated(table, calibrationCases)), 'stale: run `npm run calibrate -- --simulated-only`').toEqual(summary(table.results));
  }, 30_000);
});

describe('the twin runs\' simulated side (calibration/twins.json)', () => {
  // As for results.json: after a model change `npm run calibrate -- --simulated-only` redoes it.
  test('is what the simulator gives now, at the bytecode cost each twin measured', async () => {
    const { resimulatedTwins } = await import('../../scripts/calibrate/twins');
    const { twinData } = await import('../../src/page-data/twin-figures');
    const summary = (row: (typeof twinData.rows)[number]) => `${row.scenario} ${row.python}: ${row.simulatedWallMs} ms ${row.within ? 'within' : 'miss'}`;
    const now = await resimulatedTwins(twinData.rows);
    expect(now.map(summary), 'stale: run `npm run calibrate -- --simulated-only`').toEqual(twinData.rows.map(summary));
  }, 60_000);
});

describe('the misses the validation tables show are explained (calibration/explanations.json)', () => {
  // A miss with no entry would be shown with no reason; an entry for a row that is gone is stale.
  test('every measured case that misses has a reason, and every reason names a case of results.json', () => {
    const { results: table, explanations } = calibrationData;
    const keys = table.results.map((result) => `${result.id}|${result.python}`);
    const unexplained = table.results.filter((result) => !result.withinTolerance).map((result) => `${result.id}|${result.python}`).filter((key) => !explanations.measured[key]);
    expect(unexplained).toEqual([]);
    expect(Object.keys(explanations.measured).filter((key) => !keys.includes(key))).toEqual([]);
  });

  test('every twin row that misses has a reason, and every reason names a row of twins.json', async () => {
    const { twinData } = await import('../../src/page-data/twin-figures');
    const { explanations } = calibrationData;
    const keys = twinData.rows.map((row) => `${row.scenario}|${row.python}`);
    const unexplained = twinData.rows.filter((row) => !row.within).map((row) => `${row.scenario}|${row.python}`).filter((key) => !explanations.twins[key]);
    expect(unexplained).toEqual([]);
    expect(Object.keys(explanations.twins).filter((key) => !keys.includes(key))).toEqual([]);
  });
});

describe('re-measuring one case (calibrate --only)', () => {
  const row = (id: string, python: string, ratio: number) => ({ id, python, ratio });
  const full = { machine: { date: 'full run' }, bytecodeNs: { 'CPython 3.12.1': 2.1, 'CPython 2.7.18': 1.4 }, results: [row('a', '3.12', 1), row('b', '3.12', 2), row('b', '2.7', 3)] };

  test('replaces only that case\'s rows, in place, with when and at what bytecode cost, and keeps the full run\'s header', () => {
    const merged = mergeRemeasured(full, { machine: { date: 'later' }, bytecodeNs: { '3.12': 2.3 }, results: [row('b', '3.12', 5)] });
    expect(merged.results).toEqual([row('a', '3.12', 1), { ...row('b', '3.12', 5), remeasured: { at: 'later', bytecodeNs: 2.3 } }, row('b', '2.7', 3)]);
    expect(merged.machine).toEqual({ date: 'full run' });
    expect(merged.bytecodeNs).toEqual(full.bytecodeNs);
    const remeasured = { at: 'later', bytecodeNs: 2.3 };
    expect(checked(calibrationResultsSchema, { ...structuredClone(results), results: [{ ...results.results[0], remeasured }] }, 'x').results[0]!.remeasured).toEqual(remeasured);
  });
});
