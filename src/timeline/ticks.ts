/**
 * Time-axis ticks at round values (1, 2 or 5 × a power of ten ms), for the build-time
 * SVG, the playground's canvas and its SVG download alike.
 */
import type { View } from './columns';
import { formatMs } from './format';

export interface Tick {
  ms: number;
  label: string;
}

/**
 * About `target` ticks across `view`, at the round step nearest `span / target` on a
 * log scale (so the count stays within a factor of about 1.6 of `target`), on whole
 * multiples of the step, labelled alike (`formatMs(ms, { step })`).
 */
export function timeTicks(view: View, target = 6): Tick[] {
  const span = view.end - view.start;
  if (!(span > 0)) return [{ ms: view.start, label: formatMs(view.start, { step: 1 }) }];
  const rough = span / Math.max(1, target);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10]
    .map((m) => m * power)
    .reduce((best, candidate) => (Math.abs(Math.log(candidate / rough)) < Math.abs(Math.log(best / rough)) ? candidate : best));
  const times: number[] = [];
  for (let i = Math.ceil(view.start / step - 1e-9); ; i++) {
    // Whole multiples of the step, cleaned of binary fractions (3 × 0.1 is 0.30000000000000004).
    const ms = Number((i * step).toPrecision(15));
    if (ms > view.end + step * 1e-9) break;
    times.push(ms);
  }
  const largest = Math.max(...times.map(Math.abs));
  return times.map((ms) => ({ ms, label: formatMs(ms, { step, largest }) }));
}
