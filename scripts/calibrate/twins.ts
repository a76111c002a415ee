/**
 * `npm run calibrate` (and `-- --twins-only`): every chapter scenario through `gilsim twin`
 * on the Python it applies to (CPython 2.x scenarios on 2.7.18, 3.12 ones on 3.12.1; the
 * free-threaded and newer runtimes have no build here), its simulated wall time beside the
 * real median, into calibration/twins.json; for the showcase cases the real run's trace goes
 * to calibration/twins/<id>.json, which "How the simulator works" draws under the simulated
 * run at build time (src/components/TwinTimelines.astro).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuntimeName, Scenario } from 'gilsim';
import { declaredRuntime } from '../../src/playground/controls';
import { recordScenario } from '../../src/python-export/record';

/** Simulated wall time within this fraction of the real one (issue 12's aim for the chapters). */
export const TWIN_TOLERANCE = 0.25;

export interface TwinPython {
  label: string;
  path: string;
  /** Which scenarios it runs: the runtime each file names. */
  runs: (runtime: string) => boolean;
}

/** The cases drawn real above simulated on the page. */
export const twinShowcase = [
  { id: 'gil-battle-2.7', scenario: 'two-cpus/gil-battle', python: 'CPython 2.7.18', title: 'The GIL battle on CPython 2.7' },
  { id: 'convoy-3.12', scenario: 'when-a-thread-blocks/convoy', python: 'CPython 3.12.1', title: 'The convoy on CPython 3.12' },
  { id: 'c-releases-gil-3.12', scenario: 'two-cpus/c-releases-gil', python: 'CPython 3.12.1', title: 'C code releasing the GIL on CPython 3.12' },
] as const;

export interface TwinRow {
  /** The scenario's id (content/<id>.ts). */
  scenario: string;
  title: string | null;
  python: string;
  /** The simulator's preset for that Python, and the bytecode cost the twin measured. */
  runtime: string;
  bytecodeNs: number;
  simulatedWallMs: number;
  realWallMs: number;
  realRuns: number[];
  /** (simulated − real) / real, %. */
  diffPercent: number;
  within: boolean;
  /** calibration/twins/<file>, for a showcase case. */
  traceFile?: string;
}

/** The chapters' scenario files (content/<chapter>/<name>.ts; the API examples aside). */
function chapterScenarios(): string[] {
  const ids: string[] = [];
  for (const chapter of readdirSync('content', { withFileTypes: true })) {
    if (!chapter.isDirectory() || chapter.name === 'api') continue;
    for (const file of readdirSync(join('content', chapter.name)).sort()) {
      if (file.endsWith('.ts')) ids.push(`${chapter.name}/${file.slice(0, -3)}`);
    }
  }
  return ids;
}

/** Whether a scenario file names a machine preset (`machine: "macbook-2009"`) rather than running as this one. */
export function modelsAnotherMachine(source: string): boolean {
  return /^\s*machine:\s*["'](?!linux-vm["'])/m.test(source);
}

const round = (value: number, digits = 4) => Number(value.toPrecision(digits));

/** Run the twin on each chapter scenario for each Python; write twins.json and the showcase traces. */
export function runTwins(pythons: TwinPython[], { runs, out, only }: { runs: number; out: string; only?: string }): TwinRow[] {
  mkdirSync(join(out, 'twins'), { recursive: true });
  const rows: TwinRow[] = [];
  for (const scenario of chapterScenarios().filter((id) => !only || id === only)) {
    const source = readFileSync(join('content', `${scenario}.ts`), 'utf8');
    // A scenario modelled on another machine (Beazley's 2009 MacBook) says nothing about this one.
    if (modelsAnotherMachine(source)) continue;
    const runtime = declaredRuntime(source) ?? 'cpython-3.12';
    for (const python of pythons.filter((candidate) => candidate.runs(runtime))) {
      const showcase = twinShowcase.find((entry) => entry.scenario === scenario && entry.python === python.label);
      const traceFile = showcase ? `${showcase.id}.json` : undefined;
      const args = ['bin/gilsim.mjs', 'twin', join('content', `${scenario}.ts`), '--python', python.path, '--runs', String(runs), '--json', '--timeout', '120',
        ...(traceFile ? ['--save-real', join(out, 'twins', traceFile)] : [])];
      const twin = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 900_000, maxBuffer: 256 * 1024 * 1024 });
      if (twin.status !== 0) {
        console.log(`  twin ${scenario} on ${python.label}: FAILED (${twin.status ?? twin.signal}) ${twin.stderr.trim().split('\n').slice(-3).join(' | ')}`);
        continue;
      }
      const { title, sim, real, bytecodeNs } = JSON.parse(twin.stdout);
      const row = compared({
        scenario, title: title ?? null, python: python.label, runtime: sim.runtime, bytecodeNs: round(bytecodeNs),
        simulatedWallMs: round(sim.wallMs), realWallMs: round(real.wallMs), realRuns: real.runs.map((wall: number) => round(wall)),
        ...(traceFile ? { traceFile } : {}),
      });
      rows.push(row);
      console.log(`  twin ${scenario.padEnd(40)} ${python.label}: simulated ${row.simulatedWallMs} ms, real ${row.realWallMs} ms (${row.diffPercent > 0 ? '+' : ''}${row.diffPercent}%)${row.within ? '' : '  MISS'}`);
    }
  }
  return rows;
}

/** Difference and verdict of a row from its two wall times, as the table shows them. */
function compared(row: Omit<TwinRow, 'diffPercent' | 'within'>): TwinRow {
  const diffPercent = round(((row.simulatedWallMs - row.realWallMs) / row.realWallMs) * 100, 3);
  return { ...row, diffPercent, within: Math.abs(diffPercent) <= TWIN_TOLERANCE * 100 };
}

/**
 * A row's simulated side redone with the model as it is now, at the bytecode cost its twin
 * measured, as `gilsim twin` simulates (src/cli/sandboxed/twin.ts); the real side is kept.
 */
function resimulatedTwin(row: TwinRow, scenario: Scenario): TwinRow {
  const { result } = recordScenario(scenario, { bytecodeNs: row.bytecodeNs, runtime: row.runtime as RuntimeName });
  return compared({ ...row, simulatedWallMs: round(result.metrics.wallMs) });
}

/** Every row resimulated (`resimulatedTwin`), each with its chapter scenario (content/<chapter>/<name>.ts). */
export async function resimulatedTwins(rows: readonly TwinRow[]): Promise<TwinRow[]> {
  const redone: TwinRow[] = [];
  for (const row of rows) {
    const [chapter, name] = row.scenario.split('/');
    const { default: scenario } = await import(`../../content/${chapter}/${name}.ts`);
    redone.push(resimulatedTwin(row, scenario));
  }
  return redone;
}

/** Write calibration/twins.json; with `merge` (one scenario rerun, --twin), the other rows already there stay. */
export function writeTwins(rows: TwinRow[], out: string, machine: unknown, merge = false): void {
  const file = join(out, 'twins.json');
  let all = rows;
  if (merge && existsSync(file)) {
    const fresh = new Set(rows.map((row) => `${row.scenario}|${row.python}`));
    const kept = (JSON.parse(readFileSync(file, 'utf8')).rows as TwinRow[]).filter((row) => !fresh.has(`${row.scenario}|${row.python}`));
    all = [...kept, ...rows].sort((a, b) => a.scenario.localeCompare(b.scenario) || a.python.localeCompare(b.python));
  }
  writeFileSync(file, `${JSON.stringify({ machine, tolerance: TWIN_TOLERANCE, rows: all }, null, 2)}\n`);
}
