/**
 * The simulated side of a calibration case: both scenarios run with a Python's preset and
 * the bytecode cost measured beside them, over several seeds. Used by `npm run calibrate`
 * (with fresh measurements) and by `--simulated-only` and its test (against the stored
 * ones), so the table's simulated column is always what the model says now.
 */
import { runScenario, type RuntimeName } from 'gilsim';
import type { CaseMetric, CalibrationCase } from './cases';

/**
 * Seeds each side is simulated with. Some cases are bistable (four threads under one Lock
 * fall into a lock convoy or not, in the simulator as in CPython), so one seed is a coin
 * flip: the simulated ratio is the median over seeds, as the measured one is over runs.
 */
export const SIM_SEEDS = [1, 2, 3, 4, 5, 6, 7];

/** Within this factor the simulator "predicts" the measured ratio. */
export const TOLERANCE = 0.15;

export interface SimulatedSide {
  /** Medians over SIM_SEEDS, ms; `ratios` one per seed. */
  a: number;
  b: number;
  ratio: number;
  ratios: number[];
}

/** The case's metric read from a run's (or a real program's) metrics, ms. */
export function pick(metric: CaseMetric, metrics: { wallMs: number; threads: { name: string; startMs: number; endMs: number }[] }): number {
  if (metric.kind === 'wall') return metrics.wallMs;
  const thread = metrics.threads.find((candidate) => candidate.name === metric.name);
  if (!thread) throw new Error(`no thread named ${metric.name}`);
  return thread.endMs - thread.startMs;
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** `value` to `digits` significant digits, as the results files store it. */
export const round = (value: number, digits = 3) => Number(value.toPrecision(digits));

/** Simulate the case's two scenarios on `runtime` at `bytecodeNs`, seed by seed. */
export function simulateCase(testCase: CalibrationCase, runtime: RuntimeName, bytecodeNs: number): SimulatedSide {
  const options = { runtime, cpus: testCase.cpus, bytecodeNs };
  const scenarios = [testCase.a({ bytecodeNs }), testCase.b({ bytecodeNs })];
  const bySeed = SIM_SEEDS.map((seed) => scenarios.map((scenario) => pick(testCase.metric, runScenario(scenario, { ...options, seed }).metrics)));
  const ratios = bySeed.map(([a, b]) => a / b);
  return {
    a: round(median(bySeed.map(([side]) => side)), 4),
    b: round(median(bySeed.map(([, side]) => side)), 4),
    ratio: round(median(ratios)),
    ratios: ratios.map((ratio) => round(ratio)),
  };
}

/** A case's row with its simulated side, compared with the measured ratio. */
export function withSimulated<Row extends { measured: { ratio: number } }>(row: Row, simulated: SimulatedSide) {
  const simulatedOverMeasured = simulated.ratio / row.measured.ratio;
  return { ...row, simulated, simulatedOverMeasured: round(simulatedOverMeasured), withinTolerance: Math.abs(simulatedOverMeasured - 1) <= TOLERANCE };
}

interface StoredRow { id: string; runtime: string; measured: { ratio: number }; remeasured?: { bytecodeNs: number }; python: string }

/**
 * A stored results table's rows simulated again with the model as it is now, each at the
 * bytecode cost measured with it (a row re-measured alone, at its own).
 */
export function resimulated<Row extends StoredRow>(table: { bytecodeNs: Record<string, number>; results: Row[] }, cases: readonly CalibrationCase[]) {
  return table.results.map((row) => {
    const testCase = cases.find((candidate) => candidate.id === row.id);
    if (!testCase) throw new Error(`results.json: no calibration case ${row.id}`);
    const bytecodeNs = row.remeasured?.bytecodeNs ?? table.bytecodeNs[row.python];
    if (bytecodeNs === undefined) throw new Error(`results.json: no bytecode cost for ${row.python}`);
    return withSimulated(row, simulateCase(testCase, row.runtime as RuntimeName, bytecodeNs));
  });
}
