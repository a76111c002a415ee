import { describe, expect, test } from 'vitest';
import { controlInputs, intervalLabel, parseControls, parseVariantSpecs, runOptionsFor } from '../../src/playground/controls';

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
    expect(parseVariantSpecs(undefined)).toEqual([]);
  });
});
