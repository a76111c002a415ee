/**
 * What the Export menu produces, as strings: the trace as JSON, the metrics as CSV
 * and the timeline as SVG. Pure, so tests read the files a reader would get.
 */
import { suggestedPython } from '../python-export/real-trace';
import { columnRuns, type View } from '../timeline/columns';
import { traceLanes } from '../timeline/lanes';
import { backgrounds, type Theme } from '../timeline/palette';
import { timeTicks } from '../timeline/ticks';
import { metricRows, sharedRows, threadRows, type LabelledResult } from './result-rows';
import { writeTraceFile, type TraceFileContext } from './trace-file';
import { legendEntries, paintColour, textColour, threadKeyNote, tickTarget, timelineHeight, timelineMetrics } from './timeline/paint';

/**
 * How a reader records a real run of the scenario: the Python program the menu saves as
 * `<base>.py`, run with the Python the runtime names and --trace, writes the file
 * "Load a real trace" reads.
 */
export function realTraceCommand(base: string, runtime: string | undefined): string {
  return `${suggestedPython(runtime)} ${base}.py --trace ${base}-real-trace.json`;
}

/** Every run's trace and metrics as JSON, in the compact `gil-lab-trace/2` format (see trace-file.ts). */
export function traceJson(runs: readonly LabelledResult[], context: TraceFileContext): string {
  return writeTraceFile(runs, context);
}

/** Quote a CSV field when it needs it (RFC 4180). */
function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The metrics as CSV: one row per run-level metric and per thread figure, one column per run. */
export function metricsCsv(runs: readonly LabelledResult[]): string {
  const rows: (string | number)[][] = [['metric', 'unit', ...runs.map((run) => run.label)]];
  for (const row of metricRows) rows.push([row.label, row.unit ?? '', ...runs.map((run) => round(row.value(run.result.metrics)))]);
  for (const row of sharedRows(runs)) {
    for (const key of ['value', 'expected', 'lost'] as const) rows.push([`Shared ${row.name}: ${key}`, '', ...row.variables.map((variable) => variable?.[key] ?? '')]);
  }
  for (const row of threadRows(runs)) {
    for (const [label, key] of [['CPU time', 'cpuMs'], ['GIL wait', 'gilWaitMs'], ['CPU wait', 'cpuWaitMs'], ['Blocked', 'blockedMs']] as const) {
      rows.push([`${row.label}: ${label}`, 'ms', ...row.threads.map((thread) => (thread ? round(thread[key]) : ''))]);
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

/** A label cut to `length` characters with an ellipsis (SVG text cannot be measured here). */
function truncate(label: string, length: number): string {
  return label.length > length ? `${label.slice(0, length - 1)}…` : label;
}

/** Rough width of 11 px system-ui text, for laying out the SVG legend. */
const approximateCharWidth = 6.2;

/**
 * The timelines as one SVG (small multiples stacked on the shared window), at pixel
 * resolution, with the thread key beside each thread's name and the legend below.
 */
export function timelineSvg(runs: readonly LabelledResult[], view: View, options: { width: number; theme: Theme }): string {
  const { labelWidth, laneHeight, laneGap, top, swatch } = timelineMetrics;
  const plotWidth = options.width - labelWidth;
  const text = textColour(options.theme);
  const parts: string[] = [];
  let y = 0;
  for (const run of runs) {
    const lanes = traceLanes(run.result.trace);
    parts.push(`<text x="4" y="${y + 14}" font-weight="bold">${escapeXml(run.label)}</text>`);
    y += 20;
    lanes.forEach((lane, index) => {
      const laneY = y + top + index * (laneHeight + laneGap);
      let textX = 4;
      if (lane.threadKey) {
        parts.push(`<rect x="2" y="${laneY + 1}" width="${swatch}" height="${laneHeight - 2}" fill="${paintColour(lane.threadKey, options.theme)}"/>`);
        textX = swatch + 6;
      }
      parts.push(`<text x="${textX}" y="${laneY + laneHeight / 2 + 4}">${escapeXml(truncate(lane.label, Math.floor((labelWidth - textX - 4) / approximateCharWidth)))}</text>`);
      for (const run of columnRuns(lane, view, plotWidth)) {
        parts.push(`<rect x="${labelWidth + run.x0}" y="${laneY}" width="${run.x1 - run.x0}" height="${laneHeight}" fill="${paintColour(run.key, options.theme)}"/>`);
      }
    });
    const axisY = y + top + lanes.length * (laneHeight + laneGap);
    const scale = plotWidth / (view.end - view.start);
    for (const tick of timeTicks(view, tickTarget(plotWidth))) {
      const x = labelWidth + (tick.ms - view.start) * scale;
      parts.push(`<rect x="${x}" y="${axisY}" width="1" height="4" fill="${text}"/><text x="${x}" y="${axisY + 15}" text-anchor="middle">${tick.label}</text>`);
    }
    y += timelineHeight(lanes.length) + 8;
  }
  // The legend: the state colours in rows, then what the thread colours mean.
  let x = 4;
  y += 4;
  for (const entry of legendEntries(options.theme)) {
    const itemWidth = 14 + entry.label.length * approximateCharWidth + 16;
    if (x > 4 && x + itemWidth > options.width) {
      x = 4;
      y += 18;
    }
    parts.push(`<rect x="${x}" y="${y}" width="10" height="10" fill="${entry.colour}"/><text x="${x + 14}" y="${y + 9}">${escapeXml(entry.label)}</text>`);
    x += itemWidth;
  }
  y += 18;
  parts.push(`<text x="4" y="${y + 9}">${escapeXml(threadKeyNote)}</text>`);
  y += 18;
  const background = backgrounds[options.theme];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${options.width}" height="${y}" viewBox="0 0 ${options.width} ${y}" font-family="system-ui, sans-serif" font-size="11" fill="${text}">` +
    `<rect width="100%" height="100%" fill="${background}"/>${parts.join('')}</svg>\n`;
}
