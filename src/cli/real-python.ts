/**
 * Running exported programs on a real Python, for `gilsim twin` and `npm run calibrate`:
 * one program at a time, optionally recording its timeline (`--trace FILE`), at the highest
 * priority the machine allows, and the interpreter's cost per bytecode read with the probe
 * (src/python-export/probe.ts). Node only; erasable TypeScript (the CLI runs it unbundled).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * On a busy machine Linux shares the CPUs between sessions (autogroups) and then threads,
 * so a two-thread program gets more or less than two CPUs depending on what else runs.
 * When allowed (root), each program runs in its own session whose autogroup is at nice -20,
 * and at nice -20 itself: it gets the CPUs it asks for, as on an idle machine.
 */
const raisePriority = 'echo -20 > /proc/self/autogroup';
let priority: boolean | undefined;
export function canRaisePriority(): boolean {
  priority ??= process.platform === 'linux'
    && spawnSync('setsid', ['sh', '-c', `${raisePriority} && exec nice -n -20 true`]).status === 0;
  return priority;
}

/** Why a Python could not run a program: not there, or it failed (with its stderr). */
export class PythonError extends Error {
  readonly notFound: boolean;
  constructor(message: string, notFound = false) {
    super(message);
    this.notFound = notFound;
  }
}

export interface ProgramRun {
  /** The JSON the program printed. */
  report: any;
  /** The trace file's text and size, when asked for. */
  trace?: { text: string; bytes: number };
}

export interface RunProgramOptions {
  /** CPUs of the scenario: 1 pins the program to CPU 0 with taskset. */
  cpus: number;
  /** Record the timeline (--trace FILE). */
  trace?: boolean;
  timeoutMs?: number;
}

/** Run `source` (an exported program) under `python` (a command, split on spaces) and parse what it prints. */
export function runProgram(python: string, source: string, { cpus, trace = false, timeoutMs = 180_000 }: RunProgramOptions): ProgramRun {
  const dir = mkdtempSync(join(tmpdir(), 'gil-lab-real-'));
  try {
    const file = join(dir, 'scenario.py');
    const traceFile = join(dir, 'trace.json');
    writeFileSync(file, source);
    const [command, ...commandArgs] = python.trim().split(/\s+/);
    const program = [command, ...commandArgs, file, ...(trace ? ['--trace', traceFile] : [])];
    const pinned = cpus === 1 && process.platform === 'linux' ? ['taskset', '-c', '0', ...program] : program;
    const argv = canRaisePriority() ? ['setsid', 'sh', '-c', `${raisePriority}; exec nice -n -20 "$@"`, 'sh', ...pinned] : pinned;
    const run = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
    if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new PythonError(`cannot run "${python}": no such command (pass --python with a Python 2.7 or 3.x)`, true);
    }
    // sh reports a missing command as 127.
    if (run.status === 127) throw new PythonError(`cannot run "${python}": no such command (pass --python with a Python 2.7 or 3.x)`, true);
    if (run.status !== 0) {
      const why = run.signal ? `stopped by ${run.signal}${run.signal === 'SIGTERM' ? ` after ${timeoutMs / 1000} s` : ''}` : `exit code ${run.status}`;
      throw new PythonError(`"${python}" failed on the exported program (${why}):\n${run.stderr.trim().split('\n').slice(-12).join('\n')}`);
    }
    let report: unknown;
    try {
      report = JSON.parse(run.stdout);
    } catch {
      throw new PythonError(`"${python}" ran the program but printed no report (is it CPython 2.7 or 3.x?):\n${run.stdout.slice(0, 400)}`);
    }
    return { report, trace: trace ? { text: readFileSync(traceFile, 'utf8'), bytes: statSync(traceFile).size } : undefined };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Probe {
  /** Cost of one bytecode of the countdown loop, ns: the least of the runs (other programs only slow it). */
  bytecodeNs: number;
  /** The interpreter's version, e.g. "3.12.1". */
  python: string;
  /** Its runtime name as the program reports it, e.g. "cpython-3.12.1". */
  runtime: string;
}

/** Run the probe program `runs` times and read the interpreter's bytecode cost and version. */
export function measureBytecodeNs(python: string, probeSource: string, runs = 5): Probe {
  const reports = Array.from({ length: runs }, () => runProgram(python, probeSource, { cpus: 2 }).report);
  return {
    bytecodeNs: Math.min(...reports.map((report) => report.measured.calibration.bytecodeNs)),
    python: reports[0].measured.python,
    runtime: reports[0].runtime,
  };
}
