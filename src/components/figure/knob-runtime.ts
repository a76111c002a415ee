/**
 * The knob runtime, loaded by knobs-entry.ts on first use or when a figure with knobs
 * comes into view. One `FigureKnobs` per figure holds its knob values, the one state
 * that the figure's sliders, the sentence's scrubbable numbers and the URL all show;
 * a change re-runs the scenario in the page (chapter runs take milliseconds) and
 * redraws the figure through `LiveFigure`.
 *
 * The scenario comes from its file under content/, compiled by the build into a small
 * module of its own: no editor, no compiler, no sandbox (the code is the site's, not
 * the reader's). Values from the URL are clamped by `readKnobValues` and any problem is
 * said in the figure.
 */
import { knobValueText, readKnobValues, type Knob, type Scenario } from 'gilsim';
import { figureKey, readFigureParams, writeFigureParams } from '../../site/knob-url';
import { runFigure, type ScenarioVariant } from './figure-runs';
import { LiveFigure } from './live-figure';
import { FigurePlayhead } from './figure-playhead';
import { ProseSlider, type StepSource } from './prose-slider';

const scenarioModules = import.meta.glob<{ default?: unknown }>('/content/**/*.ts');

type Values = Record<string, number | string>;
/** How a change enters the history: a new entry, in place of the current one, or not at all (back/forward). */
type HistoryMode = 'push' | 'replace' | 'none';

/** Positions of a knob: its steps, or its choices. */
function positions(spec: Knob): (number | string)[] {
  if (spec.kind === 'choice') return Object.keys(spec.choices);
  const count = Math.floor((spec.max - spec.min) / spec.step + 1e-9) + 1;
  return Array.from({ length: count }, (_, index) => readKnobValues({ k: spec }, { k: spec.min + index * spec.step }).values.k);
}

function parseVariants(text: string | undefined): ScenarioVariant[] | undefined {
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? (parsed as ScenarioVariant[]) : undefined;
  } catch {
    return undefined;
  }
}

