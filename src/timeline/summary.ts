/** One-sentence descriptions of a run: the timeline's text alternative. */
import type { RunResult } from '../sim/result';
import { formatMs, formatPercent } from './format';

const plural = (count: number, word: string) => `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;

/**
 * E.g. "cpython-2.7 on 2 CPUs: 3 threads ran for 1,234 ms of wall time; the GIL changed hands
 * 412 times (37 failed acquires); the CPUs were 61% busy."
 */
export function summarizeRun(result: RunResult, label?: string): string {
  const { metrics, trace } = result;
  // A variant's label already names what differs (runtime, CPUs); without one, say both.
  const head = label ?? `${metrics.runtime} on ${plural(metrics.cpus, 'CPU')}`;
  const parts = [`${plural(trace.threads.length, 'thread')} ran for ${formatMs(metrics.wallMs, 'prose')} ms of wall time`];
  if (trace.interpreters.some((interpreter) => interpreter.hasGil)) {
    const extras = [
      metrics.failedAcquires > 0 ? plural(metrics.failedAcquires, 'failed acquire') : '',
      metrics.dropRequests > 0 ? plural(metrics.dropRequests, 'drop request') : '',
    ].filter(Boolean);
    parts.push(`the GIL changed hands ${plural(metrics.gilHandoffs, 'time')}${extras.length ? ` (${extras.join(', ')})` : ''}`);
  } else {
    parts.push('there is no GIL');
  }
  parts.push(`the CPUs were ${formatPercent(metrics.cpuUtilization)} busy`);
  for (const variable of result.shared) {
    const value = `${variable.name} ended at ${variable.value.toLocaleString('en-US')} of ${variable.expected.toLocaleString('en-US')}`;
    parts.push(variable.lost > 0 ? `${value}: ${plural(variable.lost, 'update')} lost` : `${value}: no update lost`);
  }
  return `${head}: ${parts.join('; ')}.`;
}
