import { describe, expect, test } from 'vitest';
import { defineScenario, py, spawn } from 'gilsim';
import { loadScenario, runVariants, scenarioIdOf } from '../../src/components/scenario-runs';

describe('build-time scenario runs', () => {
  test('finds a scenario file by id, with its source text', () => {
    const { scenario, source } = loadScenario('two-cpus/gil-battle');
    expect(scenario.kind).toBe('gilsim-scenario');
    expect(source).toContain('defineScenario');
  });

  test('an unknown id fails with the id and the ids that exist', () => {
    expect(() => loadScenario('two-cpus/nope')).toThrow(/<Scenario id="two-cpus\/nope">: no file content\/two-cpus\/nope\.ts \(scenarios: .*two-cpus\/gil-battle/);
  });

  test('variants run with their overrides, labelled', () => {
    const { scenario } = loadScenario('two-cpus/gil-battle');
    const runs = runVariants('two-cpus/gil-battle', scenario, [
      { label: 'one CPU', cpus: 1, runtime: 'cpython-2.7' },
      { label: 'new GIL', cpus: 2, runtime: 'cpython-3.12' },
    ]);
    expect(runs.map((run) => [run.label, run.result.metrics.cpus, run.result.metrics.runtime])).toEqual([
      ['one CPU', 1, 'cpython-2.7'],
      ['new GIL', 2, 'cpython-3.12'],
    ]);
  });

  test('runs are deterministic: the same scenario gives the same result', () => {
    const { scenario } = loadScenario('two-cpus/gil-battle');
    expect(runVariants('a', scenario)[0].result).toEqual(runVariants('a', scenario)[0].result);
  });

  test('a scenario that throws stops the build with its id, variant and message', () => {
    const broken = defineScenario({
      *main() {
        yield py(10);
        throw new Error('boom in main');
      },
    });
    expect(() => runVariants('demo/broken', broken, [{ label: 'Two CPUs', cpus: 2 }])).toThrow(/Scenario "demo\/broken" \(variant "Two CPUs"\) failed at build time: .*boom in main/);
  });

  test('ids are paths under content/ without .ts', () => {
    expect(scenarioIdOf('/content/two-cpus/gil-battle.ts')).toBe('two-cpus/gil-battle');
  });
});

describe('figures with knobs', () => {
  test('knob values apply to every variant, a variant pins what it sets, and labels name the values', async () => {
    const { runFigure } = await import('../../src/components/figure/figure-runs');
    const { scenario } = loadScenario('two-cpus/gil-battle');
    const variants = [{ label: '{runtime}, 1 CPU', cpus: 1 }, { label: '{runtime}, {cpus}' }];
    const runs = runFigure(scenario, variants, { cpus: 4, runtime: 'cpython-3.12' });
    expect(runs.map((run) => [run.label, run.result.metrics.cpus, run.result.metrics.runtime])).toEqual([
      ['CPython 3.12, 1 CPU', 1, 'cpython-3.12'],
      ['CPython 3.12, 4 CPUs', 4, 'cpython-3.12'],
    ]);
    // The build draws the defaults, with their labels.
    expect(runVariants('two-cpus/gil-battle', scenario, variants).map((run) => run.label)).toEqual(['CPython 2.7, 1 CPU', 'CPython 2.7, 2 CPUs']);
  });

  test('the figure markup escapes what a scenario names', async () => {
    const { timelineMarkup } = await import('../../src/components/figure/timeline-markup');
    const { metricsMarkup } = await import('../../src/components/figure/metrics-markup');
    const { summaryMarkup } = await import('../../src/components/figure/summary-markup');
    const hostile = defineScenario({ *main() { yield* spawn('<img src=x onerror=alert(1)>', function* () { yield py(10); }); } });
    const runs = runVariants('demo/hostile', hostile, [{ label: '"><script>alert(1)</script>' }]);
    const html = timelineMarkup(runs, 'x') + metricsMarkup(runs) + summaryMarkup(runs, 'x');
    expect(html).not.toMatch(/<img|<script/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
