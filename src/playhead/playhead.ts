/**
 * A playhead over a timeline: a vertical line the reader drags, or focuses and moves
 * with the arrow keys (role="slider", aria-valuetext "5.08 ms"), Play/Pause that sweeps
 * it across the run, and a caption saying what every thread is doing at that instant
 * and why the GIL last moved. Any timeline can carry one: it only needs a `PlayheadAxis`
 * (the time window shown and where its plot sits), so the playground's canvas and the
 * chapters' SVG figures share this one implementation.
 *
 * The visible caption follows the playhead every frame; the screen-reader copy is a
 * polite live region updated at most every `announceMs`, so dragging does not flood it.
 */
import type { View } from '../timeline/columns';
import type { Moment, MomentIndex } from '../timeline/moment';
import { captionAt, captionText, timeText, type DescribeGilEvent } from './caption';

/** What the playhead needs of the timeline it sits on. */
export interface PlayheadAxis {
  /** The time window drawn now, ms. */
  view(): View;
  /** Calls back when the window changes (zoom, pan, resize); returns an unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** The plot's insets inside the overlay box, as CSS lengths ("92px", "12.5%"). */
  inset: { left: string; right: string };
  /** Bring a time into the window when the playhead moves outside it (optional: fixed figures cannot pan). */
  reveal?(time: number): void;
}

export interface PlayheadOptions {
  index: MomentIndex;
  axis: PlayheadAxis;
  describe: DescribeGilEvent;
  /** Label of the timeline, for the slider's accessible name ("Playhead, CPython 3.12"). */
  label: string;
  /** Called with every new moment: hosts highlight source lines from it. */
  onMoment?(moment: Moment): void;
}

/** Seconds a whole run takes to play at 1×. */
export const playSeconds = 8;
export const playSpeeds = [0.25, 0.5, 1, 2, 4] as const;
const announceMs = 400;

export class Playhead {
  /** The line and its handle: put it over the timeline's lanes (a positioned box). */
  readonly overlay: HTMLElement;
  /** Play/Pause, speed, previous/next event: put them with the timeline's controls. */
  readonly controls: HTMLElement;
  /** The caption: put it beside or under the timeline. */
  readonly caption: HTMLElement;
  readonly index: MomentIndex;
  #options: PlayheadOptions;
  #handle: HTMLElement;
  /** The plot's extent inside the overlay: the handle's 0–100%. */
  #track: HTMLElement;
  #visibleCaption: HTMLElement;
  #announcer: HTMLElement;
  #playButton: HTMLButtonElement;
  #time = 0;
  #frame = 0;
  #announceTimer = 0;
  /** Cancels the first caption, drawn once the page is idle (see the constructor). */
  #cancelFirstCaption: () => void = () => {};
  #lastFrame = 0;
  #speed = 1;
  #cleanup: (() => void)[] = [];
  #listeners = new Set<(time: number) => void>();

