/** Time-axis ticks at round values (1, 2 or 5 × a power of ten ms). */

export interface Tick {
  ms: number;
  label: string;
}

/** About `target` ticks from 0 to `endMs` inclusive of 0, at a round step. */
export function timeTicks(endMs: number, target = 6): Tick[] {
  if (!(endMs > 0)) return [{ ms: 0, label: '0 ms' }];
  const rough = endMs / Math.max(1, target);
  const power = 10 ** Math.floor(Math.log10(rough));
  // The round step nearest the rough one on a log scale.
  const step = [1, 2, 5, 10]
    .map((m) => m * power)
    .reduce((best, candidate) => (Math.abs(Math.log(candidate / rough)) < Math.abs(Math.log(best / rough)) ? candidate : best));
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const ticks: Tick[] = [];
  for (let i = 0; i * step <= endMs * (1 + 1e-9); i++) {
    const ms = i * step;
    ticks.push({ ms, label: `${ms.toFixed(decimals)} ms` });
  }
  return ticks;
}
