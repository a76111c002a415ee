/**
 * Draw lanes onto a 2D canvas context, at pixel resolution. Used for the live
 * timeline and for the PNG export; knows nothing about events or the page.
 */
import { backgrounds, lostUpdateColours, stateColours, stateLabels, threadColours, type Theme } from '../../timeline/palette';
import type { ThreadState } from '../../sim/result';
import { columnRuns, firstEndingAfter, type View } from '../../timeline/columns';
import type { TraceLane } from '../../timeline/lanes';
import { timeTicks } from '../../timeline/ticks';

/**
 * Sizes of the drawing, in CSS pixels. `swatch` is the thread key: a mark in each
 * thread's own colour beside its name, the colour its GIL and CPU spans have.
 */
export const timelineMetrics = { labelWidth: 92, laneHeight: 16, laneGap: 4, axisHeight: 20, top: 4, fontSize: 11, swatch: 5 };

/**
 * Lanes shown at once. A run with more (30,000 threads) scrolls its lanes inside the
 * timeline, and a repaint draws only the lanes in view, so its cost does not grow
 * with the thread count.
 */
export const maxVisibleLanes = 20;

const lanePitch = timelineMetrics.laneHeight + timelineMetrics.laneGap;

/** Height of a timeline drawing all `laneCount` lanes (the SVG export). */
export function timelineHeight(laneCount: number): number {
  const { axisHeight, top } = timelineMetrics;
  return top + laneCount * lanePitch + axisHeight;
}

/** Lanes in view at once for a timeline of `laneCount` lanes. */
export function visibleLaneCount(laneCount: number): number {
  return Math.min(laneCount, maxVisibleLanes);
}

/** Height of the live canvas: at most `maxVisibleLanes` lanes, then the axis. */
export function viewportHeight(laneCount: number): number {
  return timelineHeight(visibleLaneCount(laneCount));
}

/** How far the lanes scroll (px): 0 when they all fit. */
export function laneScrollRange(laneCount: number): number {
  return (laneCount - visibleLaneCount(laneCount)) * lanePitch;
}

/** Which lane a canvas y coordinate falls in when the lanes are scrolled by `scrollTop` px, or -1. */
export function laneAtY(y: number, laneCount: number, scrollTop = 0): number {
  const { laneHeight, top } = timelineMetrics;
  if (y < top || y >= top + visibleLaneCount(laneCount) * lanePitch) return -1;
  const offset = y - top + scrollTop;
  const index = Math.floor(offset / lanePitch);
  return index >= 0 && index < laneCount && offset % lanePitch <= laneHeight ? index : -1;
}

/** About how many ticks a plot `plotWidth` px wide has room for (labels about 90 px apart). */
export function tickTarget(plotWidth: number): number {
  return Math.max(2, Math.floor(plotWidth / 90));
}

/** Colour of a paint key: a thread state, or `t<n>` for the n-th thread colour. */
export function paintColour(paint: string, theme: Theme): string {
  if (paint.startsWith('t')) {
    const index = Number(paint.slice(1));
    if (Number.isInteger(index)) return threadColours[theme][index % threadColours[theme].length];
  }
  return stateColours[theme][paint as ThreadState] ?? '#888888';
}

/** Legend entries (state colours). */
export function legendEntries(theme: Theme): { colour: string; label: string }[] {
  return (Object.keys(stateLabels) as ThreadState[]).map((state) => ({ colour: stateColours[theme][state], label: stateLabels[state] }));
}

/** What the GIL and CPU lanes' colours mean (the legend's last entry, in the page and in the SVG). */
export const threadKeyNote = 'GIL and CPU lanes: the colour of the thread holding or running on them, marked beside each thread\'s name';

/** Text colour on the timeline's background. */
export function textColour(theme: Theme): string {
  return theme === 'dark' ? '#e6e8eb' : '#1f2328';
}

export interface PaintOptions {
  width: number;
  height: number;
  theme: Theme;
  /** Scenario line whose intervals are outlined (linked views). */
  highlightLine?: number;
  /** Span under the pointer, outlined. */
  hover?: { lane: number; index: number };
  /** How far the lanes are scrolled, px (see `laneScrollRange`). */
  scrollTop?: number;
}

/**
 * Paint the timeline (labels with the thread key, the lanes in view, the axis) into
 * `context`, sized in CSS pixels: `options.height` tall, lanes scrolled by `scrollTop`.
 */
