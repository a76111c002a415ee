/**
 * The run's numbers: one row per run (wall time, GIL hand-offs, failed acquires,
 * drop requests, CPU use), then per-thread CPU, GIL-wait and blocked time, then the
 * shared variables (final value, expected, updates lost) when the run has any.
 */
import { formatMs, formatPercent, type LabelledRun } from '../../timeline';
import { escapeHtml } from './html';

const count = (value: number) => value.toLocaleString('en-US');
const cell = (text: string) => `<td>${escapeHtml(text)}</td>`;

/** The tables, each in a keyboard-scrollable box. */
export function metricsMarkup(runs: readonly LabelledRun[]): string {
  const labelled = runs.some((run) => run.label);
  const label = (text: string | undefined, tag: 'th' | 'td') =>
    labelled ? (tag === 'th' ? `<th scope="row">${escapeHtml(text ?? '')}</th>` : `<td class="text">${escapeHtml(text ?? '')}</td>`) : '';
  const runRows = runs.map(({ label: text, result: { metrics } }) =>
    `<tr>${label(text, 'th')}${cell(formatMs(metrics.wallMs, 'prose'))}${cell(count(metrics.gilHandoffs))}${cell(count(metrics.failedAcquires))}`
    + `${cell(count(metrics.dropRequests))}${cell(formatPercent(metrics.cpuUtilization))}</tr>`).join('');
  const threadRows = runs.flatMap(({ label: text, result: { metrics } }) => metrics.threads.map((thread) =>
    `<tr>${label(text, 'td')}<th scope="row">${escapeHtml(thread.name)}</th>${cell(formatMs(thread.cpuMs, 'prose'))}`
    + `${cell(formatMs(thread.gilWaitMs, 'prose'))}${cell(formatMs(thread.blockedMs, 'prose'))}</tr>`)).join('');
  const runHead = labelled ? '<th scope="col" class="text">Run</th>' : '';
  const sharedRows = runs.flatMap(({ label: text, result: { shared } }) => shared.map((variable) =>
    `<tr>${label(text, 'td')}<th scope="row">${escapeHtml(variable.name)}</th>${cell(count(variable.value))}${cell(count(variable.expected))}`
    + `${cell(`${count(variable.lost)}${variable.expected > 0 ? ` (${formatPercent(variable.lost / variable.expected)})` : ''}`)}</tr>`)).join('');
  const sharedTable = sharedRows
    ? '<div class="table-scroll" tabindex="0" role="group" aria-label="Shared variables"><table class="gil-metrics-table"><caption>Shared variables</caption>'
      + `<thead><tr>${runHead}<th scope="col" class="text">Variable</th><th scope="col">Final value</th><th scope="col">Expected</th><th scope="col">Updates lost</th></tr></thead>`
      + `<tbody>${sharedRows}</tbody></table></div>`
    : '';
  return '<div class="gil-metrics">'
    + '<div class="table-scroll" tabindex="0" role="group" aria-label="Run figures"><table class="gil-metrics-table"><caption>Run figures</caption>'
    + `<thead><tr>${runHead}<th scope="col">Wall time (ms)</th><th scope="col">GIL hand-offs</th><th scope="col">Failed acquires</th><th scope="col">Drop requests</th><th scope="col">CPU use</th></tr></thead>`
    + `<tbody>${runRows}</tbody></table></div>`
    + '<div class="table-scroll" tabindex="0" role="group" aria-label="Time per thread"><table class="gil-metrics-table"><caption>Time per thread (ms)</caption>'
    + `<thead><tr>${runHead}<th scope="col" class="text">Thread</th><th scope="col">On a CPU</th><th scope="col">Waiting for the GIL</th><th scope="col">Blocked</th></tr></thead>`
    + `<tbody>${threadRows}</tbody></table></div>`
    + sharedTable
    + '</div>';
}
