/**
 * The race cases of `npm run calibrate`: two threads each add one to a global a million
 * times (`calibration/races/scenario.ts`, the loop of `measure.py`), exported to Python
 * and run on every pyenv interpreter present, against the simulator with the nearest
 * preset. The share of updates lost is compared, not a ratio of times: where real
 * CPython lost nothing the simulator must lose nothing; where it lost updates the
 * simulator must lose some, within a factor of 2 of the measured median share.
 * Writes calibration/races/results.json and results.md; why a case misses is in
 * calibration/races/explanations.json (by hand).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, loadavg } from 'node:os';
import { join } from 'node:path';
import { runScenario, type RuntimeName } from 'gilsim';
import { emitPython } from '../../src/python-export/python';
import { recordScenario } from '../../src/python-export/record';
import { race } from '../../calibration/races/scenario';

/** Within this factor of the measured median share, a non-zero case agrees. */
export const RACE_FACTOR = 2;
const TIMES = 1_000_000;

export const raceCaseIds = ['race-inline', 'race-call'] as const;
type Via = 'inline' | 'call';

/**
 * Each pyenv version this project measured, and the preset that simulates it: the one
 * of the same version, or the nearest with the same switch rule (3.6 switches as 3.9
 * does; 3.10 as 3.11, since GH-18334 [P sources:bpo-29988]).
 */
const interpreters: { version: string; runtime: RuntimeName }[] = [
  { version: '2.7.18', runtime: 'cpython-2.7' },
  { version: '3.6.15', runtime: 'cpython-3.9' },
  { version: '3.9.18', runtime: 'cpython-3.9' },
  { version: '3.10.13', runtime: 'cpython-3.11' },
  { version: '3.11.7', runtime: 'cpython-3.11' },
  { version: '3.12.1', runtime: 'cpython-3.12' },
  { version: '3.13.0', runtime: 'cpython-3.13' },
];

export interface RaceResult {
  id: string;
  python: string;
  runtime: RuntimeName;
  /** Share of the 2,000,000 updates lost, per run, and their median. */
  measured: { lost: number[]; median: number };
  /** The simulator's share for seeds 1..runs, and their median. */
  simulated: { lost: number[]; median: number };
  agrees: boolean;
  explanation?: string;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round = (value: number) => Number(value.toPrecision(3));

/** Zero where zero was measured; otherwise non-zero and within RACE_FACTOR of the median. */
export function raceAgrees(measured: number, simulated: number): boolean {
  if (measured === 0) return simulated === 0;
  return simulated > 0 && simulated / measured <= RACE_FACTOR && measured / simulated <= RACE_FACTOR;
}

/** What the exported race program prints that the race cases read. */
export interface RaceReport { shared: { lost: number; expected: number }[] }

function lostShare(report: RaceReport): number {
  const [counter] = report.shared;
  return counter.lost / counter.expected;
}

/** Run the race cases on the interpreters found; `only` picks one case, `python` a version substring. */
export function runRaceCases(options: { repeats: number; only?: string; python?: string; out: string; run: (path: string, source: string) => RaceReport }): RaceResult[] {
  const cases = raceCaseIds.filter((id) => !options.only || id === options.only);
  const explanations = readExplanations(options.out);
  const results: RaceResult[] = [];
  for (const { version, runtime } of interpreters) {
    const path = join(homedir(), `.pyenv/versions/${version}/bin/python`);
    if (!existsSync(path) || (options.python && !version.includes(options.python))) continue;
    for (const id of cases) {
      const via: Via = id === 'race-inline' ? 'inline' : 'call';
      const source = emitPython(recordScenario(race({ times: TIMES, via, runtime })).recorded, { source: id });
      const measured: number[] = [];
      const simulated: number[] = [];
      for (let run = 0; run < options.repeats; run++) {
        measured.push(lostShare(options.run(path, source)));
        simulated.push(lostShare(runScenario(race({ times: TIMES, via, runtime, seed: run + 1 }))));
      }
      const result: RaceResult = {
        id, python: `CPython ${version}`, runtime,
        measured: { lost: measured.map(round), median: round(median(measured)) },
        simulated: { lost: simulated.map(round), median: round(median(simulated)) },
        agrees: raceAgrees(median(measured), median(simulated)),
      };
      const explanation = explanations[`${id}|${result.python}`];
      if (!result.agrees && explanation) result.explanation = explanation;
      results.push(result);
      console.log(`  ${id.padEnd(12)} ${result.python.padEnd(16)} measured ${result.measured.median} (${result.measured.lost.join(', ')})  simulated ${
        result.simulated.median} on ${runtime}${result.agrees ? '' : '  MISS'}`);
    }
  }
  if (!results.length) throw new Error('no pyenv interpreter found for the race cases (~/.pyenv/versions/<version>/bin/python)');
  const dir = join(options.out, 'races');
  mkdirSync(dir, { recursive: true });
  // Keep the other cases and interpreters of the last run when only some were run again.
  const file = join(dir, 'results.json');
  const fresh = new Set(results.map((result) => `${result.id}|${result.python}`));
  const kept = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as { results: RaceResult[] }).results.filter((result) => !fresh.has(`${result.id}|${result.python}`))
    : [];
  const all = [...kept, ...results].sort((a, b) => a.id.localeCompare(b.id) || interpreterIndex(a.python) - interpreterIndex(b.python));
  const info = { date: new Date().toISOString(), loadAverage: round(loadavg()[0]), times: TIMES, factor: RACE_FACTOR };
  writeFileSync(file, `${JSON.stringify({ ...info, results: all }, null, 2)}\n`);
  writeFileSync(join(dir, 'results.md'), markdown(all, info));
  console.log(`wrote ${join(dir, 'results.json')} and results.md`);
  return results;
}

function interpreterIndex(python: string): number {
  return interpreters.findIndex(({ version }) => python === `CPython ${version}`);
}

function readExplanations(out: string): Record<string, string> {
  const file = join(out, 'races', 'explanations.json');
  if (!existsSync(file)) return {};
  return (JSON.parse(readFileSync(file, 'utf8')) as { measured?: Record<string, string> }).measured ?? {};
}

function markdown(results: RaceResult[], info: { date: string; loadAverage: number; times: number }): string {
  const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
  return [
    '# Races: real CPython vs the simulator',
    '',
    `Two threads each add one to a global ${info.times.toLocaleString('en-US')} times; the share of the updates lost. Date: ${
      info.date}; load average (1 min) ${info.loadAverage} at the end. Agrees: zero where zero was measured, else non-zero and within a factor of ${
      RACE_FACTOR} of the measured median. Simulated: the median over seeds 1..${results[0]?.measured.lost.length ?? 0}.`,
    '',
    '| Case | Python | Simulated as | Measured (runs) | Simulated (seeds) | Agrees |',
    '|---|---|---|---|---|---|',
    ...results.map((result) => `| ${result.id} | ${result.python} | ${result.runtime} | ${percent(result.measured.median)} (${
      result.measured.lost.map(percent).join(', ')}) | ${percent(result.simulated.median)} (${result.simulated.lost.map(percent).join(', ')}) | ${
      result.agrees ? 'yes' : '**no**'} |`),
    '',
    ...results.filter((result) => !result.agrees).map((result) => `- **${result.id}, ${result.python}**: ${result.explanation ?? 'not explained yet.'}`),
    '',
    'Regenerate with `npm run calibrate -- --only race-inline` (or `race-call`; `--python 3.12` for one interpreter).',
    '',
  ].join('\n');
}
