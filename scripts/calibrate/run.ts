/**
 * `npm run calibrate`: run each calibration case on real CPython (through the
 * exporter) and on the simulator with that Python's preset and the bytecode cost
 * the same run measured; write calibration/results.json and results.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus as osCpus, homedir, loadavg, release } from 'node:os';
import { join } from 'node:path';
import type { Metrics, RuntimeName } from 'gilsim';
import { emitPython } from '../../src/python-export/python';
import { recordScenario } from '../../src/python-export/record';
import { canRaisePriority, measureBytecodeNs, runProgram } from '../../src/cli/real-python.ts';
import { probeProgram } from '../../src/python-export/probe';
import { calibrationCases, type CalibrationCase } from './cases';
import { median, pick, resimulated, round, SIM_SEEDS, simulateCase, TOLERANCE, withSimulated, type SimulatedSide } from './simulate-case';
import { calibrationResultsSchema, checked, mergeRemeasured, type Remeasured } from './data-files';
import { publishedFigures, simulateFigure } from './published';
import { raceCaseIds, runRaceCases, type RaceReport } from './races';
import { resimulatedTwins, runTwins, TWIN_TOLERANCE, type TwinRow, writeTwins } from './twins';

interface PythonUnderTest {
  label: string;
  major: 2 | 3;
  path: string;
  runtime: RuntimeName;
  /** The chapter scenarios it twins: by the runtime each names (twins.ts). */
  twins: (runtime: string) => boolean;
}

const pythons: PythonUnderTest[] = [
  { label: 'CPython 3.12.1', major: 3, path: join(homedir(), '.pyenv/versions/3.12.1/bin/python'), runtime: 'cpython-3.12', twins: (runtime) => runtime === 'cpython-3.12' },
  { label: 'CPython 2.7.18', major: 2, path: join(homedir(), '.pyenv/versions/2.7.18/bin/python'), runtime: 'cpython-2.7', twins: (runtime) => runtime.startsWith('cpython-2.') },
];


interface Options { repeats: number; only?: string; python?: string; out: string; publishedOnly: boolean; simulatedOnly: boolean; twinsOnly: boolean; twinRuns: number; twin?: string }

function parseArgs(argv: string[]): Options {
  const options: Options = { repeats: 5, out: 'calibration', publishedOnly: false, simulatedOnly: false, twinsOnly: false, twinRuns: 3 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--repeats') options.repeats = Number(argv[++i]);
    else if (arg === '--only') options.only = argv[++i];
    else if (arg === '--python') options.python = argv[++i];
    else if (arg === '--out') options.out = argv[++i];
    else if (arg === '--published-only') options.publishedOnly = true;
    else if (arg === '--simulated-only') options.simulatedOnly = true;
    else if (arg === '--twins-only') options.twinsOnly = true;
    else if (arg === '--twin-runs') options.twinRuns = Number(argv[++i]);
    else if (arg === '--twin') options.twin = argv[++i];
    else throw new Error(`unknown option ${arg}; use --repeats N, --only CASE-ID (or race-inline, race-call), --python 3.12|2.7 (race cases: any pyenv version), --out DIR, --published-only, --simulated-only, --twins-only, --twin-runs N, --twin CHAPTER/SCENARIO`);
  }
  if (!(options.repeats >= 1)) throw new Error('--repeats needs a number >= 1');
  return options;
}

const loadAtStart = loadavg()[0];

/** What `calibration/wake/pipe-pingpong.py` prints: a wake-up's cost on this machine right now. */
export interface WakeProbe { roundTripUs: number; wakingWriteUs: number }

/**
 * Two processes taking turns through pipes (no GIL): how long a wake-up takes right now.
 * On this VM it is bimodal: about 60 µs a round trip when the two run on different vCPUs that
 * halt between turns, about 6 µs when the scheduler keeps them on one; the lock, event and
 * queue cases move with it, so a run's table says which it saw.
 */
