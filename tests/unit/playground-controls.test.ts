import { describe, expect, test } from 'vitest';
import { controlInputs, controlsFromUnknown, declaredRuntime, intervalLabel, parseControls, parseVariantSpecs, runOptionsFor, variantLabel } from '../../src/playground/controls';

describe('controls', () => {
  test('empty fields mean "as the scenario says"', () => {
    expect(parseControls({ runtime: '', cpus: ' ', interval: '', seed: '' })).toEqual({ ok: true, controls: {} });
  });

  test.each([
    ['cpus', '0', /1 to 64/],
    ['cpus', '65', /1 to 64/],
    ['cpus', '2.5', /whole number/],
    ['runtime', 'cpython-4.0', /Unknown runtime/],
    ['interval', '-1', /above 0/],
    ['seed', 'abc', /whole number/],
  ] as const)('%s = %j is refused with a clear message', (field, value, message) => {
    const parsed = parseControls({ [field]: value });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[field]).toMatch(message);
  });

  test('valid values parse and print back', () => {
    const parsed = parseControls({ runtime: 'cpython-2.7', cpus: '64', interval: '50', seed: '3' });
    expect(parsed).toEqual({ ok: true, controls: { runtime: 'cpython-2.7', cpus: 64, interval: 50, seed: 3 } });
    if (parsed.ok) expect(controlInputs(parsed.controls)).toEqual({ runtime: 'cpython-2.7', cpus: '64', interval: '50', seed: '3' });
  });

  test('the interval is a check interval on the old GIL and a switch interval on the new one', () => {
    expect(runOptionsFor({ runtime: 'cpython-2.7', interval: 1000 }, undefined)).toEqual({ runtime: 'cpython-2.7', checkInterval: 1000 });
    expect(runOptionsFor({ interval: 0.5 }, 'cpython-3.12')).toEqual({ switchIntervalMs: 0.5 });
    // The scenario's runtime decides when the controls leave the runtime alone.
    expect(runOptionsFor({ interval: 10 }, 'cpython-2.2')).toEqual({ checkInterval: 10 });
    expect(runOptionsFor({ interval: 10, cpus: 4 }, 'cpython-3.13t')).toEqual({ cpus: 4 });
    expect(intervalLabel('cpython-2.7')).toMatch(/ticks/);
    expect(intervalLabel(undefined)).toMatch(/ms/);
  });

  test('data-variants: valid entries kept, bad ones skipped, bad JSON gives none', () => {
    const json = JSON.stringify([
      { label: 'Old', runtime: 'cpython-2.7', cpus: 2 },
      { runtime: 'cpython-3.12', cpus: 1 },
      { runtime: 'nope' },
      { cpus: 100 },
    ]);
    expect(parseVariantSpecs(json)).toEqual([
      { label: 'Old', controls: { runtime: 'cpython-2.7', cpus: 2 } },
      { label: 'CPython 3.12, 1 CPU', controls: { runtime: 'cpython-3.12', cpus: 1 } },
    ]);
    expect(parseVariantSpecs('{oops')).toEqual([]);
    // Other parameters a chapter fixes are kept (only ones a scenario may override).
    expect(parseVariantSpecs(JSON.stringify([{ label: '1 ms', runtime: 'cpython-3.12', cpus: 2, switchIntervalMs: 1, maxEvents: 5, bogus: 1 }]))).toEqual([
      { label: '1 ms', controls: { runtime: 'cpython-3.12', cpus: 2 }, extra: { switchIntervalMs: 1 } },
    ]);
    // Without a label, the label names what the run fixes, with units.
    expect(parseVariantSpecs(JSON.stringify([{ runtime: 'cpython-3.12', cpus: 2, switchIntervalMs: 0.1 }]))[0]?.label).toBe('CPython 3.12, 2 CPUs, switch interval 0.1 ms');
    expect(parseVariantSpecs(undefined)).toEqual([]);
  });

  test('data-variants: a knob a chapter variant pins is kept; knob values that are not short strings or numbers are dropped', () => {
    expect(parseVariantSpecs(JSON.stringify([{ label: 'One thread', knobs: { how: 'sequential', work: 100 } }]))).toEqual([
      { label: 'One thread', controls: {}, extra: { knobs: { how: 'sequential', work: 100 } } },
    ]);
    for (const knobs of [{ how: { nested: 1 } }, ['a'], 'how', { how: 'x'.repeat(101) }, {}]) {
      expect(parseVariantSpecs(JSON.stringify([{ label: 'L', knobs }]))).toEqual([{ label: 'L', controls: {} }]);
    }
  });

  test('a run\'s label names every setting that differs from the scenario, the interval with its unit', () => {
    const shared = { interval: 50, seed: 7 };
    expect(variantLabel({ runtime: 'cpython-2.7', cpus: 2, ...shared })).toBe('CPython 2.7, 2 CPUs, check interval 50 ticks, seed 7');
    expect(variantLabel({ runtime: 'cpython-3.12', cpus: 2, ...shared })).toBe('CPython 3.12, 2 CPUs, switch interval 50 ms, seed 7');
    expect(variantLabel({ runtime: 'cpython-3.13t', ...shared })).toBe('CPython 3.13t, interval 50 (unused: no GIL), seed 7');
    // With the runtime left to the scenario, the scenario's runtime decides the unit.
    expect(variantLabel({ interval: 5 }, { scenarioRuntime: 'cpython-2.2' })).toBe('As written, check interval 5 ticks');
    expect(variantLabel({})).toBe('As written');
    // A chapter's own label is kept, and the settings shared by every run are added to it.
    expect(variantLabel({ runtime: 'cpython-3.12', cpus: 2, seed: 3 }, { given: 'Switch every 5 ms' })).toBe('Switch every 5 ms, seed 3');
    // An interval the chapter fixed for the run wins over the control, so the label does not claim the control's.
    expect(variantLabel({ runtime: 'cpython-3.12', interval: 9 }, { extra: { switchIntervalMs: 0.1 } })).toBe('CPython 3.12, switch interval 0.1 ms');
  });

  test('the interval control names its unit for the runtimes in effect', () => {
    expect(intervalLabel('cpython-2.7', 'cpython-2.2')).toBe('Check interval (ticks)');
    expect(intervalLabel('cpython-3.2')).toBe('Switch interval (ms)');
    expect(intervalLabel('cpython-2.7', 'cpython-3.12')).toMatch(/ms on the new GIL, ticks on the old/);
    expect(intervalLabel('cpython-3.13t')).toMatch(/no GIL/);
    expect(intervalLabel('cpython-3.13t', 'cpython-3.12')).toBe('Switch interval (ms)');
  });

  test('the runtime a scenario\'s code names', () => {
    expect(declaredRuntime('defineScenario({\n  title: "x",\n  runtime: "cpython-2.7",\n')).toBe('cpython-2.7');
    expect(declaredRuntime("runtime: 'cpython-9'")).toBeUndefined();
    expect(declaredRuntime('no runtime here')).toBeUndefined();
  });

  test('controls from anything: valid fields kept, the rest dropped and named', () => {
    expect(controlsFromUnknown({ runtime: 'cpython-2.7', cpus: 4, interval: '5', seed: 1 })).toEqual({ controls: { runtime: 'cpython-2.7', cpus: 4, interval: 5, seed: 1 }, dropped: [] });
    expect(controlsFromUnknown(undefined)).toEqual({ controls: {}, dropped: [] });
    expect(controlsFromUnknown('cpython-2.7')).toEqual({ controls: {}, dropped: [expect.any(String)] });
    const odd = controlsFromUnknown({ runtime: '__proto__', cpus: [2], seed: -1, extra: 'ignored' });
    expect(odd.controls).toEqual({});
    expect(odd.dropped).toHaveLength(3);
  });
});
