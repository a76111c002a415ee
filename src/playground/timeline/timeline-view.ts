/**
 * The interactive timeline: a canvas per run, sharing one time window across
 * small multiples (compare mode). Wheel zooms around the pointer, drag or
 * shift+wheel pans, keys + − ← → 0 do the same from the keyboard; hovering shows
 * the interval's state, start and duration and reports its scenario line.
 */
import type { RunResult } from '../../sim/result';
import type { Theme } from '../../timeline/palette';
import { clampView, formatMs, panView, spanAt, traceLanes, zoomView, type Lane, type View } from './geometry';
import { laneAtY, paintTimeline, timelineHeight, timelineMetrics } from './paint';

/** The time window shared by every timeline of one result (one axis for small multiples). */
export class TimeWindow {
  #view: View;
  readonly total: number;
  #listeners = new Set<() => void>();
  constructor(total: number) {
    this.total = total;
    this.#view = { start: 0, end: total };
  }
  get view(): View {
    return this.#view;
  }
  set view(next: View) {
    this.#view = clampView(next, this.total);
    this.#listeners.forEach((listener) => listener());
  }
  /** Back to the whole run. */
  reset(): void {
    this.view = { start: 0, end: this.total };
  }
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/** The page's theme (the site sets `data-theme` on <html>). */
export function currentTheme(): Theme {
  const theme = document.documentElement.dataset.theme;
  if (theme === 'dark' || theme === 'light') return theme;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export class TimelineView {
  readonly element: HTMLElement;
  readonly lanes: Lane[];
  #canvas: HTMLCanvasElement;
  #tooltip: HTMLElement;
  #window: TimeWindow;
  #width = 600;
  #highlightLine: number | undefined;
  #hover: { lane: number; index: number } | undefined;
  #frame = 0;
  #cleanup: (() => void)[] = [];

  constructor(result: RunResult, label: string, window: TimeWindow, onHoverLine: (line: number | undefined) => void) {
    this.lanes = traceLanes(result.trace);
    this.#window = window;
    this.element = document.createElement('figure');
    this.element.className = 'gil-timeline';
    const caption = document.createElement('figcaption');
    caption.textContent = `${label} — ${formatMs(result.metrics.wallMs)}`;
    this.#canvas = document.createElement('canvas');
    this.#canvas.tabIndex = 0;
    this.#canvas.setAttribute('role', 'img');
    this.#canvas.setAttribute('aria-label', `Timeline of ${label}: ${result.trace.threads.length} threads over ${formatMs(result.trace.endMs)}. Keys: + and − zoom, arrows pan, 0 resets.`);
    this.#tooltip = document.createElement('div');
    this.#tooltip.className = 'gil-timeline-tooltip';
    this.#tooltip.hidden = true;
    this.#tooltip.setAttribute('role', 'status');
    this.element.append(caption, this.#canvas, this.#tooltip);
    this.#cleanup.push(window.subscribe(() => this.#schedule()));
    const themeWatcher = new MutationObserver(() => this.#schedule());
    themeWatcher.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    this.#cleanup.push(() => themeWatcher.disconnect());
    this.#wire(onHoverLine);
    const observer = new ResizeObserver(() => {
      const width = Math.floor(this.element.clientWidth);
      if (width > 0 && width !== this.#width) {
        this.#width = width;
        this.#schedule();
      }
    });
    observer.observe(this.element);
    this.#cleanup.push(() => observer.disconnect());
    this.#schedule();
  }

  /** Outline the intervals a scenario line produced (linked views), or none. */
  highlightLine(line: number | undefined): void {
    if (line === this.#highlightLine) return;
    this.#highlightLine = line;
    this.#schedule();
  }

  /** Draw now at a given width (PNG export); returns the canvas. */
  renderTo(canvas: HTMLCanvasElement, width: number, pixelRatio = 2): HTMLCanvasElement {
    const height = timelineHeight(this.lanes.length);
    canvas.width = Math.round(width * pixelRatio);
    canvas.height = Math.round(height * pixelRatio);
    const context = canvas.getContext('2d');
    if (context) {
      context.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
      paintTimeline(context, this.lanes, this.#window.view, { width, height, theme: currentTheme() });
    }
    return canvas;
  }

  dispose(): void {
    cancelAnimationFrame(this.#frame);
    this.#cleanup.forEach((clean) => clean());
    this.element.remove();
  }

  #schedule(): void {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#draw();
    });
  }

  #draw(): void {
    const started = performance.now();
    const ratio = window.devicePixelRatio || 1;
    const height = timelineHeight(this.lanes.length);
    const canvas = this.#canvas;
    canvas.style.height = `${height}px`;
    canvas.width = Math.round(this.#width * ratio);
    canvas.height = Math.round(height * ratio);
    const context = canvas.getContext('2d');
    if (!context) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    paintTimeline(context, this.lanes, this.#window.view, {
      width: this.#width, height, theme: currentTheme(), highlightLine: this.#highlightLine, hover: this.#hover,
    });
    canvas.dataset.drawn = String(Number(canvas.dataset.drawn ?? 0) + 1);
    // Read by the benchmark (bench/playground.mjs): how long a full repaint takes.
    canvas.dataset.paintMs = (performance.now() - started).toFixed(1);
  }

  /** Time (ms) under an x offset in the canvas. */
  #timeAt(x: number): number {
    const view = this.#window.view;
    const plotWidth = Math.max(1, this.#width - timelineMetrics.labelWidth);
    return view.start + ((x - timelineMetrics.labelWidth) / plotWidth) * (view.end - view.start);
  }

  #msPerPixel(): number {
    const view = this.#window.view;
    return (view.end - view.start) / Math.max(1, this.#width - timelineMetrics.labelWidth);
  }

  #wire(onHoverLine: (line: number | undefined) => void): void {
    const canvas = this.#canvas;
    const time = this.#window;
    canvas.addEventListener('wheel', (event) => {
      event.preventDefault();
      const rect = canvas.getBoundingClientRect();
      if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        const delta = (event.shiftKey ? event.deltaY : event.deltaX) * this.#msPerPixel();
        time.view = panView(time.view, delta, time.total);
      } else {
        const anchor = this.#timeAt(event.clientX - rect.left);
        time.view = zoomView(time.view, Math.exp(-event.deltaY * 0.002), anchor, time.total);
      }
    }, { passive: false });
    let drag: { x: number; view: View } | undefined;
    canvas.addEventListener('pointerdown', (event) => {
      drag = { x: event.clientX, view: time.view };
      canvas.setPointerCapture(event.pointerId);
    });
    canvas.addEventListener('pointerup', () => (drag = undefined));
    canvas.addEventListener('pointercancel', () => (drag = undefined));
    canvas.addEventListener('pointermove', (event) => {
      const rect = canvas.getBoundingClientRect();
      if (drag) {
        const msPerPixel = (drag.view.end - drag.view.start) / Math.max(1, this.#width - timelineMetrics.labelWidth);
        time.view = panView(drag.view, (drag.x - event.clientX) * msPerPixel, time.total);
      }
      this.#hoverAt(event.clientX - rect.left, event.clientY - rect.top, onHoverLine);
    });
    canvas.addEventListener('pointerleave', () => {
      this.#tooltip.hidden = true;
      this.#hover = undefined;
      onHoverLine(undefined);
      this.#schedule();
    });
    canvas.addEventListener('keydown', (event) => {
      const view = time.view;
      const span = view.end - view.start;
      const middle = view.start + span / 2;
      const actions: Record<string, () => View> = {
        '+': () => zoomView(view, 1.5, middle, time.total),
        '=': () => zoomView(view, 1.5, middle, time.total),
        '-': () => zoomView(view, 1 / 1.5, middle, time.total),
        ArrowLeft: () => panView(view, -span / 10, time.total),
        ArrowRight: () => panView(view, span / 10, time.total),
        '0': () => ({ start: 0, end: time.total }),
        Home: () => ({ start: 0, end: time.total }),
      };
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      time.view = action();
    });
  }

  #hoverAt(x: number, y: number, onHoverLine: (line: number | undefined) => void): void {
    const laneIndex = laneAtY(y, this.lanes.length);
    const lane = this.lanes[laneIndex];
    const index = lane && x >= timelineMetrics.labelWidth ? spanAt(lane.spans, this.#timeAt(x), this.#msPerPixel() * 2) : -1;
    const previous = this.#hover;
    this.#hover = index >= 0 ? { lane: laneIndex, index } : undefined;
    if (previous?.lane !== this.#hover?.lane || previous?.index !== this.#hover?.index) this.#schedule();
    if (!lane || index < 0) {
      this.#tooltip.hidden = true;
      onHoverLine(undefined);
      return;
    }
    const span = lane.spans[index];
    const line = lane.lineOf(span);
    this.#tooltip.textContent = `${lane.label}: ${lane.describe(span)} · start ${formatMs(span.start)} · duration ${formatMs(span.end - span.start)}${line ? ` · line ${line}` : ''}`;
    this.#tooltip.hidden = false;
    this.#tooltip.style.left = `${Math.min(x + 12, Math.max(0, this.#width - 260))}px`;
    this.#tooltip.style.top = `${y + 30}px`;
    onHoverLine(line);
  }
}