function probeWake(python: string): WakeProbe | undefined {
  const run = spawnSync(python, [join('calibration', 'wake', 'pipe-pingpong.py')], { encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) return undefined;
  const probe = JSON.parse(run.stdout) as WakeProbe;
  return { roundTripUs: probe.roundTripUs, wakingWriteUs: probe.wakingWriteUs };
}

/** What `calibration/host/two-cpus.py` prints: how much of two CPUs two busy processes get right now. */
export interface TwoCpusProbe { soloMs: number; soloRangeMs: [number, number]; slowdowns: number[]; medianSlowdown: number }

/**
 * Two forked processes counting at once, against one alone. On this VM the pair sometimes
 * runs at half speed each (the host gave the two vCPUs one core's worth), and the loop alone
 * varies too; every case that keeps both CPUs busy moves with it.
 */
function probeTwoCpus(python: string): TwoCpusProbe | undefined {
  const run = spawnSync(python, [join('calibration', 'host', 'two-cpus.py')], { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) return undefined;
  const { soloMs, soloRangeMs, slowdowns, medianSlowdown } = JSON.parse(run.stdout) as TwoCpusProbe;
  return { soloMs, soloRangeMs, slowdowns, medianSlowdown };
}

type Report = Omit<Metrics, 'threads'> & { threads: { name: string; startMs: number; endMs: number }[]; measured: any };

function runPython(python: PythonUnderTest, source: string, cpus: number): Report {
  return runProgram(python.path, source, { cpus }).report;
}

export interface CaseResult {
  id: string;
  title: string;
  python: string;
  runtime: RuntimeName;
  cpus: number;
  ratio: string;
  measured: { a: number[]; b: number[]; ratio: number; ratios: number[] };
  simulated: SimulatedSide;
  simulatedOverMeasured: number;
  withinTolerance: boolean;
  /** Set on rows re-measured alone (`--only`) into an earlier full run's table. */
  remeasured?: Remeasured;
}

function runCase(testCase: CalibrationCase, python: PythonUnderTest, bytecodeNs: number, repeats: number): CaseResult {
  const overrides = { runtime: python.runtime, cpus: testCase.cpus, bytecodeNs };
  const sources = [testCase.a({ bytecodeNs }), testCase.b({ bytecodeNs })]
    .map((scenario) => emitPython(recordScenario(scenario, { ...overrides, seed: SIM_SEEDS[0] }).recorded, { source: testCase.id }));
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < repeats; i++) {
    // Interleave A and B so slow patches of a shared machine hit both sides.
    a.push(pick(testCase.metric, runPython(python, sources[0], testCase.cpus)));
    b.push(pick(testCase.metric, runPython(python, sources[1], testCase.cpus)));
  }
  const measured = { a: a.map((x) => round(x, 4)), b: b.map((x) => round(x, 4)), ratio: round(median(a) / median(b)), ratios: a.map((x, i) => round(x / b[i])) };
  return withSimulated({
    id: testCase.id, title: testCase.title, python: python.label, runtime: python.runtime, cpus: testCase.cpus, ratio: testCase.ratio, measured,
  }, simulateCase(testCase, python.runtime, bytecodeNs));
}

function machine(wake?: { start: WakeProbe; end: WakeProbe }, twoCpus?: { start: TwoCpusProbe; end: TwoCpusProbe }) {
  const cpuList = osCpus();
  return {
    nproc: cpuList.length,
    cpuModel: cpuList[0]?.model ?? 'unknown',
    kernel: `Linux ${release()}`,
    date: new Date().toISOString(),
    /** 1-minute load average when the run started and ended: other work on the machine adds noise. */
    loadAverage: { start: round(loadAtStart), end: round(loadavg()[0]) },
    /** Whether the measured programs ran at nice -20 in their own autogroup (see canRaisePriority). */
    niceMinus20: canRaisePriority(),
    /** A pipe ping-pong between two processes when the run started and ended. */
    wake,
    /** Two processes counting at once against one alone, when the run started and ended. */
    twoCpus,
  };
}

function markdown(results: CaseResult[], info: ReturnType<typeof machine>, probes: Record<string, number>): string {
  const lines = [
    '# Calibration: real CPython vs the simulator',
    '',
    `Machine: ${info.nproc} CPUs, ${info.cpuModel}, ${info.kernel}. Date: ${info.date}. Load average (1 min) ${
      info.loadAverage.start} at the start, ${info.loadAverage.end} at the end: other work shared the CPUs${
      info.niceMinus20 ? ' (the measured programs ran at nice -20, in their own scheduler autogroup, to get them)' : ', so expect noise'}.`,
    ...(info.wake ? [`Wake-up cost (\`calibration/wake/pipe-pingpong.py\`, two processes taking turns through pipes): a round trip took ${
      info.wake.start.roundTripUs} µs at the start and ${info.wake.end.roundTripUs} µs at the end, the write that wakes the other ${
      info.wake.start.wakingWriteUs} and ${info.wake.end.wakingWriteUs} µs. About 60 µs: the two ran on different vCPUs, each halting between turns, as the simulator's \`wakeLatencyUs\` assumes; about 6 µs: the scheduler kept both on one vCPU (or another program kept the vCPUs busy), and the lock, event and queue cases then run faster than simulated.`] : []),
    ...(info.twoCpus ? [`Two CPUs' worth (\`calibration/host/two-cpus.py\`, two forked processes counting at once, 5 pairs): each used ${
      info.twoCpus.start.medianSlowdown}× the CPU time of one alone at the start (${info.twoCpus.start.slowdowns.join(', ')}) and ${
      info.twoCpus.end.medianSlowdown}× at the end (${info.twoCpus.end.slowdowns.join(', ')}); the loop alone took ${
      info.twoCpus.start.soloRangeMs.join('–')} and ${info.twoCpus.end.soloRangeMs.join('–')} ms. About 1: two full CPUs, as the simulator assumes; about 2: the host gave the two vCPUs one core's worth, and every case that keeps both busy (the GIL battles, two processes, C code that releases the GIL) measures slower than simulated.`] : []),
    `Bytecode cost measured by this run (passed to the simulator as \`bytecodeNs\`): ${
      Object.entries(probes).map(([label, ns]) => `${label} ${ns.toFixed(2)} ns`).join(', ')}.`,
    `Measured ratios are medians of ${results[0]?.measured.a.length ?? 0} interleaved runs of each side; simulated ones medians over seeds ${SIM_SEEDS.join(', ')}. Aim: simulated/measured within ±${TOLERANCE * 100}%.`,
    '',
    '| Case | Python | CPUs | Measured ratio (runs) | Simulated ratio (seeds) | Simulated / measured | Within 15% |',
    '|---|---|---|---|---|---|---|',
    ...results.map((result) => `| ${result.title}${result.remeasured ? ` (re-measured alone, ${result.remeasured.at}, at ${result.remeasured.bytecodeNs.toFixed(2)} ns a bytecode)` : ''} | ${result.python} | ${result.cpus} | ${result.measured.ratio} (${
      result.measured.ratios.join(', ')}) | ${result.simulated.ratio} (${result.simulated.ratios.join(', ')}) | ${result.simulatedOverMeasured} | ${result.withinTolerance ? 'yes' : '**no**'} |`),
    '',
    'Ratios: ',
    ...calibrationCases.map((testCase) => `- **${testCase.title}**: ${testCase.ratio}.`),
    '',
    'Regenerate with `npm run calibrate` (options: `--repeats N`, `--only CASE-ID` to re-measure one case into this table, `--python 3.12|2.7`, `--simulated-only` to re-simulate this table\'s cases with the model as it is now).',
    '',
  ];
  return lines.join('\n');
}

/** One entry per published figure: the simulator's value now, or the error it raised. */
export interface PublishedResult {
  id: string;
  simulated: number | null;
  /** simulated / published */
  ratio: number | null;
  within: boolean;
  error?: string;
}

function simulatePublished(): PublishedResult[] {
  return publishedFigures.map((figure) => {
    try {
      const { simulated, ratio, within } = simulateFigure(figure);
      return { id: figure.id, simulated, ratio, within };
    } catch (error) {
      return { id: figure.id, simulated: null, ratio: null, within: false, error: (error as Error).message };
    }
  });
}

function writePublishedResults(out: string): void {
  const results = simulatePublished();
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'published-results.json'), `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`);
  const missed = results.filter((result) => !result.within);
  console.log(`published figures: ${results.length - missed.length} of ${results.length} within tolerance; wrote ${join(out, 'published-results.json')}`);
  for (const result of missed) {
    console.log(`  MISS ${result.id}: ${result.error ?? `simulated/published ${result.ratio?.toPrecision(3)}`}`);
  }
}

