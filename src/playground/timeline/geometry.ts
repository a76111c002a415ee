/**
 * The live timeline's time window, without the DOM: zoom and pan within a run, and
 * what is under the pointer. The lanes, the pixel columns, the ticks and the time
 * words come from the timeline core (`src/timeline/`), shared with the build-time
 * SVG and the CLI.
 */
import type { RunResult } from '../../sim/result';
import { firstEndingAfter, type Span, type View } from '../../timeline/columns';

/** The span under time `time`, or the nearest one within `tolerance` ms; -1 if none. */
export function spanAt(spans: readonly Span[], time: number, tolerance: number): number {
  const index = firstEndingAfter(spans, time - tolerance);
  let best = -1;
  let bestDistance = Infinity;
  for (let i = index; i < spans.length && spans[i].start <= time + tolerance; i++) {
    const span = spans[i];
    const distance = time < span.start ? span.start - time : time >= span.end ? time - span.end : 0;
    if (distance < bestDistance) {
      best = i;
      bestDistance = distance;
      if (distance === 0) break;
    }
  }
  return best;
}

/** Zoom by `factor` (> 1 zooms in) keeping `anchor` (ms) under the pointer, within [0, total]. */
export function zoomView(view: View, factor: number, anchor: number, total: number): View {
  const minSpan = Math.min(total, 1e-4); // 100 ns: finer than any simulated cost
  const span = Math.min(total, Math.max(minSpan, (view.end - view.start) / factor));
  const ratio = (anchor - view.start) / (view.end - view.start || 1);
  return clampView({ start: anchor - ratio * span, end: anchor - ratio * span + span }, total);
}

/** Move the window by `delta` ms, within [0, total]. */
export function panView(view: View, delta: number, total: number): View {
  return clampView({ start: view.start + delta, end: view.end + delta }, total);
}

/** Keep a window inside [0, total] without changing its width. */
export function clampView(view: View, total: number): View {
  const span = Math.min(view.end - view.start, total);
  let start = Math.max(0, view.start);
  if (start + span > total) start = total - span;
  return { start, end: start + span };
}

/** The longest simulated end among several runs: compare mode shares one time axis. */
export function sharedEnd(results: readonly RunResult[]): number {
  return Math.max(1e-3, ...results.map((result) => result.trace.endMs));
}
