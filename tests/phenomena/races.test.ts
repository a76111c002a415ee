/**
 * "Does the GIL make my code thread-safe?" Two threads each add one to a global a
 * million times (`calibration/races/measure.py`, measured under `m-races` in
 * docs/sources.md): up to 3.9 a thread switch can land between the read and the
 * write of `counter += 1` and updates are lost; from 3.10 a plain `+=` in a loop is
 * never split, but a function call between the read and the write splits it again;
 * free-threaded builds lose updates whenever the two threads overlap.
 */
import { describe, expect, test } from 'vitest';
import { runScenario, type RuntimeName, type RunResult } from 'gilsim';
import { race } from '../helpers/races';

const TIMES = 1_000_000;
const seeds = [1, 2, 3];

function counter(result: RunResult) {
  expect(result.shared).toHaveLength(1);
  return result.shared[0];
}

function lostFractions(runtime: RuntimeName, via: 'inline' | 'call'): number[] {
  return seeds.map((seed) => {
    const shared = counter(runScenario(race({ times: TIMES, via, runtime, seed })));
    return shared.lost / shared.expected;
  });
}

describe('two threads, counter += 1 a million times each', () => {
  // Measured: 2.7.18 and 3.9.18 lose updates in every run, both ways.
  for (const runtime of ['cpython-2.7', 'cpython-3.1', 'cpython-3.9'] as const) {
    test(`${runtime}: a switch lands inside the read-modify-write, so updates are lost both inline and through a call`, () => {
      for (const via of ['inline', 'call'] as const) {
        for (const fraction of lostFractions(runtime, via)) {
          expect(fraction, via).toBeGreaterThan(0.02);
          expect(fraction, via).toBeLessThan(0.9);
        }
      }
    });
  }

  // Measured: 3.10.13, 3.11.7, 3.12.1 and 3.13.0 never lose inline, and always through a call.
  for (const runtime of ['cpython-3.11', 'cpython-3.12', 'cpython-3.13', 'cpython-3.14'] as const) {
    test(`${runtime}: counter += 1 is never split (switches only at calls and backward jumps), a call splits it`, () => {
      expect(lostFractions(runtime, 'inline')).toEqual(seeds.map(() => 0));
      for (const fraction of lostFractions(runtime, 'call')) expect(fraction).toBeGreaterThan(0.02);
    });
  }

  for (const runtime of ['cpython-3.13t', 'cpython-3.14t'] as const) {
    test(`${runtime}: without a GIL the threads run at once and lose updates either way`, () => {
      for (const via of ['inline', 'call'] as const) {
        for (const fraction of lostFractions(runtime, via)) expect(fraction, via).toBeGreaterThan(0.05);
      }
    });
  }
});

describe('what never loses an update', () => {
  const all: RuntimeName[] = ['cpython-2.7', 'cpython-3.9', 'cpython-3.12', 'cpython-3.13t'];

  test('one thread alone', () => {
    for (const runtime of all) {
      const shared = counter(runScenario(race({ threads: 1, times: TIMES, via: 'call', runtime })));
      expect(shared, runtime).toEqual({ name: 'counter', value: TIMES, expected: TIMES, lost: 0 });
    }
  });

  test('a lock around the update, on every runtime, even with four threads on one CPU', () => {
    for (const runtime of all) {
      for (const cpus of [1, 2]) {
        const result = runScenario(race({ threads: 4, times: 200_000, via: 'call', runtime, cpus, locked: true }));
        expect(counter(result), `${runtime} on ${cpus} CPUs`).toMatchObject({ value: 800_000, lost: 0 });
        expect(result.trace.events.some((event) => event.kind === 'lost-update')).toBe(false);
      }
    }
  });

  test('the lock costs time: the locked loop takes longer than the racing one', () => {
    const racing = runScenario(race({ times: TIMES, runtime: 'cpython-3.9' })).metrics.wallMs;
    const locked = runScenario(race({ times: TIMES, runtime: 'cpython-3.9', locked: true })).metrics.wallMs;
    expect(locked).toBeGreaterThan(racing * 1.3);
  });
});

describe('the timeline and the seed', () => {
  test('each stale write is marked on the timeline, on the thread that wrote it', () => {
    const result = runScenario(race({ times: TIMES, runtime: 'cpython-3.9' }));
    const marks = result.trace.events.filter((event) => event.kind === 'lost-update');
    expect(counter(result).lost).toBeGreaterThan(0);
    expect(marks.length).toBeGreaterThan(0);
    const adders = new Set(result.trace.threads.filter((thread) => thread.name.startsWith('adder-')).map((thread) => thread.id));
    for (const mark of marks) expect(adders.has(mark.thread)).toBe(true);
    expect(runScenario(race({ times: TIMES, runtime: 'cpython-3.12' })).trace.events.some((event) => event.kind === 'lost-update')).toBe(false);
  });

  test('same seed, same count; another seed, another count', () => {
    for (const runtime of ['cpython-2.7', 'cpython-3.9', 'cpython-3.12', 'cpython-3.14t'] as const) {
      const run = (seed: number) => counter(runScenario(race({ times: TIMES, via: 'call', runtime, seed }))).value;
      expect(run(7), runtime).toBe(run(7));
    }
    const values = new Set(seeds.map((seed) => counter(runScenario(race({ times: TIMES, runtime: 'cpython-2.7', seed }))).value));
    expect(values.size).toBeGreaterThan(1);
  });
});