  constructor(options: PlayheadOptions) {
    this.#options = options;
    this.index = options.index;
    const end = this.#end();
    this.overlay = element('div', 'gil-playhead-overlay');
    this.overlay.style.setProperty('--plot-left', options.axis.inset.left);
    this.overlay.style.setProperty('--plot-right', options.axis.inset.right);
    this.#handle = element('div', 'gil-playhead');
    this.#handle.tabIndex = 0;
    this.#handle.setAttribute('role', 'slider');
    this.#handle.setAttribute('aria-label', `Playhead, ${options.label}`);
    this.#handle.setAttribute('aria-valuemin', '0');
    this.#handle.setAttribute('aria-valuemax', String(end));
    this.#handle.setAttribute('aria-orientation', 'horizontal');
    this.#track = element('div', 'gil-playhead-track');
    this.#track.append(this.#handle);
    this.overlay.append(this.#track);

    this.controls = element('div', 'gil-playhead-controls');
    this.#playButton = button('Play', () => (this.playing ? this.pause() : this.play()));
    this.#playButton.setAttribute('aria-pressed', 'false');
    const speed = document.createElement('select');
    speed.className = 'gil-playhead-speed';
    speed.setAttribute('aria-label', 'Playback speed');
    for (const value of playSpeeds) speed.add(new Option(`${value}×`, String(value), value === 1, value === 1));
    speed.addEventListener('change', () => { this.#speed = Number(speed.value) || 1; });
    const previous = button('◀ Previous GIL event', () => this.#step(-1));
    const next = button('Next GIL event ▶', () => this.#step(1));
    const motion = matchMedia('(prefers-reduced-motion: reduce)');
    const applyMotion = () => {
      // No animation for readers who ask for reduced motion: the keys and the event steps remain.
      this.#playButton.hidden = motion.matches;
      speed.hidden = motion.matches;
      if (motion.matches) this.pause();
    };
    applyMotion();
    motion.addEventListener('change', applyMotion);
    this.#cleanup.push(() => motion.removeEventListener('change', applyMotion));
    this.controls.append(this.#playButton, speed, previous, next);

    this.caption = element('div', 'gil-playhead-caption');
    this.#visibleCaption = element('div', 'gil-playhead-text');
    this.#visibleCaption.setAttribute('aria-hidden', 'true');
    this.#announcer = element('p', 'gil-visually-hidden');
    this.#announcer.setAttribute('aria-live', 'polite');
    this.caption.append(this.#visibleCaption, this.#announcer);

    this.#wire();
    this.#cleanup.push(options.axis.subscribe(() => this.#place()));
    // At 0 ms now, but the caption (which indexes the whole trace) waits until the page is
    // idle: showing a run must not pay for a playhead the reader may never touch.
    this.#handle.setAttribute('aria-valuenow', '0');
    this.#handle.setAttribute('aria-valuetext', timeText(0));
    this.#place();
    // Shown, not announced: a screen reader hears the caption once the reader moves the playhead.
    const first = () => this.#moveTo(this.#time, false);
    if ('requestIdleCallback' in window) {
      const id = requestIdleCallback(first, { timeout: 1000 });
      this.#cancelFirstCaption = () => cancelIdleCallback(id);
    } else {
      const id = setTimeout(first, 0);
      this.#cancelFirstCaption = () => clearTimeout(id);
    }
  }

  get time(): number {
    return this.#time;
  }

  get playing(): boolean {
    return this.#frame !== 0;
  }

  /** Called with the new time whenever the playhead moves (the event list follows it). */
  onMove(listener: (time: number) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Move the playhead to `time` (clamped to the run) and tell what happens there. */
  seek(time: number): void {
    this.#moveTo(time, true);
  }

  #moveTo(time: number, announce: boolean): void {
    this.#cancelFirstCaption();
    const clamped = Math.min(this.#end(), Math.max(0, Number.isFinite(time) ? time : 0));
    this.#time = clamped;
    const view = this.#options.axis.view();
    if ((clamped < view.start || clamped > view.end) && this.#options.axis.reveal) this.#options.axis.reveal(clamped);
    this.#handle.setAttribute('aria-valuenow', String(clamped));
    this.#handle.setAttribute('aria-valuetext', timeText(clamped));
    this.#place();
    const moment = this.index.at(clamped);
    this.#render(moment, announce);
    this.#options.onMoment?.(moment);
    this.#listeners.forEach((listener) => listener(clamped));
  }

  play(): void {
    if (this.playing || this.#playButton.hidden) return;
    if (this.#time >= this.#end()) this.seek(0);
    this.#playButton.textContent = 'Pause';
    this.#playButton.setAttribute('aria-pressed', 'true');
    this.#lastFrame = performance.now();
    const tick = (now: number) => {
      const elapsed = (now - this.#lastFrame) / 1000;
      this.#lastFrame = now;
      this.seek(this.#time + (elapsed * this.#speed * this.#end()) / playSeconds);
      if (this.#time >= this.#end()) this.pause();
      else this.#frame = requestAnimationFrame(tick);
    };
    this.#frame = requestAnimationFrame(tick);
  }

  pause(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#playButton.textContent = 'Play';
    this.#playButton.setAttribute('aria-pressed', 'false');
  }

  dispose(): void {
    this.pause();
    this.#cancelFirstCaption();
    clearTimeout(this.#announceTimer);
    this.#cleanup.forEach((clean) => clean());
    this.overlay.remove();
    this.controls.remove();
    this.caption.remove();
  }

  #end(): number {
    return this.index.trace.endMs;
  }

  /** Jump to the previous or next GIL event. */
  #step(direction: 1 | -1): void {
    const events = this.index.gilEvents;
    const target = direction > 0
      ? events.find((event) => event.time > this.#time + 1e-9)
      : events.findLast((event) => event.time < this.#time - 1e-9);
    if (target) this.seek(target.time);
  }

  #place(): void {
    const view = this.#options.axis.view();
    const span = view.end - view.start;
    const fraction = span > 0 ? (this.#time - view.start) / span : 0;
    this.#handle.style.setProperty('--at', String(fraction));
    // Out of the window (a zoomed canvas that cannot pan to it): keep it focusable but not drawn.
    this.#handle.toggleAttribute('data-outside', fraction < 0 || fraction > 1);
  }

  #render(moment: Moment, announce: boolean): void {
    const caption = captionAt(moment, this.#options.describe, (id) => this.index.thread(id)?.name ?? `thread ${id}`);
    const lines = [caption.headline, ...caption.threads, ...(caption.more ? [`… and ${caption.more.toLocaleString('en-US')} more threads`] : [])];
    const list = element('ul', 'gil-playhead-threads');
    for (const text of lines.slice(1)) list.append(element('li', '', text));
    const children: Node[] = [element('p', 'gil-playhead-headline', lines[0]), list];
    if (caption.event) children.push(element('p', 'gil-playhead-event', caption.event));
    this.#visibleCaption.replaceChildren(...children);
    clearTimeout(this.#announceTimer);
    if (!announce) return;
    this.#announceTimer = window.setTimeout(() => { this.#announcer.textContent = captionText(caption); }, this.playing ? announceMs * 4 : announceMs);
  }

  #wire(): void {
    const handle = this.#handle;
    handle.addEventListener('keydown', (event) => {
      const view = this.#options.axis.view();
      const span = view.end - view.start;
      const moves: Record<string, () => number> = {
        ArrowLeft: () => this.#time - span / 100,
        ArrowDown: () => this.#time - span / 100,
        ArrowRight: () => this.#time + span / 100,
        ArrowUp: () => this.#time + span / 100,
        PageDown: () => this.#time - span / 10,
        PageUp: () => this.#time + span / 10,
        Home: () => 0,
        End: () => this.#end(),
      };
      const move = moves[event.key];
      if (!move) return;
      event.preventDefault();
      this.pause();
      this.seek(move());
    });
    // Dragging: the handle captures the pointer; the time follows x across the plot.
    handle.addEventListener('pointerdown', (event) => {
      if (event.pointerType === 'mouse' && event.button !== 0) return;
      event.preventDefault();
      handle.setPointerCapture(event.pointerId);
      handle.focus();
      this.pause();
    });
    handle.addEventListener('pointermove', (event) => {
      if (!handle.hasPointerCapture(event.pointerId)) return;
      const plot = this.#track.getBoundingClientRect();
      const view = this.#options.axis.view();
      const fraction = plot.width > 0 ? (event.clientX - plot.left) / plot.width : 0;
      this.seek(view.start + Math.min(1, Math.max(0, fraction)) * (view.end - view.start));
    });
  }
}

function element(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function button(text: string, onClick: () => void): HTMLButtonElement {
  const node = document.createElement('button');
  node.type = 'button';
  node.textContent = text;
  node.addEventListener('click', onClick);
  return node;
}
