/**
 * Rows of the validation table on "How the simulator works", joined from the
 * calibration data files. Pure: the component only renders them.
 */
import type { PublishedFigure, Tolerance } from './published';

/** calibration/results.json as `npm run calibrate` writes it. */
export interface CalibrationResults {
  machine: { nproc: number; cpuModel: string; kernel: string; date: string; loadAverage?: { start: number; end: number }; niceMinus20?: boolean };
  bytecodeNs: Record<string, number>;
  tolerance: number;
  results: {
    id: string; title: string; python: string; cpus: number; ratio: string;
    measured: { ratio: number; ratios: number[] };
    simulated: { ratio: number };
    simulatedOverMeasured: number;
    withinTolerance: boolean;
  }[];
}

/** calibration/published-results.json */
export interface PublishedResults {
  date: string;
  results: { id: string; simulated: number | null; ratio: number | null; within: boolean; error?: string }[];
}

export interface MeasuredRow {
  scenario: string;
  python: string;
  cpus: number;
  measured: string;
  runs: string;
  simulated: string;
  ratio: string;
  within: boolean;
  explanation: string;
}

export interface PublishedRow {
  id: string;
  figure: string;
  source: string;
  url: string | null;
  confidence: string;
  published: string;
  simulated: string;
  ratio: string;
  tolerance: string;
  within: boolean;
  why: string;
}

/** Three significant figures, without trailing noise ("1.5", "0.0033", "29.4"). */
export function formatValue(value: number | null, unit?: string): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const text = Number(value.toPrecision(3)).toString();
  return unit ? `${text} ${unit}` : `${text}×`;
}

export function formatTolerance(tolerance: Tolerance): string {
  return 'relative' in tolerance ? `±${Math.round(tolerance.relative * 100)}%` : `within ${tolerance.factor}× either way`;
}

export function measuredRows(data: CalibrationResults): MeasuredRow[] {
  return data.results.map((result) => ({
    scenario: result.title,
    python: result.python,
    cpus: result.cpus,
    measured: formatValue(result.measured.ratio),
    runs: result.measured.ratios.map((ratio) => formatValue(ratio)).join(', '),
    simulated: formatValue(result.simulated.ratio),
    ratio: Number(result.simulatedOverMeasured.toPrecision(3)).toString(),
    within: result.withinTolerance,
    explanation: result.ratio,
  }));
}

export function publishedRows(figures: readonly PublishedFigure[], results: PublishedResults): PublishedRow[] {
  return figures.map((figure) => {
    const result = results.results.find((entry) => entry.id === figure.id);
    return {
      id: figure.id,
      figure: figure.figure,
      source: figure.source,
      url: figure.url,
      confidence: figure.confidence,
      published: formatValue(figure.published, figure.unit),
      simulated: result?.error ? 'error' : formatValue(result?.simulated ?? null, figure.unit),
      ratio: result?.ratio == null ? '—' : Number(result.ratio.toPrecision(3)).toString(),
      tolerance: formatTolerance(figure.tolerance),
      within: result?.within ?? false,
      why: result?.error ? `${figure.why} The simulator stopped with: ${result.error}` : figure.why,
    };
  });
}

/** Confidence tags as the reference sheet names them. */
export const confidenceNames: Record<string, string> = {
  P: 'primary source', S: 'secondary source', M: 'measured on this machine kind', U: 'unverified',
};