export function paintTimeline(context: CanvasRenderingContext2D, lanes: readonly TraceLane[], view: View, options: PaintOptions): void {
  const { labelWidth, laneHeight, top, axisHeight, fontSize, swatch } = timelineMetrics;
  const plotWidth = Math.max(1, options.width - labelWidth);
  const text = textColour(options.theme);
  const faint = options.theme === 'dark' ? '#3a3f48' : '#e3e5e8';
  const scrollTop = Math.max(0, Math.min(options.scrollTop ?? 0, laneScrollRange(lanes.length)));
  const axisY = options.height - axisHeight;
  context.fillStyle = backgrounds[options.theme];
  context.fillRect(0, 0, options.width, options.height);
  context.font = `${fontSize}px system-ui, sans-serif`;
  context.textBaseline = 'middle';
  const scale = plotWidth / (view.end - view.start);
  // Only the lanes in view, clipped above the axis: the cost stays the same for 30,000 lanes.
  context.save();
  context.beginPath();
  context.rect(0, 0, options.width, axisY);
  context.clip();
  const first = Math.max(0, Math.floor(scrollTop / lanePitch));
  const last = Math.min(lanes.length - 1, Math.floor((scrollTop + axisY - top) / lanePitch));
  for (let index = first; index <= last; index++) {
    const lane = lanes[index];
    const y = top + index * lanePitch - scrollTop;
    let textX = 4;
    if (lane.threadKey) {
      context.fillStyle = paintColour(lane.threadKey, options.theme);
      context.fillRect(2, y + 1, swatch, laneHeight - 2);
      textX = swatch + 6;
    }
    context.fillStyle = text;
    context.fillText(fitText(context, lane.label, labelWidth - textX - 4), textX, y + laneHeight / 2);
    context.fillStyle = faint;
    context.fillRect(labelWidth, y + laneHeight / 2, plotWidth, 1);
    for (const run of columnRuns(lane, view, plotWidth)) {
      context.fillStyle = paintColour(run.key, options.theme);
      context.fillRect(labelWidth + run.x0, y, run.x1 - run.x0, laneHeight);
    }
    // Lost updates: a bar across the lane where the thread wrote back a stale value.
    context.fillStyle = lostUpdateColours[options.theme];
    for (const ms of lane.marks ?? []) {
      if (ms >= view.start && ms <= view.end) context.fillRect(labelWidth + Math.round((ms - view.start) * scale) - 1, y - 2, 2, laneHeight + 4);
    }
    const outline = (start: number, end: number) => {
      const x0 = labelWidth + Math.max(0, (start - view.start) * scale);
      const x1 = labelWidth + Math.min(plotWidth, (end - view.start) * scale);
      context.strokeRect(x0 - 0.5, y - 1.5, Math.max(1, x1 - x0) + 1, laneHeight + 3);
    };
    if (options.highlightLine !== undefined && lane.kind === 'thread') {
      context.strokeStyle = text;
      context.lineWidth = 2;
      for (let i = firstEndingAfter(lane.spans, view.start); i < lane.spans.length && lane.spans[i].start < view.end; i++) {
        const span = lane.spans[i];
        if (lane.lineOf(span) === options.highlightLine) outline(span.start, span.end);
      }
    }
    if (options.hover?.lane === index) {
      const span = lane.spans[options.hover.index];
      if (span) {
        context.strokeStyle = text;
        context.lineWidth = 1;
        outline(span.start, span.end);
      }
    }
  }
  context.restore();
  context.fillStyle = text;
  context.textBaseline = 'top';
  context.textAlign = 'center';
  // A label that would run into the one before is left out (long labels deep in a long run).
  let labelsEnd = -Infinity;
  for (const tick of timeTicks(view, tickTarget(plotWidth))) {
    const x = labelWidth + (tick.ms - view.start) * scale;
    context.fillRect(x, axisY, 1, 4);
    const labelX = Math.min(options.width - 24, Math.max(labelWidth + 16, x));
    const half = context.measureText(tick.label).width / 2;
    if (labelX - half < labelsEnd + 6) continue;
    context.fillText(tick.label, labelX, axisY + 5);
    labelsEnd = labelX + half;
  }
  context.textAlign = 'start';
}

/** `label`, shortened with an ellipsis to fit `width` px in the context's font. */
function fitText(context: CanvasRenderingContext2D, label: string, width: number): string {
  if (context.measureText(label).width <= width) return label;
  let low = 0;
  let high = label.length;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (context.measureText(`${label.slice(0, middle)}…`).width <= width) low = middle;
    else high = middle - 1;
  }
  return `${label.slice(0, low)}…`;
}
