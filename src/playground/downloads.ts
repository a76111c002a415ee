/**
 * What the Export menu produces, as strings: the trace as JSON, the metrics as CSV
 * and the timeline as SVG. Pure, so tests read the files a reader would get.
 */
import type { Metrics, RunResult } from '../sim/result';
import type { Theme } from '../timeline/palette';
import { formatMs, pixelRuns, timeTicks, traceLanes, type View } from './timeline/geometry';
import { paintColour, timelineHeight, timelineMetrics } from './timeline/paint';

/** A finished run with its label. */
export interface LabelledResult {
  label: string;
  result: RunResult;
}

/** Every run's trace and metrics, with the scenario source and the settings, as JSON. */
export function traceJson(runs: readonly LabelledResult[], context: { scenarioId: string; simVersion: string }): string {
  return JSON.stringify({ format: 'gil-lab-trace/1', ...context, runs }, null, 1);
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

/** Quote a CSV field when it needs it (RFC 4180). */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The metrics as CSV: one row per run-level metric and per thread figure, one column per run. */
export function metricsCsv(runs: readonly LabelledResult[]): string {
  const rows: (string | number)[][] = [['metric', 'unit', ...runs.map((run) => run.label)]];
  for (const row of metricRows) rows.push([row.label, row.unit ?? '', ...runs.map((run) => round(row.value(run.result.metrics)))]);
  const threadNames = [...new Set(runs.flatMap((run) => run.result.metrics.threads.map((thread) => thread.name)))];
  for (const name of threadNames) {
    for (const [label, key] of [['CPU time', 'cpuMs'], ['GIL wait', 'gilWaitMs'], ['CPU wait', 'cpuWaitMs'], ['Blocked', 'blockedMs']] as const) {
      rows.push([`${name}: ${label}`, 'ms', ...runs.map((run) => {
        const thread = run.result.metrics.threads.find((t) => t.name === name);
        return thread ? round(thread[key]) : '';
      })]);
    }
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}

function round(value: number): number {
  return Number(value.toPrecision(6));
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[char] ?? char);
}

/** The timelines as one SVG (small multiples stacked on the shared window), at pixel resolution. */
export function timelineSvg(runs: readonly LabelledResult[], view: View, options: { width: number; theme: Theme }): string {
  const { labelWidth, laneHeight, laneGap, top } = timelineMetrics;
  const plotWidth = options.width - labelWidth;
  const text = options.theme === 'dark' ? '#e6e8eb' : '#1f2328';
  const parts: string[] = [];
  let y = 0;
  for (const run of runs) {
    const lanes = traceLanes(run.result.trace);
    parts.push(`<text x="4" y="${y + 14}" font-weight="bold">${escapeXml(run.label)}</text>`);
    y += 20;
    lanes.forEach((lane, index) => {
      const laneY = y + top + index * (laneHeight + laneGap);
      parts.push(`<text x="4" y="${laneY + laneHeight / 2 + 4}">${escapeXml(lane.label)}</text>`);
      for (const pixels of pixelRuns(lane, view, plotWidth)) {
        parts.push(`<rect x="${labelWidth + pixels.x0}" y="${laneY}" width="${pixels.x1 - pixels.x0}" height="${laneHeight}" fill="${paintColour(pixels.paint, options.theme)}"/>`);
      }
    });
    const axisY = y + top + lanes.length * (laneHeight + laneGap);
    const scale = plotWidth / (view.end - view.start);
    for (const tick of timeTicks(view, Math.max(2, Math.floor(plotWidth / 90)))) {
      const x = labelWidth + (tick - view.start) * scale;
      parts.push(`<rect x="${x}" y="${axisY}" width="1" height="4" fill="${text}"/><text x="${x}" y="${axisY + 15}" text-anchor="middle">${formatMs(tick)}</text>`);
    }
    y += timelineHeight(lanes.length) + 8;
  }
  const background = options.theme === 'dark' ? '#15171c' : '#ffffff';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${options.width}" height="${y}" viewBox="0 0 ${options.width} ${y}" font-family="system-ui, sans-serif" font-size="11" fill="${text}">` +
    `<rect width="100%" height="100%" fill="${background}"/>${parts.join('')}</svg>\n`;
}
