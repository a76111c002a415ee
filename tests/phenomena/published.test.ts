/**
 * The simulator reproduces every published (and this-machine measured) figure in
 * calibration/published.json within the tolerance stated there and on the
 * "How the simulator works" page. A failure here is a model that misses a
 * figure: tune src/sim/runtimes.ts, never the tolerance.
 */
import { describe, expect, test } from 'vitest';
import { describeTolerance, publishedFigures, simulateFigure } from '../../scripts/calibrate/published';

describe('published figures', () => {
  test('every figure names a source, a confidence tag and why its tolerance is what it is', () => {
    for (const figure of publishedFigures) {
      expect(figure.url ?? figure.sourceFile, figure.id).toBeTruthy();
      expect(['P', 'S', 'M', 'U']).toContain(figure.confidence);
      expect(figure.why.length, figure.id).toBeGreaterThan(10);
    }
  });

  for (const figure of publishedFigures) {
    test(`${figure.id}: ${figure.figure}`, () => {
      const { simulated, within } = simulateFigure(figure);
      expect(within, `simulated ${simulated.toPrecision(3)} vs published ${figure.published.toPrecision(3)} (${
        describeTolerance(figure.tolerance)})`).toBe(true);
    });
  }
});
