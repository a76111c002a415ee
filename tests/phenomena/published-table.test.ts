/**
 * The validation table's rows: every published figure appears once with its
 * source, tolerance and the simulator's stored value; measured cases show their
 * ratios and whether they are within the calibration's tolerance.
 */
import { describe, expect, test } from 'vitest';
import published from '../../calibration/published.json';
import publishedResults from '../../calibration/published-results.json';
import type { PublishedFigure } from '../../scripts/calibrate/published';
import { formatTolerance, formatValue, measuredRows, publishedRows, type CalibrationResults } from '../../scripts/calibrate/table-rows';

const figures = published.figures as PublishedFigure[];

describe('validation table rows', () => {
  test('numbers read as ratios or with their unit, to three figures', () => {
    expect(formatValue(1.5549)).toBe('1.55×');
    expect(formatValue(100 / 30000)).toBe('0.00333×');
    expect(formatValue(5.2834, 'ms')).toBe('5.28 ms');
    expect(formatValue(null)).toBe('—');
    expect(formatTolerance({ relative: 0.15 })).toBe('±15%');
    expect(formatTolerance({ factor: 2 })).toBe('within 2× either way');
  });

  test('every published figure has a row with its source link, tolerance and stored simulated value', () => {
    const rows = publishedRows(figures, publishedResults);
    expect(rows.map((row) => row.id)).toEqual(figures.map((figure) => figure.id));
    const skvortsov = rows.find((row) => row.id === 'skvortsov-hashlib-2-threads')!;
    expect(skvortsov.url).toMatch(/^https:\/\/tenthousandmeters\.com\//);
    expect(skvortsov.published).toBe('0.509×');
    expect(skvortsov.tolerance).toBe('±10%');
    expect(skvortsov.simulated).toMatch(/×$/);
    for (const row of rows) expect(row.simulated === 'error' || /\d/.test(row.simulated), row.id).toBe(true);
  });

  test('a figure the simulator could not run shows the error, not a number', () => {
    const [figure] = figures;
    const [row] = publishedRows([figure], { date: '', results: [{ id: figure.id, simulated: null, ratio: null, within: false, error: 'deadlock' }] });
    expect(row.simulated).toBe('error');
    expect(row.within).toBe(false);
    expect(row.why).toContain('deadlock');
  });

  test('measured cases show the median ratio, each run, and the verdict', () => {
    const data: CalibrationResults = {
      machine: { nproc: 2, cpuModel: 'AMD EPYC', kernel: 'Linux 6.18', date: '2026-11-25T10:00:00Z' },
      bytecodeNs: { 'CPython 3.12.1': 2.7 },
      tolerance: 0.15,
      results: [{
        id: 'convoy', title: 'Convoy', python: 'CPython 3.12.1', cpus: 2, ratio: 'I/O thread lifetime',
        measured: { ratio: 29.4, ratios: [28.6, 30.2] }, simulated: { ratio: 49.7 }, simulatedOverMeasured: 1.6904, withinTolerance: false,
      }],
    };
    expect(measuredRows(data)).toEqual([{
      scenario: 'Convoy', python: 'CPython 3.12.1', cpus: 2, measured: '29.4×', runs: '28.6×, 30.2×', simulated: '49.7×',
      ratio: '1.69', within: false, explanation: 'I/O thread lifetime',
    }]);
  });
});
