/**
 * The result panes: timelines (small multiples on one time axis), the legend,
 * the metrics table (one column per run) and the console. Rebuilt on every run;
 * replays what the runner returned and nothing else. Building them takes time in
 * proportion to the result: the table shows the first threads and adds more on
 * request (every thread is in the CSV export), the timelines paint only the lanes
 * in view.
 */
import { formatMs } from '../timeline/format';
import { sharedEnd, zoomView } from './timeline/geometry';
import { legendEntries, threadKeyNote } from './timeline/paint';
import { currentTheme, TimelineView, TimeWindow } from './timeline/timeline-view';
import { metricRows, sharedCell, sharedRows, threadRows, type LabelledResult, type ThreadRow } from './result-rows';
import type { VariantOutcome } from './protocol';
import { MomentIndex, type Moment } from '../timeline/moment';
import { Playhead } from '../playhead/playhead';
import { GilEventList } from '../playhead/event-list';
import { describeGilEvent } from '../timeline/gil-causes';

/** Thread rows in the metrics table at first, and added by each "Show more". */
export const threadRowsPerPage = 50;

export class ResultsView {
  readonly element: HTMLElement;
  #timelines: TimelineView[] = [];
  #playheads: { playhead: Playhead; events: GilEventList }[] = [];
  #window: TimeWindow | undefined;
  #runs: LabelledResult[] = [];
  #outcomes: readonly VariantOutcome[] = [];
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
    this.#outcomes = outcomes;
    this.#draw(outcomes);
  }

  /**
   * Add a run to those the last `show` drew (a real run's trace, loaded from a file): all
   * are drawn again on one time axis, the new one last. A real run loaded before is replaced.
   */
  addRun(run: LabelledResult): void {
    this.#draw([...this.#outcomes, { ok: true, label: run.label, result: run.result }]);
  }

  #draw(outcomes: readonly VariantOutcome[]): void {
    const started = performance.now();
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
        const playhead = new Playhead({
          index: new MomentIndex(outcome.result.trace),
          axis: view.playheadAxis(),
          describe: describeGilEvent,
          label: outcome.label,
          onMoment: (moment) => this.#onHoverLine(lineInFocus(moment)),
        });
        const events = new GilEventList(playhead, describeGilEvent);
        this.#playheads.push({ playhead, events });
        view.stage.append(playhead.overlay);
        view.element.append(playhead.controls, playhead.caption, events.element);
        timelines.append(view.element);
      }
      // The zoom controls above the timelines they act on: below, each run's playhead and event list would push them out of sight.
      this.element.append(this.#zoomButtons(), this.#gestureHint(), timelines, this.#legend(), ...this.#metricsTable(), this.#console());
    } else {
      this.element.append(timelines);
    }
    // Read by the benchmark (bench/playground.mjs): how long building the results took.
    this.element.dataset.renderMs = (performance.now() - started).toFixed(1);
  }

  /** Outline the intervals of a scenario line in every timeline. */
  highlightLine(line: number | undefined): void {
    for (const timeline of this.#timelines) timeline.highlightLine(line);
  }

  clear(): void {
    for (const { playhead, events } of this.#playheads) {
      playhead.dispose();
      events.dispose();
    }
    this.#playheads = [];
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
    note.textContent = threadKeyNote;
    legend.append(note);
    return legend;
  }

  /** How to zoom and pan, for the pointer the reader has. */
  #gestureHint(): HTMLElement {
    const hint = document.createElement('p');
    hint.className = 'gil-hint';
    hint.textContent = matchMedia('(pointer: coarse)').matches
      ? 'Pinch the timeline to zoom, drag it sideways to pan; swiping up and down scrolls the page.'
      : 'Ctrl/⌘ + wheel (or pinch) zooms the timeline, drag or Shift + wheel pans; on a focused timeline, + − ← → and 0.';
    return hint;
  }

  /** Zoom and reset buttons for the shared time window (for readers without a wheel or a pinch). */
  #zoomButtons(): HTMLElement {
    const group = document.createElement('div');
    group.className = 'gil-zoom';
    const zoom = (factor: number) => {
      const window = this.#window;
      if (!window) return;
      const view = window.view;
      window.view = zoomView(view, factor, (view.start + view.end) / 2, window.total);
    };
    for (const [label, action, handler] of [
      ['Zoom in', 'zoom-in', () => zoom(2)],
      ['Zoom out', 'zoom-out', () => zoom(1 / 2)],
      ['Show the whole run', 'zoom-reset', () => this.#window?.reset()],
    ] as const) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'gil-zoom-reset';
      button.dataset.action = action;
      button.textContent = label;
      button.addEventListener('click', handler);
      group.append(button);
    }
    return group;
  }

  /** The table, then (when there are many threads) how many are shown and a "Show more" button. */
  #metricsTable(): HTMLElement[] {
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
      const row = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = label;
      row.append(th);
      for (const cell of cells) row.insertCell().textContent = cell;
      return row;
    };
    for (const metric of metricRows) {
      body.append(addRow(metric.label, this.#runs.map((run) => {
        const value = metric.value(run.result.metrics);
        if (metric.unit === 'ms') return formatMs(value);
        if (metric.unit === '%') return `${Math.round(value)}%`;
        return value.toLocaleString('en-US');
      })));
    }
    for (const shared of sharedRows(this.#runs)) body.append(addRow(`Shared ${shared.name}`, shared.variables.map(sharedCell)));
    const threads = threadRows(this.#runs);
    let shown = 0;
    const showThreads = (count: number) => {
      const rows = document.createDocumentFragment();
      for (const thread of threads.slice(shown, shown + count)) {
        rows.append(addRow(`${thread.label}: CPU / GIL wait`, thread.threads.map(threadCell)));
      }
      body.append(rows);
      shown = Math.min(threads.length, shown + count);
    };
    showThreads(threadRowsPerPage);
    if (shown === threads.length) return [table];
    // Many threads: a page at a time, with the count said aloud as it changes.
    const more = document.createElement('p');
    more.className = 'gil-metrics-more';
    const count = document.createElement('span');
    count.setAttribute('role', 'status');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.action = 'more-threads';
    button.className = 'gil-zoom-reset';
    const update = () => {
      const total = threads.length.toLocaleString('en-US');
      count.textContent = shown === threads.length
        ? `All ${total} threads shown.`
        : `Showing ${shown.toLocaleString('en-US')} of ${total} threads (Export → Metrics (CSV) has them all). `;
      button.textContent = `Show ${Math.min(threadRowsPerPage * 4, threads.length - shown).toLocaleString('en-US')} more threads`;
      button.hidden = shown === threads.length;
    };
    button.addEventListener('click', () => {
      showThreads(threadRowsPerPage * 4);
      update();
    });
    update();
    more.append(count, button);
    return [table, more];
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

/** A thread's cell in the metrics table. */
function threadCell(thread: ThreadRow['threads'][number]): string {
  return thread ? `${formatMs(thread.cpuMs)} / ${formatMs(thread.gilWaitMs)}` : '—';
}

/** The source line to highlight at a moment: the GIL holder's, else the first thread running with a line. */
function lineInFocus(moment: Moment): number | undefined {
  const holder = moment.gilHolders.find((gil) => gil.thread)?.thread;
  const running = moment.threads.filter((thread) => thread.line && (thread.state === 'python' || thread.state === 'native'));
  return (running.find((thread) => thread.thread.id === holder?.id) ?? running[0])?.line;
}
