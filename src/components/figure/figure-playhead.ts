/**
 * The playhead on a live chapter figure: the same `Playhead` as the playground's, laid
 * over the figure's SVG timeline (its plot sits between the CSS variables
 * `--label-width` and `--plot-end` of `.gil-timeline-area`), with its controls, caption
 * and "What happened" list under the timeline. Small multiples share one time axis, so
 * one playhead serves them all; a "Narrate" choice says which run the caption describes.
 * A redraw (a turned knob) rebuilds it at the same time.
 */
import type { LabelledRun } from '../../timeline';
import { MomentIndex } from '../../timeline/moment';
import { describeGilEvent } from '../../timeline/gil-causes';
import { Playhead, type PlayheadAxis } from '../../playhead/playhead';
import { GilEventList } from '../../playhead/event-list';
import playheadStyles from '../../playhead/playhead.css?inline';
import type { LiveFigure } from './live-figure';

let styled = false;

function addStyles(): void {
  if (styled) return;
  styled = true;
  const style = document.createElement('style');
  style.textContent = playheadStyles;
  document.head.append(style);
}

export class FigurePlayhead {
  readonly #live: LiveFigure;
  readonly #slot: HTMLElement;
  #runs: readonly LabelledRun[] = [];
  #narrated = 0;
  #parts: { playhead: Playhead; events: GilEventList } | undefined;
  #listeners = new Set<() => void>();

  /** `runs` are what the figure shows now (the build's, until a knob is turned). */
  constructor(live: LiveFigure, runs: readonly LabelledRun[]) {
    addStyles();
    this.#live = live;
    this.#slot = document.createElement('div');
    this.#slot.className = 'gil-figure-playhead';
    live.result.querySelector('.gil-timeline-slot')?.after(this.#slot);
    live.onRender((next) => this.show(next));
    this.show(runs);
  }

  show(runs: readonly LabelledRun[]): void {
    const time = this.#parts?.playhead.time ?? 0;
    this.#runs = runs;
    if (this.#narrated >= runs.length) this.#narrated = runs.length - 1;
    this.#build(time);
  }

  #build(time: number): void {
    this.#parts?.playhead.dispose();
    this.#parts?.events.dispose();
    this.#parts = undefined;
    this.#slot.replaceChildren();
    const run = this.#runs[this.#narrated];
    const area = this.#live.result.querySelector<HTMLElement>('.gil-timeline-area');
    if (!run || !area) return;
    const end = Math.max(0, ...this.#runs.map((each) => each.result.trace.endMs));
    const axis: PlayheadAxis = {
      view: () => ({ start: 0, end }),
      subscribe: (listener) => {
        this.#listeners.add(listener);
        return () => this.#listeners.delete(listener);
      },
      inset: { left: 'var(--label-width)', right: 'var(--plot-end)' },
    };
    const label = run.label ?? `${run.result.metrics.runtime}, ${run.result.metrics.cpus} CPUs`;
    const playhead = new Playhead({ index: new MomentIndex(run.result.trace), axis, describe: describeGilEvent, label });
    const events = new GilEventList(playhead, describeGilEvent);
    area.append(playhead.overlay);
    if (this.#runs.length > 1) playhead.controls.prepend(this.#narrateChoice());
    this.#slot.append(playhead.controls, playhead.caption, events.element);
    // A redraw keeps the reader's place; a new playhead at 0 draws its caption when the page is idle.
    if (time > 0) playhead.seek(time);
    this.#parts = { playhead, events };
  }

  /** Which of the small multiples the caption and the event list describe. */
  #narrateChoice(): HTMLElement {
    const label = document.createElement('label');
    label.className = 'gil-playhead-narrate';
    label.append('Narrate ');
    const select = document.createElement('select');
    this.#runs.forEach((run, index) => select.add(new Option(run.label ?? `Run ${index + 1}`, String(index), false, index === this.#narrated)));
    select.addEventListener('change', () => {
      const time = this.#parts?.playhead.time ?? 0;
      this.#narrated = Number(select.value) || 0;
      this.#build(time);
      this.#slot.querySelector<HTMLSelectElement>('.gil-playhead-narrate select')?.focus();
    });
    label.append(select);
    return label;
  }
}
