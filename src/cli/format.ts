/**
 * Text output of the `gilsim` CLI: a metrics table and a compact timeline, one
 * character per time bucket, the state that filled most of the bucket.
 */

import type { RunResult, ThreadState, Trace } from '../sim/result';

/** One character per state in the text timeline. */
export const stateGlyph: Record<ThreadState, string> = {
  python: '#',
  native: '=',
  'gil-wait': '.',
  'cpu-wait': '-',
  blocked: '_',
};

const legend = 'legend: # Python  = C code  . waiting for the GIL  - waiting for a CPU  _ blocked  (blank: not started / finished)';

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function ms(value: number): string {
  if (value === 0) return '0';
  if (value < 0.01) return value.toFixed(4);
  if (value < 10) return value.toFixed(3);
  return value.toFixed(1);
}

/** The metrics as an aligned table. */
export function formatMetrics(result: RunResult): string {
  const { metrics } = result;
  const header = ['thread', 'cpu ms', 'python ms', 'C ms', 'GIL wait ms', 'CPU wait ms', 'blocked ms', 'end ms'];
  const rows = metrics.threads.map((thread) => [
    thread.name, ms(thread.cpuMs), ms(thread.pythonMs), ms(thread.nativeMs), ms(thread.gilWaitMs),
    ms(thread.cpuWaitMs), ms(thread.blockedMs), ms(thread.endMs),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => pad(cell, widths[column], column > 0)).join('  ');
  const latency = metrics.ioLatencyMs;
  return [
    `${metrics.runtime} on ${metrics.cpus} CPU${metrics.cpus === 1 ? '' : 's'}: wall time ${ms(metrics.wallMs)} ms, CPU utilisation ${(metrics.cpuUtilization * 100).toFixed(1)}%`,
    `GIL hand-offs ${metrics.gilHandoffs}, failed acquisitions ${metrics.failedAcquires}, drop requests ${metrics.dropRequests}, context switches ${metrics.contextSwitches}`,
    latency.count ? `I/O to running again: p50 ${ms(latency.p50)} ms, p99 ${ms(latency.p99)} ms, max ${ms(latency.max)} ms (${latency.count} wake-ups)` : '',
    '',
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
  ].filter((text, index) => text !== '' || index === 3).join('\n');
}

/** Per thread, the state occupying most of each of `width` equal time buckets. */
export function bucketStates(trace: Trace, width: number): Map<number, (ThreadState | null)[]> {
  const span = trace.endMs || 1;
  const lanes = new Map<number, Float64Array[]>();
  for (const thread of trace.threads) lanes.set(thread.id, [0, 1, 2, 3, 4].map(() => new Float64Array(width)));
  const order: ThreadState[] = ['python', 'native', 'gil-wait', 'cpu-wait', 'blocked'];
  for (const interval of trace.intervals) {
    const lane = lanes.get(interval.thread)![order.indexOf(interval.state)];
    let start = (interval.start / span) * width;
    const end = Math.min(width, (interval.end / span) * width);
    while (start < end) {
      const bucket = Math.min(width - 1, Math.floor(start));
      const next = Math.min(end, bucket + 1);
      lane[bucket] += next - start;
      start = next;
    }
  }
  const result = new Map<number, (ThreadState | null)[]>();
  for (const [thread, perState] of lanes) {
    result.set(thread, Array.from({ length: width }, (_, bucket) => {
      let best: ThreadState | null = null;
      let bestShare = 0;
      perState.forEach((shares, index) => {
        if (shares[bucket] > bestShare) {
          bestShare = shares[bucket];
          best = order[index];
        }
      });
      return best;
    }));
  }
  return result;
}

/** A compact text timeline: one row per thread, `width` characters across the run. */
export function formatTimeline(trace: Trace, width = 72): string {
  const buckets = bucketStates(trace, width);
  const nameWidth = Math.min(16, Math.max(...trace.threads.map((thread) => thread.name.length)));
  const rows = trace.threads.map((thread) => {
    const glyphs = buckets.get(thread.id)!.map((state) => (state ? stateGlyph[state] : ' ')).join('');
    return `${pad(thread.name.slice(0, nameWidth), nameWidth)} |${glyphs}|`;
  });
  const axis = `${' '.repeat(nameWidth)}  0${pad(`${ms(trace.endMs)} ms`, width - 1, true)}`;
  return [...rows, axis, legend].join('\n');
}

/** The whole CLI report. */
export function formatReport(result: RunResult, title?: string): string {
  return [title ? `${title}\n` : '', formatMetrics(result), '', formatTimeline(result.trace)].join('\n');
}
