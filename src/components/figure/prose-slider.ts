/**
 * A number in a sentence that the reader can scrub ("with **2** CPUs"): the build
 * renders it as plain text; this makes it a `role="slider"` that arrow keys, Page
 * Up/Down, Home/End and a sideways drag change. It only reports steps; the figure's
 * knob state (knob-runtime.ts) decides the value and tells it what to show.
 */
import type { Knob } from 'gilsim';

/** Pixels of sideways drag per step. */
const pixelsPerStep = 14;

/** How a change came: a key press (one history entry each), or part of a drag. */
export type StepSource = 'key' | 'drag-start' | 'drag' | 'drag-end';

export class ProseSlider {
  #index = 0;

  /**
   * `element` is the build's `.gil-knob-value`; `count` the number of positions (steps or
   * choices); `onStep(index, source)` is called with the position the reader asked for.
   */
  constructor(readonly element: HTMLElement, readonly spec: Knob, readonly count: number,
    onStep: (index: number, source: StepSource) => void) {
    element.setAttribute('role', 'slider');
    element.tabIndex = 0;
    element.setAttribute('aria-label', spec.label);
    element.setAttribute('aria-valuemin', '0');
    element.setAttribute('aria-valuemax', String(count - 1));
    element.title = `${spec.label}: drag sideways or use the arrow keys`;
    element.dataset.live = '';

    element.addEventListener('keydown', (event) => {
      const big = Math.max(1, Math.round(count / 10));
      const moves: Record<string, number> = {
        ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: big, PageDown: -big,
        Home: -Infinity, End: Infinity,
      };
      const move = moves[event.key];
      if (move === undefined) return;
      event.preventDefault();
      const next = Math.min(count - 1, Math.max(0, this.#index + (Number.isFinite(move) ? move : move > 0 ? count : -count)));
      if (next !== this.#index) onStep(next, 'key');
    });

    let drag: { x: number; from: number; moved: boolean } | undefined;
    element.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      drag = { x: event.clientX, from: this.#index, moved: false };
      element.setPointerCapture(event.pointerId);
      event.preventDefault();
      element.focus();
    });
    element.addEventListener('pointermove', (event) => {
      if (!drag) return;
      const next = Math.min(count - 1, Math.max(0, drag.from + Math.round((event.clientX - drag.x) / pixelsPerStep)));
      if (next === this.#index) return;
      onStep(next, drag.moved ? 'drag' : 'drag-start');
      drag.moved = true;
    });
    const end = () => {
      if (drag?.moved) onStep(this.#index, 'drag-end');
      drag = undefined;
    };
    element.addEventListener('pointerup', end);
    element.addEventListener('pointercancel', end);
  }

  /** Show position `index` with its text ("4 CPUs"); `shown` is what the sentence prints. */
  show(index: number, valueText: string, shown: string): void {
    this.#index = index;
    this.element.setAttribute('aria-valuenow', String(index));
    this.element.setAttribute('aria-valuetext', valueText);
    if (this.element.textContent !== shown) this.element.textContent = shown;
  }
}