class FigureKnobs {
  readonly key: string;
  readonly live: LiveFigure;
  readonly defaults: Values;
  values: Values;
  /** When the change being drawn was asked for (performance.now()), for the redraw time. */
  #since: number | undefined;
  #frame = 0;
  #gesture = false;
  readonly #views: ((values: Values) => void)[] = [];
  readonly #touched: (() => void)[] = [];
  readonly #note: HTMLElement | null;
  readonly #status: HTMLElement | null;
  #announce: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly figure: HTMLElement, readonly scenario: Scenario, readonly variants: ScenarioVariant[] | undefined) {
    this.key = figure.dataset.knobFigure ?? '';
    const result = figure.querySelector<HTMLElement>('.gil-result');
    if (!result) throw new Error('knobs: the figure has no .gil-result');
    this.live = new LiveFigure(result);
    this.#note = figure.querySelector('.gil-knob-note');
    this.#status = figure.querySelector('.gil-knob-status');
    this.defaults = readKnobValues(scenario.knobs).values;
    this.values = { ...this.defaults };
    for (const control of figure.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-knob-input]')) this.#bindControl(control);
  }

  get specs(): Record<string, Knob> {
    return (this.scenario.knobs ?? {}) as Record<string, Knob>;
  }

  /** Take the values the URL gives (clamped), and redraw if they differ from what is shown. */
  fromUrl(): void {
    const { values, problems } = readKnobValues(this.scenario.knobs, readFigureParams(location.search, this.key));
    this.#say(problems.length > 0 ? `From the link: ${problems.join('; ')}.` : '');
    this.set(values, 'none');
  }

  /** A control the reader moved before this runtime loaded: that is the reader's latest wish. */
  applyTouched(): void {
    for (const apply of this.#touched) apply();
  }

  /** Set some knobs; redraw on the next frame if anything changed. */
  set(changes: Values, history: HistoryMode): void {
    const next = { ...this.values, ...changes };
    if (Object.keys(next).every((name) => next[name] === this.values[name])) return;
    this.values = next;
    for (const view of this.#views) view(next);
    this.#writeUrl(history);
    this.#since ??= performance.now();
    if (!this.#frame) this.#frame = requestAnimationFrame(() => this.#redraw());
  }

  /** Add a view of the values (a slider, a number in the prose); it is shown the current values at once. */
  addView(view: (values: Values) => void): void {
    this.#views.push(view);
    view(this.values);
  }

  /**
   * A gesture (a drag) makes one history entry: the first change pushes one, the rest
   * replace it, so back returns to the value before the drag.
   */
  step(changes: Values, source: 'key' | 'drag-start' | 'drag' | 'drag-end' | 'input' | 'change'): void {
    if (source === 'drag-end' || source === 'change') {
      this.#gesture = false;
      return;
    }
    this.#say('');
    const continuing = this.#gesture && (source === 'drag' || source === 'input');
    this.#gesture = source !== 'key';
    this.set(changes, continuing ? 'replace' : 'push');
  }

  #redraw(): void {
    this.#frame = 0;
    try {
      this.live.render(runFigure(this.scenario, this.variants, this.values));
      this.#announceSoon();
    } catch (error) {
      this.#say(`This setting did not run: ${error instanceof Error ? error.message : String(error)}`);
    }
    const since = this.#since;
    this.#since = undefined;
    // After the browser has laid out the new figure: what the reader waits for.
    if (since !== undefined) requestAnimationFrame(() => { this.live.result.dataset.redrawMs = (performance.now() - since).toFixed(1); });
  }

  /** Tell screen readers the new result once the reader stops turning (a polite live region). */
  #announceSoon(): void {
    clearTimeout(this.#announce);
    this.#announce = setTimeout(() => {
      if (this.#status) this.#status.textContent = this.live.result.querySelector('.gil-summary')?.textContent?.trim() ?? '';
    }, 700);
  }

  #say(text: string): void {
    if (!this.#note) return;
    this.#note.textContent = text;
    this.#note.hidden = text === '';
  }

  #writeUrl(history: HistoryMode): void {
    if (history === 'none') return;
    const search = writeFigureParams(location.search, this.key, this.values, this.defaults);
    if (search === location.search) return;
    const url = `${location.pathname}${search}${location.hash}`;
    if (history === 'push') window.history.pushState(window.history.state, '', url);
    else window.history.replaceState(window.history.state, '', url);
  }

  #bindControl(control: HTMLInputElement | HTMLSelectElement): void {
    const name = control.dataset.knobInput ?? '';
    const spec = this.specs[name];
    if (!spec) return;
    const output = this.figure.querySelector<HTMLOutputElement>(`output[for="${control.id}"]`);
    const read = () => readKnobValues({ [name]: spec }, { [name]: control.value }).values[name];
    control.addEventListener('input', () => this.step({ [name]: read() }, control instanceof HTMLSelectElement ? 'key' : 'input'));
    control.addEventListener('change', () => this.step({}, 'change'));
    this.#touched.push(() => {
      if (control.dataset.touched !== undefined) this.step({ [name]: read() }, 'key');
    });
    this.addView((values) => {
      const value = values[name];
      if (control.value !== String(value)) control.value = String(value);
      const text = knobValueText(spec, value);
      if (control instanceof HTMLInputElement) control.setAttribute('aria-valuetext', text);
      if (output) output.textContent = text;
    });
  }

  /** Make a number in the prose a slider bound to knob `name`. */
  bindProse(element: HTMLElement, name: string): void {
    const spec = this.specs[name];
    if (!spec) return;
    const all = positions(spec);
    const slider = new ProseSlider(element, spec, all.length, (index: number, source: StepSource) => this.step({ [name]: all[index] }, source));
    const withUnit = element.dataset.unit !== 'off';
    this.addView((values) => {
      const value = values[name];
      const text = knobValueText(spec, value);
      const shown = withUnit || spec.kind === 'choice' ? text : (value as number).toLocaleString('en-US', { maximumFractionDigits: 6 });
      slider.show(Math.max(0, all.indexOf(value)), text, shown);
    });
  }
}

const figures = new Map<string, Promise<FigureKnobs | undefined>>();

async function attach(figure: HTMLElement): Promise<FigureKnobs | undefined> {
  const id = figure.dataset.scenarioId ?? '';
  const load = scenarioModules[`/content/${id}.ts`];
  if (!load) return undefined;
  const module = await load();
  const scenario = module.default as Scenario | undefined;
  if (!scenario || scenario.kind !== 'gilsim-scenario') return undefined;
  const knobs = new FigureKnobs(figure, scenario, parseVariants(figure.querySelector<HTMLElement>('gil-playground')?.dataset.knobVariants));
  figure.dataset.knobs = 'live';
  knobs.fromUrl();
  knobs.applyTouched();
  // The build's figure has no trace in the page: the runs it drew are re-run here (milliseconds) for the playhead.
  new FigurePlayhead(knobs.live, knobs.live.runs ?? runFigure(scenario, knobs.variants, knobs.values));
  return knobs;
}

/** Bring every figure with knobs, and every scrubbable number, on this page to life (once). */
export async function startKnobs(): Promise<void> {
  for (const figure of document.querySelectorAll<HTMLElement>('[data-knob-figure]')) {
    const key = figure.dataset.knobFigure ?? '';
    if (!figures.has(key)) figures.set(key, attach(figure).catch((error) => { console.warn('knobs:', error); return undefined; }));
  }
  for (const element of document.querySelectorAll<HTMLElement>('.gil-knob-value:not([data-live])')) {
    const knobs = await figures.get(figureKey(element.dataset.scenarioId ?? ''));
    knobs?.bindProse(element, element.dataset.knob ?? '');
  }
}

addEventListener('popstate', () => {
  for (const knobs of figures.values()) void knobs.then((figure) => figure?.fromUrl());
});
