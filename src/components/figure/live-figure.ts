/**
 * A chapter figure's result, redrawn in the browser: the timeline, the summary and the
 * tables, from the same markup builders as the build-time figure, so a turned knob
 * shows exactly what the build would have drawn for that setting.
 *
 * This is the one place a live figure is drawn; anything that adds to it (a playhead,
 * an event list) subscribes with `onRender` and gets every new result.
 */
import type { LabelledRun } from '../../timeline';
import { metricsMarkup } from './metrics-markup';
import { summaryMarkup } from './summary-markup';
import { timelineMarkup } from './timeline-markup';

export class LiveFigure {
  readonly #timeline: HTMLElement;
  readonly #summary: HTMLElement;
  readonly #metrics: HTMLElement;
  readonly #summaryId: string;
  readonly #listeners: ((runs: readonly LabelledRun[]) => void)[] = [];
  /** The runs drawn last (undefined while the build-time result is shown). */
  runs: readonly LabelledRun[] | undefined;

  /** `result` is the figure's `.gil-result`, holding the three slots the build filled. */
  constructor(readonly result: HTMLElement) {
    const slot = (name: string) => {
      const found = result.querySelector<HTMLElement>(`.gil-${name}-slot`);
      if (!found) throw new Error(`live figure: no .gil-${name}-slot in the figure`);
      return found;
    };
    this.#timeline = slot('timeline');
    this.#summary = slot('summary');
    this.#metrics = slot('metrics');
    this.#summaryId = this.#summary.querySelector('.gil-summary')?.id ?? `${result.id || 'gil-figure'}-summary`;
  }

  /** Draw `runs` in place of what is shown. */
  render(runs: readonly LabelledRun[]): void {
    this.#timeline.innerHTML = timelineMarkup(runs, this.#summaryId);
    this.#summary.innerHTML = summaryMarkup(runs, this.#summaryId);
    this.#metrics.innerHTML = metricsMarkup(runs);
    this.runs = runs;
    this.result.dataset.renders = String(Number(this.result.dataset.renders ?? 0) + 1);
    for (const listener of this.#listeners) listener(runs);
  }

  /** Call `listener` after every redraw. */
  onRender(listener: (runs: readonly LabelledRun[]) => void): void {
    this.#listeners.push(listener);
  }
}
