/** The Export menu: the shown runs as trace JSON, metrics CSV, timeline SVG or PNG files, the Python program, and a real run's trace loaded back. */
import { metricsCsv, realTraceCommand, timelineSvg, traceJson } from './export-files';
import type { ResultsView } from './results-view';
import { currentTheme } from './timeline/timeline-view';

/** Save `content` as a file named `name`. */
function download(name: string, type: string, content: BlobPart): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The timelines stacked into one PNG, at twice the pixels. */
function timelinePng(results: ResultsView, name: string): void {
  const canvases = results.timelines.map((timeline) => timeline.renderTo(document.createElement('canvas'), 1200));
  const sheet = document.createElement('canvas');
  sheet.width = Math.max(1, ...canvases.map((canvas) => canvas.width));
  sheet.height = Math.max(1, canvases.reduce((sum, canvas) => sum + canvas.height, 0));
  const context = sheet.getContext('2d');
  let y = 0;
  for (const canvas of canvases) {
    context?.drawImage(canvas, 0, y);
    y += canvas.height;
  }
  sheet.toBlob((blob) => blob && download(name, 'image/png', blob), 'image/png');
}

/**
 * How to get a real trace (the command, for the program saved above) and the control that
 * loads one; a file can also be dropped on the results (app.ts).
 */
function realRunPart(base: string, context: { runtime: () => string | undefined; loadRealTrace: (file: File) => void }): HTMLElement {
  const part = document.createElement('div');
  part.className = 'gil-real-trace';
  const how = document.createElement('p');
  const command = document.createElement('code');
  command.dataset.realTraceCommand = '';
  const update = () => (command.textContent = realTraceCommand(base, context.runtime()));
  update();
  how.append('Real run: save the Python program, then run ', command,
    ' on your machine and load the file here (or drop it on the results). It is drawn below the simulated runs.');
  const label = document.createElement('label');
  label.textContent = 'Load a real trace ';
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = '.json,application/json';
  input.dataset.action = 'load-real-trace';
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) context.loadRealTrace(file);
  });
  label.append(input);
  part.append(how, label);
  part.addEventListener('focusin', update);
  part.addEventListener('pointerenter', update);
  return part;
}

/** A closed `<details>` menu, hidden until there is a result to export. */
export function createExportMenu(
  results: ResultsView,
  context: {
    scenarioId: string;
    simVersion: string;
    pythonProgram: () => Promise<string | undefined>;
    /** The runtime the form (or the code) simulates now: which Python the command names. */
    runtime: () => string | undefined;
    /** A real run's trace file the reader chose. */
    loadRealTrace: (file: File) => void;
  },
): HTMLDetailsElement {
  const menu = document.createElement('details');
  menu.className = 'gil-export';
  menu.hidden = true;
  const summary = document.createElement('summary');
  summary.textContent = 'Export';
  menu.append(summary);
  const base = context.scenarioId.replace(/[^\w-]+/g, '-');
  const items: [string, string, () => void][] = [
    ['Trace (JSON)', 'export-json', () => download(`${base}-trace.json`, 'application/json', traceJson(results.runs, context))],
    ['Metrics (CSV)', 'export-csv', () => download(`${base}-metrics.csv`, 'text/csv', metricsCsv(results.runs))],
    ['Timeline (SVG)', 'export-svg', () => {
      const view = results.window?.view;
      if (view) download(`${base}-timeline.svg`, 'image/svg+xml', timelineSvg(results.runs, view, { width: 1200, theme: currentTheme() }));
    }],
    ['Timeline (PNG)', 'export-png', () => timelinePng(results, `${base}-timeline.png`)],
    ['Python program (.py)', 'export-python', async () => {
      const program = await context.pythonProgram();
      if (program !== undefined) download(`${base}.py`, 'text/x-python', program);
    }],
  ];
  for (const [label, action, handler] of items) {
    const item = document.createElement('button');
    item.type = 'button';
    item.textContent = label;
    item.dataset.action = action;
    item.addEventListener('click', handler);
    menu.append(item);
  }
  menu.append(realRunPart(base, context));
  return menu;
}
