/**
 * Shared variables over random scenarios (fast-check): whatever the runtime, CPUs,
 * threads and seed, every increment is counted (value + lost = expected = initial +
 * every `times`), nothing is lost below zero, a lock or a lone thread loses nothing,
 * and the seed fixes the count.
 */
import { expect, test } from 'vitest';
import fc from 'fast-check';
import { defineScenario, increment, io, join, Lock, py, runScenario, runtimeNames, Shared, spawn, type TaskHandle } from 'gilsim';

const adder = fc.record({
  times: fc.integer({ min: 0, max: 300_000 }),
  via: fc.constantFrom('inline' as const, 'call' as const),
  // Other work between updates: bytecodes, or a blocking call that releases the GIL.
  before: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 200_000 })),
  sleepMs: fc.constantFrom(0, 0.05, 1),
});

const setup = fc.record({
  runtime: fc.constantFrom(...runtimeNames),
  cpus: fc.integer({ min: 1, max: 4 }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  switchIntervalMs: fc.constantFrom(5, 1, 0.05),
  initial: fc.integer({ min: -1000, max: 1000 }),
  locked: fc.boolean(),
  adders: fc.array(adder, { minLength: 1, maxLength: 4 }),
});

type Setup = typeof setup extends fc.Arbitrary<infer T> ? T : never;

function build({ runtime, cpus, seed, switchIntervalMs, initial, locked, adders }: Setup) {
  return defineScenario({
    runtime, cpus, seed, switchIntervalMs,
    *main() {
      const counter = new Shared('counter', initial);
      const lock = locked ? new Lock('lock') : undefined;
      const handles: TaskHandle[] = [];
      for (const [index, { times, via, before, sleepMs }] of adders.entries()) {
        handles.push(yield* spawn(`adder-${index}`, function* () {
          if (before) yield py(before);
          yield increment(counter, { times, via, lock });
          if (sleepMs) yield io(sleepMs);
          yield increment(counter, { times: Math.floor(times / 2), via, lock });
        }));
      }
      for (const handle of handles) yield* join(handle);
    },
  });
}

test('every increment is counted, lost >= 0, a lock or a lone thread loses nothing, a seed fixes the count', () => {
  fc.assert(fc.property(setup, (config) => {
    const result = runScenario(build(config));
    expect(result.shared).toHaveLength(1);
    const [{ value, expected, lost, name }] = result.shared;
    expect(name).toBe('counter');
    const added = config.adders.reduce((sum, { times }) => sum + times + Math.floor(times / 2), 0);
    expect(expected).toBe(config.initial + added);
    expect(value + lost).toBe(expected);
    expect(lost).toBeGreaterThanOrEqual(0);
    expect(Number.isInteger(value)).toBe(true);
    if (config.locked || config.adders.length === 1) expect(lost).toBe(0);
    const marks = result.trace.events.filter((event) => event.kind === 'lost-update').length;
    if (lost === 0) expect(marks).toBe(0);
    expect(runScenario(build(config)).shared).toEqual(result.shared);
  }), { numRuns: 60 });
});
