/**
 * The published figures (calibration/published.json) and how the simulator's
 * value for each is computed and judged. Shared by tests/phenomena/published.test.ts,
 * `npm run calibrate` (which stores the simulated values for the site) and the
 * validation table.
 */
import { runScenario, type Metrics, type Scenario } from 'gilsim';
import { z } from 'zod';
import publishedData from '../../calibration/published.json';
import { checked, publishedFigureSchema } from './data-files';
import { scenarioFiles } from '../../calibration/scenarios/index';

/** How close the simulator must come: relative error, or within a factor either way. */
export type Tolerance = { relative: number } | { factor: number };

export interface PublishedFigure {
  id: string;
  source: string;
  url: string | null;
  /** For a figure with no URL: where in this repository its source is described (docs/sources.md#key). */
  sourceFile?: string;
  /** P primary, S secondary, M measured on this machine kind, U unverified (as in docs/sources.md). */
  confidence: 'P' | 'S' | 'M' | 'U';
  figure: string;
  published: number;
  compare: 'ratio' | 'value';
  /** wallMs, thread:<name> (that thread's lifetime), or ioLatencyMs.p50. */
  metric: string;
  numerator?: string;
  denominator?: string;
  scenario?: string;
  unit?: string;
  tolerance: Tolerance;
  why: string;
}

/** The figures, checked against the file's schema (data-files.ts) rather than cast. */
export const publishedFigures: readonly PublishedFigure[] = checked(z.array(publishedFigureSchema), publishedData.figures, 'calibration/published.json');

/** The scenario a "file#export" reference names. */
export function scenarioFor(reference: string): Scenario {
  const [file, name] = reference.split('#');
  const module = (scenarioFiles as Record<string, Record<string, unknown>>)[file];
  const scenario = module?.[name] as Scenario | undefined;
  if (!scenario || scenario.kind !== 'gilsim-scenario') throw new Error(`published.json names ${reference}, which is not a scenario`);
  return scenario;
}

/** The figure's metric read from a run's metrics. */
export function readMetric(metric: string, metrics: Metrics): number {
  if (metric === 'wallMs') return metrics.wallMs;
  if (metric === 'ioLatencyMs.p50') return metrics.ioLatencyMs.p50;
  if (metric.startsWith('thread:')) {
    const name = metric.slice('thread:'.length);
    const thread = metrics.threads.find((candidate) => candidate.name === name);
    if (!thread) throw new Error(`no thread named ${name} in the run`);
    return thread.endMs - thread.startMs;
  }
  throw new Error(`unknown metric ${metric}`);
}

export interface SimulatedFigure {
  simulated: number;
  /** simulated / published */
  ratio: number;
  within: boolean;
}

/** Run the figure's scenario(s) on the simulator and judge the result. */
export function simulateFigure(figure: PublishedFigure): SimulatedFigure {
  let simulated: number;
  if (figure.compare === 'ratio') {
    const numerator = readMetric(figure.metric, runScenario(scenarioFor(figure.numerator!)).metrics);
    const denominator = readMetric(figure.metric, runScenario(scenarioFor(figure.denominator!)).metrics);
    simulated = numerator / denominator;
  } else {
    simulated = readMetric(figure.metric, runScenario(scenarioFor(figure.scenario!)).metrics);
  }
  return { simulated, ratio: simulated / figure.published, within: withinTolerance(figure.tolerance, simulated, figure.published) };
}

export function withinTolerance(tolerance: Tolerance, simulated: number, published: number): boolean {
  if ('relative' in tolerance) return Math.abs(simulated - published) <= tolerance.relative * Math.abs(published);
  return simulated >= published / tolerance.factor && simulated <= published * tolerance.factor;
}

/** "±15%" or "×/÷ 2". */
export function describeTolerance(tolerance: Tolerance): string {
  return 'relative' in tolerance ? `±${Math.round(tolerance.relative * 100)}%` : `×/÷ ${tolerance.factor}`;
}
