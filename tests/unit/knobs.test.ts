/**
 * Knobs (issue 10, item 1): declared in defineScenario, read by main, validated, and
 * values from a link clamped with a message.
 */
import { describe, expect, expectTypeOf, test } from 'vitest';
import fc from 'fast-check';
import { defineScenario, join, knob, py, readKnobValues, runScenario, SimulationError, spawn, type NumberKnob } from 'gilsim';

const work = knob.number({ label: 'Work per thread', min: 100_000, max: 2_000_000, step: 100_000, default: 500_000, unit: 'bytecodes' });
const cpus = knob.number({ label: 'CPUs', min: 1, max: 4, step: 1, default: 2, unit: { one: 'CPU', other: 'CPUs' }, sets: 'cpus' });
const runtime = knob.choice({ label: 'Runtime', choices: { 'cpython-2.7': 'CPython 2.7', 'cpython-3.12': 'CPython 3.12' }, default: 'cpython-3.12', sets: 'runtime' });

const seen: unknown[] = [];
const scenario = defineScenario({
  knobs: { work, cpus, runtime },
  *main({ knobs }) {
    expectTypeOf(knobs.work).toEqualTypeOf<number>();
    expectTypeOf(knobs.runtime).toEqualTypeOf<'cpython-2.7' | 'cpython-3.12'>();
    seen.push({ ...knobs });
    const a = yield* spawn('a', function* () { yield py(knobs.work); });
    const b = yield* spawn('b', function* () { yield py(knobs.work); });
    yield* join(a);
    yield* join(b);
  },
});

describe('a scenario reads its knobs', () => {
  test('main gets the defaults, and the values a run is given', () => {
    seen.length = 0;
    runScenario(scenario);
    runScenario(scenario, { knobs: { work: 1_000_000 } });
    expect(seen).toEqual([
      { work: 500_000, cpus: 2, runtime: 'cpython-3.12' },
      { work: 1_000_000, cpus: 2, runtime: 'cpython-3.12' },
    ]);
  });

  test('more work per thread takes longer', () => {
    const small = runScenario(scenario, { knobs: { work: 200_000 } }).metrics.wallMs;
    const large = runScenario(scenario, { knobs: { work: 2_000_000 } }).metrics.wallMs;
    expect(large).toBeGreaterThan(small * 5);
  });

  test('a knob that sets a parameter overrides the scenario, and an explicit option overrides the knob', () => {
    const withKnobs = defineScenario({ cpus: 1, runtime: 'cpython-2.7', knobs: { cpus, runtime }, *main() { yield py(10); } });
    expect(runScenario(withKnobs).metrics).toMatchObject({ cpus: 2, runtime: 'cpython-3.12' });
    expect(runScenario(withKnobs, { knobs: { cpus: 4, runtime: 'cpython-2.7' } }).metrics).toMatchObject({ cpus: 4, runtime: 'cpython-2.7' });
    expect(runScenario(withKnobs, { knobs: { cpus: 4 }, cpus: 3 }).metrics.cpus).toBe(3);
  });

  test('runScenario refuses values that are not valid, naming the knob', () => {
    expect(() => runScenario(scenario, { knobs: { work: 99 } })).toThrow(SimulationError);
    expect(() => runScenario(scenario, { knobs: { work: 99 } })).toThrow(/Work per thread: 99 is outside 100000–2000000/);
    expect(() => runScenario(scenario, { knobs: { runtime: 'cpython-4.0' } })).toThrow(/Runtime: "cpython-4.0" is not one of/);
    expect(() => runScenario(scenario, { knobs: { threads: 3 } })).toThrow(/"threads" is not a knob of this scenario/);
  });

  test('a scenario without knobs still runs as before, main taking no argument', () => {
    const plain = defineScenario({ *main() { yield py(10); } });
    expect(runScenario(plain).metrics.wallMs).toBeGreaterThan(0);
  });
});

