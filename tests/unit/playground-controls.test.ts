import { describe, expect, test } from 'vitest';
import type { RuntimeName } from '../../src/sim/runtimes';
import { controlInputs, controlsFromUnknown, declaredRuntime, intervalControlsShown, parseControls, parseVariantSpecs, runOptionsFor, variantLabel } from '../../src/playground/controls';

describe('controls', () => {
  test('empty fields mean "as the scenario says"', () => {
    expect(parseControls({ runtime: '', cpus: ' ', switchIntervalMs: '', checkInterval: '', seed: '' })).toEqual({ ok: true, controls: {} });
  });

  test.each([
    ['cpus', '0', /1 to 64/],
    ['cpus', '65', /1 to 64/],
    ['cpus', '2.5', /whole number/],
    ['runtime', 'cpython-4.0', /Unknown runtime/],
    ['switchIntervalMs', '-1', /switch interval .* ms above 0/],
    ['switchIntervalMs', '10001', /at most 10000/],
    ['checkInterval', '2.5', /check interval .* whole number of ticks/],
    ['checkInterval', '-1', /0 to 10000/],
    ['seed', 'abc', /whole number/],
  ] as const)('%s = %j is refused with a clear message', (field, value, message) => {
    const parsed = parseControls({ [field]: value });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[field]).toMatch(message);
  });

  test('valid values parse and print back', () => {
    const parsed = parseControls({ runtime: 'cpython-2.7', cpus: '64', switchIntervalMs: '0.5', checkInterval: '0', seed: '3' });
    expect(parsed).toEqual({ ok: true, controls: { runtime: 'cpython-2.7', cpus: 64, switchIntervalMs: 0.5, checkInterval: 0, seed: 3 } });
    if (parsed.ok) expect(controlInputs(parsed.controls)).toEqual({ runtime: 'cpython-2.7', cpus: '64', switchIntervalMs: '0.5', checkInterval: '0', seed: '3' });
  });

  test('a run gets the interval control of its GIL only: the check interval on the old GIL, the switch interval on the new one', () => {
    const both = { switchIntervalMs: 0.5, checkInterval: 1000 };
    expect(runOptionsFor({ runtime: 'cpython-2.7', ...both }, undefined)).toEqual({ runtime: 'cpython-2.7', checkInterval: 1000 });
    expect(runOptionsFor(both, 'cpython-3.12')).toEqual({ switchIntervalMs: 0.5 });
    // The scenario's runtime decides when the controls leave the runtime alone.
    expect(runOptionsFor(both, 'cpython-2.2')).toEqual({ checkInterval: 1000 });
    expect(runOptionsFor({ checkInterval: 10 }, 'cpython-3.12')).toEqual({});
    expect(runOptionsFor({ ...both, cpus: 4 }, 'cpython-3.13t')).toEqual({ cpus: 4 });
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
    const shared = { switchIntervalMs: 2, checkInterval: 50, seed: 7 };
    expect(variantLabel({ runtime: 'cpython-2.7', cpus: 2, ...shared })).toBe('CPython 2.7, 2 CPUs, check interval 50 ticks, seed 7');
    expect(variantLabel({ runtime: 'cpython-3.12', cpus: 2, ...shared })).toBe('CPython 3.12, 2 CPUs, switch interval 2 ms, seed 7');
    expect(variantLabel({ runtime: 'cpython-3.13t', ...shared })).toBe('CPython 3.13t, seed 7');
    // With the runtime left to the scenario, the scenario's runtime decides which interval applies.
    expect(variantLabel({ checkInterval: 5, switchIntervalMs: 1 }, { scenarioRuntime: 'cpython-2.2' })).toBe('As written, check interval 5 ticks');
    expect(variantLabel({})).toBe('As written');
    // A chapter's own label is kept, and the settings shared by every run are added to it.
    expect(variantLabel({ runtime: 'cpython-3.12', cpus: 2, seed: 3 }, { given: 'Switch every 5 ms' })).toBe('Switch every 5 ms, seed 3');
    // An interval the chapter fixed for the run wins over the control, so the label does not claim the control's.
    expect(variantLabel({ runtime: 'cpython-3.12', switchIntervalMs: 9 }, { extra: { switchIntervalMs: 0.1 } })).toBe('CPython 3.12, switch interval 0.1 ms');
  });

  test('each interval control is shown only while its GIL is in effect in one of the runs', () => {
    const shown = (...runtimes: Parameters<typeof intervalControlsShown>) => [...intervalControlsShown(...runtimes)].sort();
    expect(shown('cpython-2.7', 'cpython-2.2')).toEqual(['checkInterval']);
    expect(shown('cpython-3.2')).toEqual(['switchIntervalMs']);
    expect(shown(undefined)).toEqual(['switchIntervalMs']); // the default runtime has the new GIL
    expect(shown('cpython-2.7', 'cpython-3.12')).toEqual(['checkInterval', 'switchIntervalMs']);
    expect(shown('cpython-3.13t')).toEqual([]);
    expect(shown('cpython-3.13t', 'cpython-3.12')).toEqual(['switchIntervalMs']);
  });

  test('the runtime a scenario\'s code names', () => {
    expect(declaredRuntime('defineScenario({\n  title: "x",\n  runtime: "cpython-2.7",\n')).toBe('cpython-2.7');
    expect(declaredRuntime("runtime: 'cpython-9'")).toBeUndefined();
    expect(declaredRuntime('no runtime here')).toBeUndefined();
  });

  test('controls from anything: valid fields kept, the rest dropped and named', () => {
    expect(controlsFromUnknown({ runtime: 'cpython-2.7', cpus: 4, checkInterval: '5', switchIntervalMs: 0.5, seed: 1 })).toEqual({ controls: { runtime: 'cpython-2.7', cpus: 4, checkInterval: 5, switchIntervalMs: 0.5, seed: 1 }, dropped: [] });
    expect(controlsFromUnknown(undefined)).toEqual({ controls: {}, dropped: [] });
    expect(controlsFromUnknown('cpython-2.7')).toEqual({ controls: {}, dropped: [expect.any(String)] });
    const odd = controlsFromUnknown({ runtime: '__proto__', cpus: [2], seed: -1, extra: 'ignored' });
    expect(odd.controls).toEqual({});
    expect(odd.dropped).toHaveLength(3);
  });

  test('a legacy "interval" becomes the interval control in effect for its runtime; new settings ignore it', () => {
    const legacy = (raw: unknown, scenarioRuntime?: RuntimeName) => controlsFromUnknown(raw, { scenarioRuntime });
    expect(legacy({ runtime: 'cpython-2.7', interval: 50 })).toEqual({ controls: { runtime: 'cpython-2.7', checkInterval: 50 }, dropped: [] });
    expect(legacy({ interval: '0.5' }, 'cpython-3.12')).toEqual({ controls: { switchIntervalMs: 0.5 }, dropped: [] });
    // The settings' runtime wins over the one the code names, as it did for the run.
    expect(legacy({ runtime: 'cpython-3.12', interval: 2 }, 'cpython-2.7')).toEqual({ controls: { runtime: 'cpython-3.12', switchIntervalMs: 2 }, dropped: [] });
    // Ticks were rounded when the run was made.
    expect(legacy({ interval: 49.6 }, 'cpython-2.7')).toEqual({ controls: { checkInterval: 50 }, dropped: [] });
    // Under no GIL it did nothing; a bad one is named; a new field beside it wins.
    expect(legacy({ interval: 5 }, 'cpython-3.13t')).toEqual({ controls: {}, dropped: [] });
    expect(legacy({ interval: 'fast' }, 'cpython-3.12')).toEqual({ controls: {}, dropped: [expect.stringMatching(/switch interval/)] });
    expect(legacy({ interval: 5, switchIntervalMs: 1 }, 'cpython-3.12')).toEqual({ controls: { switchIntervalMs: 1 }, dropped: [] });
    // Without `legacy` (settings written since the split), "interval" is not a setting.
    expect(controlsFromUnknown({ interval: 5 })).toEqual({ controls: {}, dropped: [] });
  });
});
