/**
 * The result panes: timelines (small multiples on one time axis), the legend,
 * the metrics table (one column per run) and the console. Rebuilt on every run;
 * replays what the runner returned and nothing else.
 */
import { formatMs, sharedEnd } from './timeline/geometry';
import { legendEntries } from './timeline/paint';
import { currentTheme, TimelineView, TimeWindow } from './timeline/timeline-view';
import { metricRows, type LabelledResult } from './downloads';
import type { VariantOutcome } from './protocol';

export class ResultsView {
  readonly element: HTMLElement;
  #timelines: TimelineView[] = [];
  #window: TimeWindow | undefined;
  #runs: LabelledResult[] = [];
  #onHoverLine: (line: number | undefined) => void;

  constructor(onHoverLine: (line: number | undefined) => void) {
    this.#onHoverLine = onHoverLine;
    this.element = document.createElement('section');
    this.element.className = 'gil-results';
    this.element.setAttribute('aria-label', 'Run result');
    this.element.hidden = true;
  }

  /** The successful runs shown now (for export). */
  get runs(): readonly LabelledResult[] {
    return this.#runs;
  }

  get timelines(): readonly TimelineView[] {
    return this.#timelines;
  }

  get window(): TimeWindow | undefined {
    return this.#window;
  }

  /** Show a new set of outcomes (one per variant). */
  show(outcomes: readonly VariantOutcome[]): void {
    this.clear();
    this.#runs = outcomes.flatMap((outcome) => (outcome.ok ? [{ label: outcome.label, result: outcome.result }] : []));
    this.element.hidden = false;
    const timelines = document.createElement('div');
    timelines.className = 'gil-timelines';
    if (this.#runs.length) {
      this.#window = new TimeWindow(sharedEnd(this.#runs.map((run) => run.result)));
      for (const outcome of outcomes) {
        if (!outcome.ok) {
          const failed = document.createElement('p');
          failed.className = 'gil-run-error';
          failed.textContent = `${outcome.label}: ${outcome.error.message}`;
          timelines.append(failed);
          continue;
        }
        const view = new TimelineView(outcome.result, outcome.label, this.#window, this.#onHoverLine);
        this.#timelines.push(view);
        timelines.append(view.element);
      }
      const reset = document.createElement('button');
      reset.type = 'button';
      reset.className = 'gil-zoom-reset';
      reset.textContent = 'Show the whole run';
      reset.addEventListener('click', () => this.#window?.reset());
      this.element.append(timelines, this.#legend(), reset, this.#metricsTable(), this.#console());
    } else {
      this.element.append(timelines);
    }
  }

  /** Outline the intervals of a scenario line in every timeline. */
  highlightLine(line: number | undefined): void {
    for (const timeline of this.#timelines) timeline.highlightLine(line);
  }

  clear(): void {
    for (const timeline of this.#timelines) timeline.dispose();
    this.#timelines = [];
    this.#runs = [];
    this.element.replaceChildren();
  }

  #legend(): HTMLElement {
    const legend = document.createElement('ul');
    legend.className = 'gil-legend';
    for (const entry of legendEntries(currentTheme())) {
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'gil-swatch';
      swatch.style.background = entry.colour;
      item.append(swatch, entry.label);
      legend.append(item);
    }
    const note = document.createElement('li');
    note.textContent = 'GIL and CPU lanes: coloured by thread';
    legend.append(note);
    return legend;
  }

  #metricsTable(): HTMLElement {
    const table = document.createElement('table');
    table.className = 'gil-metrics';
    const caption = table.createCaption();
    caption.textContent = 'Metrics';
    const head = table.createTHead().insertRow();
    const corner = document.createElement('th');
    corner.textContent = 'Metric';
    head.append(corner);
    for (const run of this.#runs) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = run.label;
      head.append(th);
    }
    const body = table.createTBody();
    const addRow = (label: string, cells: string[]) => {
      const row = body.insertRow();
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = label;
      row.append(th);
      for (const cell of cells) row.insertCell().textContent = cell;
    };
    for (const metric of metricRows) {
      addRow(metric.label, this.#runs.map((run) => {
        const value = metric.value(run.result.metrics);
        if (metric.unit === 'ms') return formatMs(value);
        if (metric.unit === '%') return `${Math.round(value)}%`;
        return value.toLocaleString('en-US');
      }));
    }
    const names = [...new Set(this.#runs.flatMap((run) => run.result.metrics.threads.map((thread) => thread.name)))];
    for (const name of names) {
      addRow(`${name}: CPU / GIL wait`, this.#runs.map((run) => {
        const thread = run.result.metrics.threads.find((t) => t.name === name);
        return thread ? `${formatMs(thread.cpuMs)} / ${formatMs(thread.gilWaitMs)}` : '—';
      }));
    }
    return table;
  }

  #console(): HTMLElement {
    const details = document.createElement('details');
    details.className = 'gil-console';
    details.open = true;
    const summary = document.createElement('summary');
    const lines = this.#runs.flatMap((run) => {
      const names = new Map(run.result.trace.threads.map((thread) => [thread.id, thread.name]));
      return run.result.trace.console.map((line) => `${this.#runs.length > 1 ? `[${run.label}] ` : ''}${formatMs(line.time).padStart(9)}  ${names.get(line.thread) ?? line.thread}: ${line.text}`);
    });
    summary.textContent = `Console (${lines.length} line${lines.length === 1 ? '' : 's'})`;
    const output = document.createElement('pre');
    output.className = 'gil-console-output';
    output.textContent = lines.length ? lines.join('\n') : 'No log(...) output.';
    details.append(summary, output);
    return details;
  }
}
