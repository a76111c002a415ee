/** The race cases of `npm run calibrate` and their last results (calibration/races/results.json). */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { raceAgrees, raceCaseIds, RACE_FACTOR, type RaceResult } from '../../scripts/calibrate/races';

const file = JSON.parse(readFileSync(new URL('../../calibration/races/results.json', import.meta.url), 'utf8')) as { results: RaceResult[] };

describe('the race criterion', () => {
  test('zero must be zero; non-zero must be non-zero and within the factor', () => {
    expect(raceAgrees(0, 0)).toBe(true);
    expect(raceAgrees(0, 0.001)).toBe(false);
    expect(raceAgrees(0.3, 0)).toBe(false);
    expect(raceAgrees(0.3, 0.3 * RACE_FACTOR)).toBe(true);
    expect(raceAgrees(0.3, 0.3 * RACE_FACTOR * 1.01)).toBe(false);
    expect(raceAgrees(0.3, 0.3 / RACE_FACTOR / 1.01)).toBe(false);
  });
});

describe('the recorded results', () => {
  test('both cases ran on each interpreter, and "agrees" follows the criterion', () => {
    for (const id of raceCaseIds) expect(file.results.filter((result) => result.id === id).length, id).toBeGreaterThanOrEqual(6);
    for (const result of file.results) {
      expect(result.agrees, `${result.id} ${result.python}`).toBe(raceAgrees(result.measured.median, result.simulated.median));
      if (!result.agrees) expect(result.explanation, `${result.id} ${result.python} misses without an explanation`).toBeTruthy();
    }
  });

  test('as measured: inline loses nothing from 3.10 on and loses before; a call loses everywhere', () => {
    for (const result of file.results) {
      const [major, minor] = result.python.replace('CPython ', '').split('.').map(Number);
      const modern = major === 3 && minor >= 10;
      if (result.id === 'race-inline' && modern) expect(result.measured.median, result.python).toBe(0);
      else expect(result.measured.median, `${result.id} ${result.python}`).toBeGreaterThan(0);
    }
  });
});
