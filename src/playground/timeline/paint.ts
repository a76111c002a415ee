/**
 * Draw lanes onto a 2D canvas context, at pixel resolution. Used for the live
 * timeline and for the PNG export; knows nothing about events or the page.
 */
import { backgrounds, stateColours, stateLabels, threadColours, type Theme } from '../../timeline/palette';
import type { ThreadState } from '../../sim/result';
import { firstEndingAfter, formatMs, pixelRuns, timeTicks, type Lane, type View } from './geometry';

/** Sizes of the drawing, in CSS pixels. */
export const timelineMetrics = { labelWidth: 92, laneHeight: 16, laneGap: 4, axisHeight: 20, top: 4 };

/** Height of a timeline with `laneCount` lanes. */
export function timelineHeight(laneCount: number): number {
  const { laneHeight, laneGap, axisHeight, top } = timelineMetrics;
  return top + laneCount * (laneHeight + laneGap) + axisHeight;
}

/** Which lane a y coordinate falls in, or -1. */
export function laneAtY(y: number, laneCount: number): number {
  const { laneHeight, laneGap, top } = timelineMetrics;
  const index = Math.floor((y - top) / (laneHeight + laneGap));
  return index >= 0 && index < laneCount && (y - top) % (laneHeight + laneGap) <= laneHeight ? index : -1;
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

export interface PaintOptions {
  width: number;
  height: number;
  theme: Theme;
  /** Scenario line whose intervals are outlined (linked views). */
  highlightLine?: number;
  /** Span under the pointer, outlined. */
  hover?: { lane: number; index: number };
}

/** Paint the whole timeline (labels, lanes, axis) into `context`, sized in CSS pixels. */
export function paintTimeline(context: CanvasRenderingContext2D, lanes: readonly Lane[], view: View, options: PaintOptions): void {
  const { labelWidth, laneHeight, laneGap, top } = timelineMetrics;
  const plotWidth = Math.max(1, options.width - labelWidth);
  const text = options.theme === 'dark' ? '#e6e8eb' : '#1f2328';
  const faint = options.theme === 'dark' ? '#3a3f48' : '#e3e5e8';
  context.fillStyle = backgrounds[options.theme];
  context.fillRect(0, 0, options.width, options.height);
  context.font = '11px system-ui, sans-serif';
  context.textBaseline = 'middle';
  const scale = plotWidth / (view.end - view.start);
  lanes.forEach((lane, index) => {
    const y = top + index * (laneHeight + laneGap);
    context.fillStyle = text;
    context.fillText(truncate(lane.label, 14), 4, y + laneHeight / 2);
    context.fillStyle = faint;
    context.fillRect(labelWidth, y + laneHeight / 2, plotWidth, 1);
    for (const run of pixelRuns(lane, view, plotWidth)) {
      context.fillStyle = paintColour(run.paint, options.theme);
      context.fillRect(labelWidth + run.x0, y, run.x1 - run.x0, laneHeight);
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
  });
  const axisY = top + lanes.length * (laneHeight + laneGap);
  context.fillStyle = text;
  context.textBaseline = 'top';
  context.textAlign = 'center';
  for (const tick of timeTicks(view, Math.max(2, Math.floor(plotWidth / 90)))) {
    const x = labelWidth + (tick - view.start) * scale;
    context.fillRect(x, axisY, 1, 4);
    context.fillText(formatMs(tick), Math.min(options.width - 24, Math.max(labelWidth + 16, x)), axisY + 5);
  }
  context.textAlign = 'start';
}

function truncate(label: string, length: number): string {
  return label.length > length ? `${label.slice(0, length - 1)}…` : label;
}
