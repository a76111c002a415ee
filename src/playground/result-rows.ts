/**
 * What the results table shows: the run metrics row by row and the threads of every
 * run lined up by name. Shared by the on-screen table and the CSV download. Pure.
 */
import type { Metrics, RunResult, SharedResult, ThreadMetrics } from '../sim/result';

/** A finished run with its label. */
export interface LabelledResult {
  label: string;
  result: RunResult;
}

/** Metric rows shared by the on-screen table and the CSV. */
export const metricRows: { label: string; value: (metrics: Metrics) => number; unit?: string }[] = [
  { label: 'Wall time', value: (m) => m.wallMs, unit: 'ms' },
  { label: 'CPU utilisation', value: (m) => m.cpuUtilization * 100, unit: '%' },
  { label: 'GIL hand-offs', value: (m) => m.gilHandoffs },
  { label: 'Failed acquires', value: (m) => m.failedAcquires },
  { label: 'Drop requests', value: (m) => m.dropRequests },
  { label: 'GIL checks', value: (m) => m.gilChecks },
  { label: 'Context switches', value: (m) => m.contextSwitches },
  { label: 'I/O latency p50', value: (m) => m.ioLatencyMs.p50, unit: 'ms' },
  { label: 'I/O latency p99', value: (m) => m.ioLatencyMs.p99, unit: 'ms' },
  { label: 'Simulator events', value: (m) => m.simEvents },
];

/** One thread's figures in every run (undefined where a run has no such thread). */
export interface ThreadRow {
  label: string;
  threads: (ThreadMetrics | undefined)[];
}

/**
 * The threads of every run, lined up by name: one row per thread, a cell per run.
 * Names may repeat (30,000 threads called "worker"): the k-th thread of a name in one
 * run lines up with the k-th of that name in the others, labelled "worker (k)". One
 * pass over the threads (a search per row made 30,000 threads take seconds).
 */
export function threadRows(runs: readonly LabelledResult[]): ThreadRow[] {
  const rows: ThreadRow[] = [];
  const rowOf = new Map<string, ThreadRow>();
  runs.forEach((run, column) => {
    const seen = new Map<string, number>();
    for (const thread of run.result.metrics.threads) {
      const occurrence = (seen.get(thread.name) ?? 0) + 1;
      seen.set(thread.name, occurrence);
      const key = `${occurrence}\u0000${thread.name}`;
      let row = rowOf.get(key);
      if (!row) {
        row = { label: occurrence > 1 ? `${thread.name} (${occurrence})` : thread.name, threads: new Array(runs.length).fill(undefined) };
        rowOf.set(key, row);
        rows.push(row);
      }
      row.threads[column] = thread;
    }
  });
  return rows;
}

/** One shared variable in every run (undefined where a run did not update it). */
export interface SharedRow {
  name: string;
  variables: (SharedResult | undefined)[];
}

/** The shared variables of every run, lined up by name, in the order first seen. */
export function sharedRows(runs: readonly LabelledResult[]): SharedRow[] {
  const rows = new Map<string, SharedRow>();
  runs.forEach((run, column) => {
    for (const variable of run.result.shared) {
      let row = rows.get(variable.name);
      if (!row) rows.set(variable.name, (row = { name: variable.name, variables: new Array(runs.length).fill(undefined) }));
      row.variables[column] = variable;
    }
  });
  return [...rows.values()];
}

/** A shared variable's cell: its value against what it should be, and the updates lost. */
export function sharedCell(variable: SharedResult | undefined): string {
  if (!variable) return '—';
  const count = (value: number) => value.toLocaleString('en-US');
  return `${count(variable.value)} of ${count(variable.expected)} (${variable.lost === 0 ? 'none lost' : `${count(variable.lost)} lost`})`;
}
