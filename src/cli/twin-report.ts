/**
 * `gilsim twin`'s report: the simulated run and the real one (the median of the runs by
 * wall time) side by side, wall time, each thread's CPU, GIL wait and blocked time, GIL
 * hand-offs, the difference in percent, and each run's text timeline drawn by the same
 * code (format.ts) from the real trace turned into the simulator's shape (real-trace.ts).
 * Pure; main.ts loads it bundled (it imports the simulator's modules without extensions).
 */
import type { Metrics, RunResult } from 'gilsim';
import { formatMs } from '../timeline/format';
import { readRealTrace, realRunResult, realTraceLabel, type RealTrace } from '../python-export/real-trace';
import { formatTimeline } from './format';

export { probeProgram } from '../python-export/probe';

/** (real − simulated) / real, in percent; null when there is nothing to compare. */
function percent(simulated: number, real: number | null): number | null {
  if (real === null || !Number.isFinite(real) || real === 0) return null;
  return Number((((simulated - real) / real) * 100).toFixed(1));
}

interface ThreadDiff { cpuMs: number | null; gilWaitMs: number | null; blockedMs: number | null }

export interface TwinDiff {
  /** Simulated minus real, as a percentage of real: + means the simulator is slower. */
  wallMs: number | null;
  gilHandoffs: number | null;
  threads: Record<string, ThreadDiff>;
}

export interface TwinInput {
  /** The simulated run (with the measured bytecode cost). */
  sim: RunResult;
  /** Each real run's trace file text. */
  realTraces: string[];
  bytecodeNs: number;
  title: string | null;
  notes: string[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[(sorted.length - 1) >> 1];
};

/** The real run shown: the one with the median wall time (the lower middle for an even count). */
function medianRun(traces: RealTrace[]): RealTrace {
  const wall = median(traces.map((trace) => trace.wallMs));
  return traces.find((trace) => trace.wallMs === wall)!;
}

function diffOf(sim: Metrics, real: Metrics): TwinDiff {
  const threads: Record<string, ThreadDiff> = {};
  for (const thread of sim.threads) {
    const other = real.threads.find((candidate) => candidate.name === thread.name);
    threads[thread.name] = {
      cpuMs: percent(thread.cpuMs, other?.cpuMs ?? null),
      // The OS cannot tell GIL waits from CPU waits: compare the simulator's sum of both.
      gilWaitMs: percent(thread.gilWaitMs + thread.cpuWaitMs, other?.gilWaitMs ?? null),
      blockedMs: percent(thread.blockedMs, other?.blockedMs ?? null),
    };
  }
  return { wallMs: percent(sim.wallMs, real.wallMs), gilHandoffs: percent(sim.gilHandoffs, real.gilHandoffs || null), threads };
}

/** Read the runs' trace files; throws with the reason when one is not a trace. */
function readRuns(texts: string[]): RealTrace[] {
  return texts.map((text, index) => {
    const read = readRealTrace(text);
    if (!read.ok) throw new Error(`run ${index + 1}: ${read.message}`);
    return read.trace;
  });
}

/** The trace file of the run shown (the median by wall time), as the program wrote it. */
export function medianTraceText(texts: string[]): string {
  const runs = readRuns(texts);
  return texts[runs.indexOf(medianRun(runs))];
}

/** `{ sim, real, diff }` as `--json` prints it. */
export function twinJson(input: TwinInput): string {
  const runs = readRuns(input.realTraces);
  const shown = medianRun(runs);
  const real = realRunResult(shown);
  return JSON.stringify({
    title: input.title,
    sim: input.sim.metrics,
    real: {
      ...real.metrics, label: realTraceLabel(shown), python: shown.python, machine: shown.machine,
      runs: runs.map((run) => run.wallMs), trace: shown.intervals,
    },
    diff: diffOf(input.sim.metrics, real.metrics),
    bytecodeNs: input.bytecodeNs,
    notes: input.notes,
  }, null, 2);
}

const signed = (value: number | null) => (value === null ? 'n/a' : `${value > 0 ? '+' : ''}${value.toFixed(1)}%`);

/** The side-by-side text report. */
export function twinText(input: TwinInput, width = 72): string {
  const runs = readRuns(input.realTraces);
  const shown = medianRun(runs);
  const real = realRunResult(shown);
  const { metrics: sim } = input.sim;
  const diff = diffOf(sim, real.metrics);
  const rows: string[][] = [
    ['', 'simulated', 'real', 'sim vs real'],
    ['wall time ms', formatMs(sim.wallMs, 'column'), formatMs(real.metrics.wallMs, 'column'), signed(diff.wallMs)],
    ['GIL hand-offs', String(sim.gilHandoffs), `${real.metrics.gilHandoffs} (seen in the trace)`, signed(diff.gilHandoffs)],
  ];
  for (const thread of sim.threads) {
    const other = real.metrics.threads.find((candidate) => candidate.name === thread.name);
    const change = diff.threads[thread.name];
    rows.push(
      [`${thread.name}: CPU ms`, formatMs(thread.cpuMs, 'column'), other ? formatMs(other.cpuMs, 'column') : '-', signed(change.cpuMs)],
      [`${thread.name}: GIL+CPU wait ms`, formatMs(thread.gilWaitMs + thread.cpuWaitMs, 'column'), other ? formatMs(other.gilWaitMs, 'column') : '-', signed(change.gilWaitMs)],
      [`${thread.name}: blocked ms`, formatMs(thread.blockedMs, 'column'), other ? formatMs(other.blockedMs, 'column') : '-', signed(change.blockedMs)],
    );
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const table = rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]) : cell.padStart(widths[column]))).join('  '));
  return [
    ...(input.title ? [input.title, ''] : []),
    `simulated: ${sim.runtime} on ${sim.cpus} CPU${sim.cpus === 1 ? '' : 's'}, ${input.bytecodeNs.toFixed(2)} ns per bytecode (measured)`,
    `real: ${realTraceLabel(shown)}, median of ${runs.length} run${runs.length === 1 ? '' : 's'} (wall ${runs.map((run) => formatMs(run.wallMs, 'column').trim()).join(', ')} ms)`,
    ...input.notes.map((note) => `note: ${note}`),
    '',
    ...table,
    '',
    'simulated',
    formatTimeline(input.sim.trace, width),
    '',
    `real (GIL and CPU waits both show as '.')`,
    formatTimeline(real.trace, width),
  ].join('\n');
}
