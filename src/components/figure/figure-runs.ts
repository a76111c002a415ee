/**
 * The runs a figure shows, for given knob values: the scenario as written, or once per
 * variant. Shared by the build (scenario-runs.ts) and a knob's redraw in the browser
 * (knob-runtime.ts), so both run the same thing.
 *
 * Knob values apply to every variant; what a variant sets itself (`cpus: 1` for a
 * reference run) wins over a knob that sets the same parameter. A variant's label may
 * name knob values, `"{runtime}, {cpus}"`, which become the values' text
 * ("CPython 2.7, 2 CPUs").
 */
import { knobValueText, readKnobValues, runScenario, type RunOptions, type Scenario } from 'gilsim';
import type { LabelledRun } from '../../timeline';

/** One of several runs drawn on a shared time axis; everything but `label` overrides the scenario. */
export interface ScenarioVariant extends Omit<RunOptions, 'onOperation'> {
  label: string;
}

/** Knob values by name, already valid (see `readKnobValues`). */
export type KnobValueMap = Readonly<Record<string, number | string>>;

/** `label` with each `{knob}` replaced by that knob's value as text; unknown names are left as written. */
export function variantLabel(label: string, scenario: Scenario, knobs: KnobValueMap): string {
  return label.replace(/\{([a-zA-Z][a-zA-Z0-9]*)\}/g, (whole, name: string) => {
    const spec = scenario.knobs?.[name];
    return spec && knobs[name] !== undefined ? knobValueText(spec, knobs[name]) : whole;
  });
}

/** Run the figure: once, or once per variant, with `knobs`. Throws what the simulator throws. */
export function runFigure(scenario: Scenario, variants: readonly ScenarioVariant[] | undefined, knobs: KnobValueMap = {}): LabelledRun[] {
  const runs = variants && variants.length > 0 ? variants : [undefined];
  return runs.map((variant) => {
    const { label, ...overrides }: Partial<ScenarioVariant> = variant ?? {};
    // The label names the values this run uses: the figure's, then the variant's own.
    const used = readKnobValues(scenario.knobs, { ...knobs, ...overrides.knobs }).values;
    return {
      label: label === undefined ? undefined : variantLabel(label, scenario, used),
      result: runScenario(scenario, { ...overrides, knobs: { ...knobs, ...overrides.knobs } }),
    };
  });
}
