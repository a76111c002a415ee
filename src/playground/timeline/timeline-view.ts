/**
 * The interactive timeline: a canvas per run, sharing one time window across
 * small multiples (compare mode). Ctrl/⌘+wheel (a trackpad pinch) and a two-finger
 * pinch zoom around the pointer; a sideways drag, a sideways wheel or Shift+wheel
 * pans; keys + − ← → 0 do the same from the keyboard. A plain vertical wheel or
 * swipe is left to the page, so the timeline never traps scrolling. More lanes than
 * `maxVisibleLanes` scroll inside the timeline (↑ ↓ PageUp PageDown from the keyboard)
 * and only the ones in view are painted. Hovering shows the interval's state, start
 * and duration and reports its scenario line.
 */
import type { PlayheadAxis } from '../../playhead/playhead';
import type { RunResult } from '../../sim/result';
import type { View } from '../../timeline/columns';
import { formatMs } from '../../timeline/format';
import { traceLanes, type TraceLane } from '../../timeline/lanes';
import type { Theme } from '../../timeline/palette';
import { clampView, panView, spanAt, zoomView } from './geometry';
import { laneAtY, laneScrollRange, paintTimeline, timelineMetrics, viewportHeight } from './paint';

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
  readonly lanes: TraceLane[];
  #canvas: HTMLCanvasElement;
  /** Scrolls the lanes when there are more than fit (the canvas stays in view and repaints). */
  #lanesBox: HTMLElement;
  #tooltip: HTMLElement;
  /** The lanes box and whatever is laid over it (the playhead). */
  readonly stage: HTMLElement;
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
    const scrolls = laneScrollRange(this.lanes.length) > 0;
    this.#canvas.setAttribute('aria-label', `Timeline of ${label}: ${result.trace.threads.length.toLocaleString('en-US')} threads over ${formatMs(result.trace.endMs)}. Keys: + and − zoom, left and right arrows pan, 0 resets${scrolls ? `; up and down arrows and Page Up/Down scroll the ${this.lanes.length.toLocaleString('en-US')} lanes` : ''}.`);
    this.#canvas.style.height = `${viewportHeight(this.lanes.length)}px`;
    this.#lanesBox = document.createElement('div');
    this.#lanesBox.className = 'gil-timeline-lanes';
    this.#lanesBox.append(this.#canvas);
    if (scrolls) {
      // The canvas is sticky at the top of the box; the spacer gives the box its scroll range.
      this.#lanesBox.dataset.scrolls = '';
      this.#lanesBox.style.height = `${viewportHeight(this.lanes.length)}px`;
      const spacer = document.createElement('div');
      spacer.className = 'gil-timeline-spacer';
      spacer.style.height = `${laneScrollRange(this.lanes.length)}px`;
      this.#lanesBox.append(spacer);
      this.#lanesBox.addEventListener('scroll', () => this.#schedule(), { passive: true });
    }
    this.#tooltip = document.createElement('div');
    this.#tooltip.className = 'gil-timeline-tooltip';
    this.#tooltip.hidden = true;
    this.#tooltip.setAttribute('role', 'status');
    this.stage = document.createElement('div');
    this.stage.className = 'gil-timeline-stage';
    this.stage.append(this.#lanesBox);
    this.element.append(caption, this.stage, this.#tooltip);
    this.#cleanup.push(window.subscribe(() => this.#schedule()));
    const themeWatcher = new MutationObserver(() => this.#schedule());
    themeWatcher.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    this.#cleanup.push(() => themeWatcher.disconnect());
    this.#wire(onHoverLine);
    // The canvas's own width: a lane scrollbar beside it takes some of the figure's.
    const observer = new ResizeObserver(() => {
      const width = Math.floor(this.#canvas.clientWidth);
      if (width > 0 && width !== this.#width) {
        this.#width = width;
        this.#schedule();
      }
    });
    observer.observe(this.#canvas);
    this.#cleanup.push(() => observer.disconnect());
    this.#schedule();
  }

  /** The time axis as a playhead sees it: the shared window, and the plot right of the lane labels. */
  playheadAxis(): PlayheadAxis {
    const time = this.#window;
    return {
      view: () => time.view,
      subscribe: (listener) => time.subscribe(listener),
      inset: { left: `${timelineMetrics.labelWidth}px`, right: '0px' },
      reveal: (at) => {
        const span = time.view.end - time.view.start;
        time.view = { start: at - span / 2, end: at + span / 2 };
      },
    };
  }

  /** Outline the intervals a scenario line produced (linked views), or none. */
  highlightLine(line: number | undefined): void {
    if (line === this.#highlightLine) return;
    this.#highlightLine = line;
    this.#schedule();
  }

  /** Draw what is in view (the time window and the lanes scrolled to) at a given width (PNG export); returns the canvas. */
  renderTo(canvas: HTMLCanvasElement, width: number, pixelRatio = 2): HTMLCanvasElement {
    const height = viewportHeight(this.lanes.length);
    canvas.width = Math.round(width * pixelRatio);
    canvas.height = Math.round(height * pixelRatio);
    const context = canvas.getContext('2d');
    if (context) {
      context.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
      paintTimeline(context, this.lanes, this.#window.view, { width, height, theme: currentTheme(), scrollTop: this.#scrollTop() });
    }
    return canvas;
  }

  /** How far the lanes are scrolled, px. */
  #scrollTop(): number {
    return this.#lanesBox.scrollTop;
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
    const height = viewportHeight(this.lanes.length);
    const canvas = this.#canvas;
    const width = Math.round(this.#width * ratio);
    // Resizing the backing store clears it; skip that when the size is unchanged.
    if (canvas.width !== width || canvas.height !== Math.round(height * ratio)) {
      canvas.width = width;
      canvas.height = Math.round(height * ratio);
    }
    const context = canvas.getContext('2d');
    if (!context) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    const view = this.#window.view;
    paintTimeline(context, this.lanes, view, {
      width: this.#width, height, theme: currentTheme(), highlightLine: this.#highlightLine, hover: this.#hover, scrollTop: this.#scrollTop(),
    });
    canvas.dataset.drawn = String(Number(canvas.dataset.drawn ?? 0) + 1);
    // Read by tests and the benchmark: the time window on screen, in ms.
    canvas.dataset.view = `${view.start},${view.end}`;
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
      const rect = canvas.getBoundingClientRect();
      if (event.ctrlKey || event.metaKey) {
        // Ctrl/⌘+wheel, and a trackpad pinch (which the browser reports as Ctrl+wheel).
        event.preventDefault();
        const anchor = this.#timeAt(event.clientX - rect.left);
        time.view = zoomView(time.view, Math.exp(-event.deltaY * 0.01), anchor, time.total);
      } else if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        event.preventDefault();
        const delta = (event.shiftKey && !event.deltaX ? event.deltaY : event.deltaX) * this.#msPerPixel();
        time.view = panView(time.view, delta, time.total);
      }
      // A plain vertical wheel scrolls the lanes or the page, as anywhere else.
    }, { passive: false });
    // Pointers down on the canvas: one drags sideways (pans), two pinch (zoom). The CSS
    // leaves vertical swipes to the browser (touch-action: pan-y), which then cancels them here.
    const pointers = new Map<number, number>();
    let gesture: { kind: 'drag'; x: number; view: View } | { kind: 'pinch'; distance: number; anchor: number; view: View } | undefined;
    const begin = () => {
      const xs = [...pointers.values()];
      if (xs.length === 1) gesture = { kind: 'drag', x: xs[0], view: time.view };
      else if (xs.length === 2) {
        const rect = canvas.getBoundingClientRect();
        gesture = { kind: 'pinch', distance: Math.max(8, Math.abs(xs[0] - xs[1])), anchor: this.#timeAt((xs[0] + xs[1]) / 2 - rect.left), view: time.view };
      } else gesture = undefined;
    };
    canvas.addEventListener('pointerdown', (event) => {
      if (event.pointerType === 'mouse' && event.button !== 0) return;
      pointers.set(event.pointerId, event.clientX);
      if (event.pointerType !== 'touch') canvas.setPointerCapture(event.pointerId);
      begin();
    });
    const end = (event: PointerEvent) => {
      if (!pointers.delete(event.pointerId)) return;
      begin();
    };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
    canvas.addEventListener('pointermove', (event) => {
      const rect = canvas.getBoundingClientRect();
      if (pointers.has(event.pointerId)) {
        pointers.set(event.pointerId, event.clientX);
        const msPerPixel = (view: View) => (view.end - view.start) / Math.max(1, this.#width - timelineMetrics.labelWidth);
        if (gesture?.kind === 'drag') {
          time.view = panView(gesture.view, (gesture.x - event.clientX) * msPerPixel(gesture.view), time.total);
        } else if (gesture?.kind === 'pinch') {
          const xs = [...pointers.values()];
          const factor = Math.max(8, Math.abs(xs[0] - xs[1])) / gesture.distance;
          time.view = zoomView(gesture.view, factor, gesture.anchor, time.total);
        }
      }
      if (event.pointerType !== 'touch') this.#hoverAt(event.clientX - rect.left, event.clientY - rect.top, onHoverLine);
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
      const pitch = timelineMetrics.laneHeight + timelineMetrics.laneGap;
      const page = this.#lanesBox.clientHeight - timelineMetrics.axisHeight - pitch;
      const scrolls: Record<string, number> = { ArrowUp: -pitch, ArrowDown: pitch, PageUp: -page, PageDown: page };
      if (event.key in scrolls && this.#lanesBox.hasAttribute('data-scrolls')) {
        event.preventDefault();
        this.#lanesBox.scrollTop += scrolls[event.key];
        return;
      }
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      time.view = action();
    });
  }

  #hoverAt(x: number, y: number, onHoverLine: (line: number | undefined) => void): void {
    const laneIndex = laneAtY(y, this.lanes.length, this.#scrollTop());
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