describe('declarations are checked when the scenario is defined', () => {
  const main = function* () { yield py(1); };
  test.each([
    ['a default outside the range', { n: knob.number({ label: 'N', min: 1, max: 4, step: 1, default: 9 }) }, /knob "n": default 9 is outside 1..4/],
    ['a default off the steps', { n: knob.number({ label: 'N', min: 0, max: 10, step: 2, default: 3 }) }, /not min \+ a whole number of steps/],
    ['min above max', { n: knob.number({ label: 'N', min: 5, max: 1, step: 1, default: 3 }) }, /min \(5\) must not be above max/],
    ['a step of 0', { n: knob.number({ label: 'N', min: 0, max: 1, step: 0, default: 0 }) }, /step must be > 0/],
    ['no label', { n: knob.number({ label: ' ', min: 0, max: 1, step: 1, default: 0 }) }, /needs a label/],
    ['a name that is not a URL word', { 'two words': knob.number({ label: 'N', min: 0, max: 1, step: 1, default: 0 }) }, /letters and digits/],
    ['a runtime that does not exist', { r: { kind: 'choice', label: 'R', choices: { 'cpython-9': '9' }, default: 'cpython-9', sets: 'runtime' } }, /cpython-9 is not a runtime name/],
    ['something that is not a knob', { r: { label: 'R' } }, /knob\.number/],
  ])('%s', (_what, knobs, message) => {
    expect(() => defineScenario({ knobs: knobs as never, main })).toThrow(message);
  });
});

describe('values from a link are clamped, snapped or refused, with a message', () => {
  test.each([
    [{ work: '700000' }, 700_000, []],
    [{ work: '9e9' }, 2_000_000, ['Work per thread: 9000000000 is outside 100000–2000000; using 2000000']],
    [{ work: '-5' }, 100_000, ['Work per thread: -5 is outside 100000–2000000; using 100000']],
    [{ work: '730000' }, 700_000, []],
    [{ work: 'NaN' }, 500_000, ['Work per thread: "NaN" is not a number; using 500000']],
    [{ work: '' }, 500_000, ['Work per thread: "" is not a number; using 500000']],
    [{ work: 'Infinity' }, 500_000, ['Work per thread: "Infinity" is not a number; using 500000']],
  ])('%o', (given, value, problems) => {
    const read = readKnobValues(scenario.knobs, given);
    expect(read.values.work).toBe(value);
    expect(read.problems).toEqual(problems);
  });

  test('an unknown choice, and names that are not knobs (even __proto__), are refused', () => {
    const read = readKnobValues(scenario.knobs, JSON.parse('{"runtime":"<script>","__proto__":"1","constructor":"x"}'));
    expect(read.values).toEqual({ work: 500_000, cpus: 2, runtime: 'cpython-3.12' });
    expect(read.problems).toEqual([
      'Runtime: "<script>" is not one of cpython-2.7, cpython-3.12; using cpython-3.12',
      '"__proto__" is not a knob of this scenario (knobs: work, cpus, runtime)',
      '"constructor" is not a knob of this scenario (knobs: work, cpus, runtime)',
    ]);
  });

  const knobs = fc.record({
    min: fc.integer({ min: -1000, max: 1000 }),
    span: fc.integer({ min: 0, max: 50 }),
    step: fc.constantFrom(1, 2, 0.5, 0.1, 0.25, 1000),
  }).map(({ min, span, step }): NumberKnob => knob.number({ label: 'K', min, max: Number((min + span * step).toFixed(6)), step, default: min }));

  test('whatever text a link gives, the value is within the range and on a step', () => {
    fc.assert(fc.property(knobs, fc.oneof(fc.string(), fc.double().map(String), fc.integer().map(String)), (spec, raw) => {
      const { values } = readKnobValues({ k: spec }, { k: raw });
      const value = values.k as number;
      expect(value).toBeGreaterThanOrEqual(spec.min);
      expect(value).toBeLessThanOrEqual(spec.max);
      const steps = (value - spec.min) / spec.step;
      expect(Math.abs(steps - Math.round(steps))).toBeLessThan(1e-6);
    }));
  });

  test('a valid value comes back unchanged and without a message', () => {
    fc.assert(fc.property(knobs, fc.nat(), (spec, index) => {
      const count = Math.round((spec.max - spec.min) / spec.step) + 1;
      const value = readKnobValues({ k: spec }, { k: spec.min + (index % count) * spec.step }).values.k;
      const again = readKnobValues({ k: spec }, { k: String(value) });
      expect(again).toEqual({ values: { k: value }, problems: [] });
    }));
  });
});