/** --simulated-only: the last run's measurements kept, its simulated side redone with the model as it is now. */
function resimulateResults(out: string): void {
  const file = join(out, 'results.json');
  const table = checked(calibrationResultsSchema, JSON.parse(readFileSync(file, 'utf8')), file);
  const results = resimulated(table, calibrationCases);
  writeFileSync(file, `${JSON.stringify({ ...table, results, tolerance: TOLERANCE }, null, 2)}\n`);
  writeFileSync(join(out, 'results.md'), markdown(results as CaseResult[], table.machine as ReturnType<typeof machine>, table.bytecodeNs));
  const missed = results.filter((row) => !row.withinTolerance);
  console.log(`re-simulated ${file}: ${results.length - missed.length} of ${results.length} within ±${TOLERANCE * 100}%${missed.map((row) => `\n  MISS ${row.id} (${row.python}): simulated/measured ${row.simulatedOverMeasured}`).join('')}`);
}

/** --simulated-only, for twins.json: each row's simulated wall time redone, its real runs kept. */
async function resimulateTwins(out: string): Promise<void> {
  const file = join(out, 'twins.json');
  const table = JSON.parse(readFileSync(file, 'utf8')) as { rows: TwinRow[] };
  const rows = await resimulatedTwins(table.rows);
  writeFileSync(file, `${JSON.stringify({ ...table, rows }, null, 2)}\n`);
  console.log(`re-simulated ${file}: ${rows.filter((row) => row.within).length} of ${rows.length} within ±${TWIN_TOLERANCE * 100}%`);
}

