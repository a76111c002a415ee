/**
 * `gilsim twin` on the chapters' scenarios (calibration/twins.json, written by
 * `npm run calibrate`), checked on read, and the showcase cases as pictures: the real
 * run's trace (calibration/twins/<id>.json, what the exported program wrote with
 * --trace) under the simulated run, the simulator rerun at build time with the preset
 * and bytecode cost the twin measured, so the page never shows a stale simulated side.
 */
import { z } from 'zod';
import { runScenario } from '../sim/index';
import { checked } from '../../scripts/calibrate/data-files';
import { loadScenario } from '../components/scenario-runs';
import { readRealTrace, realRunResult, realTraceLabel } from '../python-export/real-trace';
import { recordScenario } from '../python-export/record';
import { scenarioId } from '../python-export/scenario-id';
import type { RuntimeName } from '../sim/runtimes';
import type { LabelledRun } from '../timeline';
import twins from '../../calibration/twins.json';

const traceFiles = import.meta.glob<string>('/calibration/twins/*.json', { eager: true, query: '?raw', import: 'default' });

export const twinsSchema = z.object({
  machine: z.object({ nproc: z.number().int().positive(), cpuModel: z.string(), kernel: z.string(), date: z.string() }).passthrough(),
  tolerance: z.number().positive(),
  rows: z.array(z.object({
    scenario: z.string(), title: z.string().nullable(), python: z.string(), runtime: z.string(), bytecodeNs: z.number().positive(),
    simulatedWallMs: z.number().positive(), realWallMs: z.number().positive(), realRuns: z.array(z.number()),
    diffPercent: z.number(), within: z.boolean(), traceFile: z.string().regex(/^[\w.-]+\.json$/).optional(),
  })),
});

export const twinData = checked(twinsSchema, twins, 'calibration/twins.json');

export interface TwinFigure {
  id: string;
  title: string;
  python: string;
  simulatedWallMs: number;
  realWallMs: number;
  diffPercent: number;
  /** The simulated run, then the real one, on one time axis. */
  runs: LabelledRun[];
}

/** The showcase rows as simulated and real runs; a trace of another version of the scenario fails the build. */
export function twinFigures(): TwinFigure[] {
  return twinData.rows.flatMap((row) => {
    if (!row.traceFile) return [];
    const file = `calibration/twins/${row.traceFile}`;
    const text = traceFiles[`/${file}`];
    if (text === undefined) throw new Error(`${file} is missing: run \`npm run calibrate -- --twins-only\``);
    const { scenario } = loadScenario(row.scenario);
    const options = { runtime: row.runtime as RuntimeName, bytecodeNs: row.bytecodeNs };
    const read = readRealTrace(text, { expectScenarioId: scenarioId(recordScenario(scenario, options).recorded) });
    if (!read.ok) throw new Error(`${file}: ${read.message} (the scenario changed since: run \`npm run calibrate -- --twins-only\`)`);
    return [{
      id: row.traceFile.replace(/\.json$/, ''),
      title: row.title ?? row.scenario,
      python: row.python,
      simulatedWallMs: row.simulatedWallMs,
      realWallMs: row.realWallMs,
      diffPercent: row.diffPercent,
      runs: [
        { label: `Simulated, ${row.bytecodeNs} ns per bytecode`, result: runScenario(scenario, options) },
        { label: realTraceLabel(read.trace), result: realRunResult(read.trace) },
      ],
    }];
  });
}
