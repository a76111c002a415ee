/**
 * Text output of the `gilsim` CLI: a metrics table and a compact timeline, one
 * character per pixel column of the timeline core (`columnRuns`, through
 * `threadColumnRuns`), so the text shows what the build-time SVG and the
 * playground's canvas show at that width.
 */

import type { RunResult, ThreadState, Trace } from '../sim/result';
import { formatMs } from '../timeline/format';
import { lostUpdateTimes, threadColumnRuns } from '../timeline/lanes';

/** One character per state in the text timeline. */
export const stateGlyph: Record<ThreadState, string> = {
  python: '#',
  native: '=',
  'gil-wait': '.',
  'cpu-wait': '-',
  blocked: '_',
};

const legend = 'legend: # Python  = C code  . waiting for the GIL  - waiting for a CPU  _ blocked  (blank: not started / finished)';
/** Marks the column where a thread wrote back a stale value of a shared variable. */
const lostGlyph = '!';
const lostLegend = `        ${lostGlyph} (row "lost") a lost update: a thread wrote back a stale value, wiping out other threads' updates`;

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/** The metrics as an aligned table. */
export function formatMetrics(result: RunResult): string {
  const { metrics } = result;
  const header = ['thread', 'cpu ms', 'python ms', 'C ms', 'GIL wait ms', 'CPU wait ms', 'blocked ms', 'end ms'];
  const rows = metrics.threads.map((thread) => [
    thread.name, formatMs(thread.cpuMs, 'column'), formatMs(thread.pythonMs, 'column'), formatMs(thread.nativeMs, 'column'), formatMs(thread.gilWaitMs, 'column'),
    formatMs(thread.cpuWaitMs, 'column'), formatMs(thread.blockedMs, 'column'), formatMs(thread.endMs, 'column'),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => pad(cell, widths[column], column > 0)).join('  ');
  const latency = metrics.ioLatencyMs;
  return [
    `${metrics.runtime} on ${metrics.cpus} CPU${metrics.cpus === 1 ? '' : 's'}: wall time ${formatMs(metrics.wallMs, 'column')} ms, CPU utilisation ${(metrics.cpuUtilization * 100).toFixed(1)}%`,
    `GIL hand-offs ${metrics.gilHandoffs}, failed acquisitions ${metrics.failedAcquires}, drop requests ${metrics.dropRequests}, context switches ${metrics.contextSwitches}`,
    latency.count ? `I/O to running again: p50 ${formatMs(latency.p50, 'column')} ms, p99 ${formatMs(latency.p99, 'column')} ms, max ${formatMs(latency.max, 'column')} ms (${latency.count} wake-ups)` : '',
    '',
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
    ...sharedLines(result),
  ].filter((text, index) => text !== '' || index === 3).join('\n');
}

/** One line per shared variable: its value, what it should be, and the updates lost. */
function sharedLines({ shared }: RunResult): string[] {
  if (!shared.length) return [];
  const count = (value: number) => value.toLocaleString('en-US');
  return ['', ...shared.map((variable) => `shared ${variable.name}: ${count(variable.value)} (expected ${count(variable.expected)}, lost ${
    count(variable.lost)}${variable.expected > 0 ? `, ${(100 * variable.lost / variable.expected).toFixed(1)}%` : ''})`)];
}

/** A compact text timeline: one row per thread, `width` characters across the run. */
export function formatTimeline(trace: Trace, width = 72): string {
  const view = { start: 0, end: trace.endMs };
  const nameWidth = Math.min(16, Math.max(0, ...trace.threads.map((thread) => thread.name.length)));
  // From the engine's columns: a 10,000-thread run would otherwise build a million interval objects for 72 characters a thread.
  const runs = threadColumnRuns(trace, view, width);
  const rows = trace.threads.map((thread, index) => {
    const glyphs = new Array<string>(width).fill(' ');
    for (const run of runs[index]) glyphs.fill(stateGlyph[run.key as ThreadState] ?? '?', run.x0, run.x1);
    return `${pad(thread.name.slice(0, nameWidth), nameWidth)} |${glyphs.join('')}|`;
  });
  const axis = `${' '.repeat(nameWidth)}  0${pad(`${formatMs(trace.endMs, 'column')} ms`, width - 1, true)}`;
  // Lost updates get a row of their own under the threads, so each thread's row keeps its states.
  const marks = [...lostUpdateTimes(trace).values()].flat();
  const lostRow = new Array<string>(width).fill(' ');
  for (const ms of marks) lostRow[Math.min(width - 1, Math.floor((ms / (trace.endMs || 1)) * width))] = lostGlyph;
  const lost = marks.length ? [`${pad('lost'.slice(0, Math.max(nameWidth, 4)), nameWidth)} |${lostRow.join('')}|`] : [];
  return [...rows, ...lost, axis, legend, ...(marks.length ? [lostLegend] : [])].join('\n');
}

/** The whole CLI report. */
export function formatReport(result: RunResult, title?: string): string {
  return [title ? `${title}\n` : '', formatMetrics(result), '', formatTimeline(result.trace)].join('\n');
}