export async function main(argv: string[]): Promise<void> {
  const options = parseArgs(argv);
  if (!options.twinsOnly) writePublishedResults(options.out);
  if (options.publishedOnly) return;
  if (options.simulatedOnly) {
    resimulateResults(options.out);
    await resimulateTwins(options.out);
    return;
  }
  const raceOptions = { repeats: options.repeats, only: options.only, python: options.python, out: options.out, run: (path: string, source: string) => runProgram(path, source, { cpus: 2 }).report as RaceReport };
  if (options.only && (raceCaseIds as readonly string[]).includes(options.only)) {
    // The race cases keep their own results (calibration/races/), so running one leaves results.json as it is.
    runRaceCases(raceOptions);
    return;
  }
  const chosen = pythons.filter((python) => existsSync(python.path) && (!options.python || python.label.includes(options.python)));
  if (!chosen.length) throw new Error('no Python to calibrate against: expected pyenv builds of 3.12.1 and/or 2.7.18');
  if (options.twinsOnly) {
    measureTwins(chosen, options);
    return;
  }
  const cases = calibrationCases.filter((testCase) => !options.only || testCase.id === options.only);
  if (!cases.length) throw new Error(`no case ${options.only}; cases: ${calibrationCases.map((c) => c.id).join(', ')}`);
  const results: CaseResult[] = [];
  const probes: Record<string, number> = {};
  const wakeAtStart = probeWake(chosen[0].path);
  const twoCpusAtStart = probeTwoCpus(chosen[0].path);
  for (const python of chosen) {
    const { bytecodeNs } = measureBytecodeNs(python.path, probeProgram(python.runtime));
    probes[python.label] = round(bytecodeNs);
    console.log(`${python.label}: ${bytecodeNs.toFixed(2)} ns per bytecode`);
    for (const testCase of cases.filter((candidate) => candidate.pythons.includes(python.major))) {
      const result = runCase(testCase, python, bytecodeNs, options.repeats);
      results.push(result);
      console.log(`  ${result.id.padEnd(18)} measured ${result.measured.ratio} (${result.measured.ratios.join(', ')})  simulated ${
        result.simulated.ratio}  sim/measured ${result.simulatedOverMeasured}${result.withinTolerance ? '' : '  MISS'}`);
    }
  }
  const wakeAtEnd = probeWake(chosen[0].path);
  const twoCpusAtEnd = probeTwoCpus(chosen[0].path);
  const info = machine(wakeAtStart && wakeAtEnd ? { start: wakeAtStart, end: wakeAtEnd } : undefined,
    twoCpusAtStart && twoCpusAtEnd ? { start: twoCpusAtStart, end: twoCpusAtEnd } : undefined);
  mkdirSync(options.out, { recursive: true });
  const file = join(options.out, 'results.json');
  const fresh = { machine: info, bytecodeNs: probes, results };
  // --only: the case's rows go into the last full run's table instead of replacing it.
  const table = options.only && existsSync(file) ? mergeRemeasured(JSON.parse(readFileSync(file, 'utf8')), fresh) : fresh;
  writeFileSync(file, `${JSON.stringify({ ...table, tolerance: TOLERANCE }, null, 2)}\n`);
  writeFileSync(join(options.out, 'results.md'), markdown(table.results, table.machine, table.bytecodeNs));
  console.log(`wrote ${join(options.out, 'results.json')} and results.md`);
  if (options.only) return;
  runRaceCases(raceOptions);
  measureTwins(chosen, options);
}

/** The twins on `chosen`, into twins.json; one scenario or one Python re-measured keeps the other rows. */
function measureTwins(chosen: PythonUnderTest[], options: Options): void {
  const rows = runTwins(chosen.map((python) => ({ label: python.label, path: python.path, runs: python.twins })), { runs: options.twinRuns, out: options.out, only: options.twin });
  writeTwins(rows, options.out, machine(), options.twin !== undefined || options.python !== undefined);
  console.log(`wrote ${join(options.out, 'twins.json')}: ${rows.filter((row) => row.within).length} of ${rows.length} within ±${TWIN_TOLERANCE * 100}%`);
}
