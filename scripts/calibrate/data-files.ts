/**
 * The calibration data files, checked on read: `npm run calibrate` writes them and a
 * person may edit them, so the site and the tests never trust their shape blindly.
 * A bad file fails the build with the path of the first wrong field.
 */
import { z } from 'zod';
import results from '../../calibration/results.json';
import published from '../../calibration/published.json';
import publishedResults from '../../calibration/published-results.json';
import explanations from '../../calibration/explanations.json';

const tolerance = z.union([z.strictObject({ relative: z.number().positive() }), z.strictObject({ factor: z.number().gt(1) })]);

export const publishedFigureSchema = z.object({
  id: z.string().min(1),
  source: z.string(),
  url: z.string().nullable(),
  sourceFile: z.string().optional(),
  confidence: z.enum(['P', 'S', 'M', 'U']),
  figure: z.string(),
  published: z.number(),
  compare: z.enum(['ratio', 'value']),
  metric: z.string(),
  numerator: z.string().optional(),
  denominator: z.string().optional(),
  scenario: z.string().optional(),
  unit: z.string().optional(),
  tolerance,
  why: z.string(),
});

/** calibration/host/two-cpus.py: two busy processes' CPU time over one alone's. */
const twoCpusProbe = z.object({
  soloMs: z.number().positive(), soloRangeMs: z.tuple([z.number(), z.number()]), slowdowns: z.array(z.number()), medianSlowdown: z.number().positive(),
});

export const calibrationResultsSchema = z.object({
  machine: z.object({
    nproc: z.number().int().positive(), cpuModel: z.string(), kernel: z.string(), date: z.string(),
    loadAverage: z.object({ start: z.number(), end: z.number() }).optional(),
    niceMinus20: z.boolean().optional(),
    wake: z.object({
      start: z.object({ roundTripUs: z.number().positive(), wakingWriteUs: z.number().nonnegative() }),
      end: z.object({ roundTripUs: z.number().positive(), wakingWriteUs: z.number().nonnegative() }),
    }).optional(),
    twoCpus: z.object({ start: twoCpusProbe, end: twoCpusProbe }).optional(),
  }),
  bytecodeNs: z.record(z.string(), z.number().positive()),
  tolerance: z.number().positive(),
  results: z.array(z.object({
    id: z.string(), title: z.string(), python: z.string(), runtime: z.string(), cpus: z.number().int().positive(), ratio: z.string(),
    measured: z.object({ a: z.array(z.number()), b: z.array(z.number()), ratio: z.number(), ratios: z.array(z.number()) }),
    simulated: z.object({ a: z.number(), b: z.number(), ratio: z.number(), ratios: z.array(z.number()) }),
    simulatedOverMeasured: z.number(),
    withinTolerance: z.boolean(),
    remeasured: z.object({ at: z.string(), bytecodeNs: z.number().positive() }).optional(),
  })),
});

/** A results table as `npm run calibrate` writes it, reduced to what merging needs. */
interface ResultsTable<Row extends { id: string; python: string }, Machine extends { date: string }> {
  machine: Machine;
  bytecodeNs: Record<string, number>;
  results: Row[];
}

/**
 * `npm run calibrate -- --only CASE` re-measures one case into the last full run's table:
 * its rows replace that case's rows in place (new ones go last) and say when they were
 * measured and at what bytecode cost; the header keeps describing the full run (machine,
 * load, probes, the bytecode costs its other rows were simulated with).
 */
export function mergeRemeasured<Row extends { id: string; python: string }, Machine extends { date: string }>(
  table: ResultsTable<Row, Machine>, fresh: ResultsTable<Row, Machine>,
): ResultsTable<Row & { remeasured?: Remeasured }, Machine> {
  const key = (row: Row) => `${row.id}|${row.python}`;
  const remeasured = new Map(fresh.results.map((row) => [key(row), {
    ...row, remeasured: { at: fresh.machine.date, bytecodeNs: fresh.bytecodeNs[row.python] ?? Number.NaN },
  }]));
  const results: (Row & { remeasured?: Remeasured })[] = table.results.map((row) => remeasured.get(key(row)) ?? row);
  const known = new Set(table.results.map(key));
  for (const [rowKey, row] of remeasured) if (!known.has(rowKey)) results.push(row);
  return { machine: table.machine, bytecodeNs: table.bytecodeNs, results };
}

/** When a row of the table was re-measured alone, and the bytecode cost it was simulated with. */
export interface Remeasured { at: string; bytecodeNs: number }

export const publishedResultsSchema = z.object({
  date: z.string(),
  results: z.array(z.object({
    id: z.string(), simulated: z.number().nullable(), ratio: z.number().nullable(), within: z.boolean(), error: z.string().optional(),
  })),
});

export const explanationsSchema = z.object({
  about: z.string(),
  measured: z.record(z.string(), z.string()),
  published: z.record(z.string(), z.string()),
  twins: z.record(z.string(), z.string()),
});

/** Parse `data` with `schema`, or throw naming the file and the first wrong field. */
export function checked<T>(schema: z.ZodType<T>, data: unknown, file: string): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`${file}: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`);
}

export type PublishedFigureData = z.infer<typeof publishedFigureSchema>;

/** Every calibration file, checked. */
export const calibrationData = {
  results: checked(calibrationResultsSchema, results, 'calibration/results.json'),
  figures: checked(z.array(publishedFigureSchema), published.figures, 'calibration/published.json'),
  publishedResults: checked(publishedResultsSchema, publishedResults, 'calibration/published-results.json'),
  explanations: checked(explanationsSchema, explanations, 'calibration/explanations.json'),
};
