/**
 * Simulated time as words: every place that prints milliseconds (prose, tables, the
 * canvas, axis ticks, the CLI) asks `formatMs` for one of its styles, so a duration
 * reads the same wherever the same style is used.
 */

/**
 * - `'unit'` (default): three significant digits in the unit that fits, "250 µs", "12.3 ms", "2.5 s".
 * - `'prose'`: a number for text and tables that name "ms" once, with precision by magnitude:
 *   whole from 100 ("1,234"), one decimal from 10, else two, and "<0.01" rather than a false zero.
 * - `'column'`: fixed decimals that line up in the CLI's columns, "0.0042", "9.351", "25.9".
 * - `{ step, largest }`: a tick of an axis whose ticks are `step` ms apart, up to `largest` ms:
 *   one unit and one number of decimals for every tick, "0.0 ms", "0.5 ms", "1.0 ms" (s from
 *   1000 ms steps; µs for steps below 0.1 ms on an axis that stays below 1 ms, "50 µs").
 */
export type MsStyle = 'unit' | 'prose' | 'column' | { step: number; largest?: number };

export function formatMs(ms: number, style: MsStyle = 'unit'): string {
  if (typeof style === 'object') return tickLabel(ms, style.step, style.largest);
  const abs = Math.abs(ms);
  switch (style) {
    case 'prose': {
      if (ms === 0) return '0';
      if (abs < 0.005) return '<0.01';
      const decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
      return ms.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    }
    case 'column':
      if (ms === 0) return '0';
      return ms.toFixed(ms < 0.01 ? 4 : ms < 10 ? 3 : 1);
    case 'unit':
      if (abs === 0) return '0 ms';
      if (abs < 1) return `${significant(ms * 1000)} µs`;
      if (abs < 1000) return `${significant(ms)} ms`;
      return `${significant(ms / 1000)} s`;
  }
}

/** Three significant digits, without trailing zeros. */
function significant(value: number): string {
  return Number(value.toPrecision(3)).toString();
}

function tickLabel(ms: number, step: number, largest = Math.abs(ms)): string {
  const [unit, perMs] = step >= 1000 ? ['s', 1e-3] : step >= 0.1 || !(step > 0) || largest >= 1 ? ['ms', 1] : ['µs', 1e3];
  const unitStep = step * perMs;
  // Enough decimals to tell neighbouring ticks apart (1e-9 absorbs 0.30000000000000004-style steps).
  const decimals = unitStep > 0 ? Math.min(20, Math.max(0, -Math.floor(Math.log10(unitStep) + 1e-9))) : 0;
  return `${(ms * perMs).toFixed(decimals)} ${unit}`;
}

/** A 0..1 fraction as a whole percentage. */
export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}
