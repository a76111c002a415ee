/**
 * Knobs: the parameters a scenario declares so that a reader can turn them (a slider in
 * the chapter's figure, a number to drag in the sentence) and the figure re-runs.
 *
 * A scenario lists them in `defineScenario({ knobs: {...} })` and reads the values in
 * `*main({ knobs })`. A knob may also set a run parameter directly (`sets: "cpus"`),
 * so "CPUs" or "runtime" need no code in the scenario at all. Values come from a link,
 * so they are hostile: `readKnobValues` clamps and snaps numbers and refuses unknown
 * choices with a message each; `runScenario` accepts only values that are already valid.
 */

import type { RuntimeName } from './runtimes';
import { isRuntimeName } from './runtimes';

/** Run parameters a number knob can set directly (they override the scenario's setting). */
export type NumberKnobSetting = 'cpus' | 'switchIntervalMs' | 'checkInterval';

/** A number the reader turns between `min` and `max` in steps of `step`. */
export interface NumberKnob {
  readonly kind: 'number';
  /** What the number is, shown beside the slider: "CPUs", "Switch interval". */
  readonly label: string;
  readonly min: number;
  readonly max: number;
  /** Every value is `min + k·step`. */
  readonly step: number;
  /** The value the build-time figure shows. */
  readonly default: number;
  /** Shown after the value: "ms", or `{ one: "CPU", other: "CPUs" }` when 1 takes another word. */
  readonly unit?: string | { readonly one: string; readonly other: string };
  /** Also set this run parameter to the knob's value. */
  readonly sets?: NumberKnobSetting;
}

/** One of a fixed set of strings, each with a label ("CPython 2.7"). */
export interface ChoiceKnob<V extends string = string> {
  readonly kind: 'choice';
  readonly label: string;
  /** The values in order, each with its label. */
  readonly choices: Readonly<Record<V, string>>;
  readonly default: V;
  /** `"runtime"`: the value is a runtime name and the run uses it. */
  readonly sets?: 'runtime';
}

/** Any knob. */
export type Knob = NumberKnob | ChoiceKnob;

/** The knobs of a scenario, by name (letters and digits, starting with a letter). */
export type KnobSpecs = Readonly<Record<string, Knob>>;

/** The values `main` receives: a number for each number knob, the chosen string for each choice. */
export type KnobValues<K extends KnobSpecs> = { readonly [name in keyof K]: KnobValue<K[name]> };

/** The value of one knob: the choice's strings, or a number. */
export type KnobValue<T extends Knob> = T extends ChoiceKnob<infer V> ? V : T extends NumberKnob ? number : never;

type NumberKnobSpec = Omit<NumberKnob, 'kind'>;
// The values are inferred from `choices` alone, so a default that is not among them is an error.
type ChoiceKnobSpec<V extends string> = Omit<ChoiceKnob<V>, 'kind' | 'sets' | 'default'> & { readonly default: NoInfer<V> };

function choice<const V extends RuntimeName>(spec: ChoiceKnobSpec<V> & { sets: 'runtime' }): ChoiceKnob<V>;
function choice<const V extends string>(spec: ChoiceKnobSpec<V>): ChoiceKnob<V>;
function choice<const V extends string>(spec: ChoiceKnobSpec<V> & { sets?: 'runtime' }): ChoiceKnob<V> {
  return { kind: 'choice', ...spec };
}

/**
 * Knob constructors for `defineScenario({ knobs })`.
 * @example
 * export default defineScenario({
 *   knobs: {
 *     cpus: knob.number({ label: "CPUs", min: 1, max: 4, step: 1, default: 2, unit: "CPUs", sets: "cpus" }),
 *     work: knob.number({ label: "Work per thread", min: 1e5, max: 1e7, step: 1e5, default: 5e6, unit: "bytecodes" }),
 *   },
 *   *main({ knobs }) { yield py(knobs.work); },
 * });
 */
export const knob = {
  /** A number between `min` and `max` in steps of `step`. */
  number: (spec: NumberKnobSpec): NumberKnob => ({ kind: 'number', ...spec }),
  /** One of `choices` (value → label); with `sets: "runtime"` the values are runtime names and the run uses the one chosen. */
  choice,
};

const namePattern = /^[a-zA-Z][a-zA-Z0-9]*$/;

/** Check a scenario's knob declarations; throws a TypeError naming the knob and what is wrong. */
export function checkKnobSpecs(knobs: unknown): void {
  if (knobs === undefined) return;
  if (typeof knobs !== 'object' || knobs === null) throw new TypeError('knobs must be an object of knob.number(...) / knob.choice(...)');
  for (const [name, spec] of Object.entries(knobs as Record<string, Knob>)) {
    const fail = (what: string) => { throw new TypeError(`knob "${name}": ${what}`); };
    if (!namePattern.test(name)) fail('a knob name is letters and digits, starting with a letter');
    if (!spec || typeof spec.label !== 'string' || spec.label.trim() === '') fail('needs a label');
    if (spec.kind === 'number') {
      const { min, max, step } = spec;
      if (![min, max, step, spec.default].every(Number.isFinite)) fail('min, max, step and default must be finite numbers');
      if (!(min <= max)) fail(`min (${min}) must not be above max (${max})`);
      if (!(step > 0)) fail('step must be > 0');
      if (spec.default < min || spec.default > max) fail(`default ${spec.default} is outside ${min}..${max}`);
      if (snap(spec, spec.default) !== spec.default) fail(`default ${spec.default} is not min + a whole number of steps`);
    } else if (spec.kind === 'choice') {
      const values = Object.keys(spec.choices ?? {});
      if (values.length === 0) fail('needs at least one choice');
      if (!values.includes(spec.default)) fail(`default "${spec.default}" is not one of: ${values.join(', ')}`);
      if (spec.sets === 'runtime') {
        const unknown = values.filter((value) => !isRuntimeName(value));
        if (unknown.length > 0) fail(`sets the runtime, but ${unknown.join(', ')} is not a runtime name`);
      }
    } else {
      fail('make it with knob.number(...) or knob.choice(...)');
    }
  }
}

/** `value` rounded to the nearest step from `min`, kept within min..max. */
function snap(spec: NumberKnob, value: number): number {
  const steps = Math.round((value - spec.min) / spec.step);
  const snapped = Math.min(spec.max, Math.max(spec.min, spec.min + steps * spec.step));
  // Steps like 0.1 leave binary noise (0.30000000000000004); round to the step's decimals.
  const decimals = Math.min(12, (String(spec.step).split('.')[1] ?? '').length);
  return Number(snapped.toFixed(decimals));
}

/** The value a knob takes from `raw` (a number, or text from a link), and what was wrong with it. */
export function readKnobValue(spec: Knob, raw: unknown): { value: number | string; problem?: string } {
  if (spec.kind === 'choice') {
    if (typeof raw === 'string' && Object.hasOwn(spec.choices, raw)) return { value: raw };
    const shown = String(raw).slice(0, 40);
    return { value: spec.default, problem: `${spec.label}: "${shown}" is not one of ${Object.keys(spec.choices).join(', ')}; using ${spec.default}` };
  }
  const number = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  if (!Number.isFinite(number)) {
    return { value: spec.default, problem: `${spec.label}: "${String(raw).slice(0, 40)}" is not a number; using ${spec.default}` };
  }
  const value = snap(spec, number);
  if (number < spec.min || number > spec.max) {
    return { value, problem: `${spec.label}: ${number} is outside ${spec.min}–${spec.max}; using ${value}` };
  }
  return { value };
}

/**
 * Every knob's value: the default, or what `given` says when it is valid. Invalid values are
 * clamped, snapped or replaced by the default, each with a message in `problems`; names that
 * are not knobs of the scenario are ignored with a message.
 */
export function readKnobValues(knobs: KnobSpecs | undefined, given: Readonly<Record<string, unknown>> = {}): { values: Record<string, number | string>; problems: string[] } {
  const values: Record<string, number | string> = {};
  const problems: string[] = [];
  const specs = knobs ?? {};
  for (const [name, spec] of Object.entries(specs)) {
    if (!Object.hasOwn(given, name) || given[name] === undefined) {
      values[name] = spec.default;
      continue;
    }
    const read = readKnobValue(spec, given[name]);
    values[name] = read.value;
    if (read.problem) problems.push(read.problem);
  }
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(specs, name)) problems.push(`"${name.slice(0, 40)}" is not a knob of this scenario (knobs: ${Object.keys(specs).join(', ') || 'none'})`);
  }
  return { values, problems };
}

/** The run parameters the knobs set (`sets: "cpus"`, `sets: "runtime"`, ...). */
export function knobSettings(knobs: KnobSpecs | undefined, values: Readonly<Record<string, number | string>>): { runtime?: RuntimeName } & Partial<Record<NumberKnobSetting, number>> {
  const settings: Record<string, number | string> = {};
  for (const [name, spec] of Object.entries(knobs ?? {})) {
    if (spec.sets && values[name] !== undefined) settings[spec.sets] = values[name];
  }
  return settings;
}

/** A knob's value with its unit, as a reader says it: "2 CPUs", "5 ms", "CPython 3.12". */
export function knobValueText(spec: Knob, value: number | string): string {
  if (spec.kind === 'choice') return (spec.choices as Record<string, string>)[value as string] ?? String(value);
  const number = (value as number).toLocaleString('en-US', { maximumFractionDigits: 6 });
  const unit = knobUnit(spec, value as number);
  return unit ? `${number} ${unit}` : number;
}

/** The unit word for `value` ("CPU" for 1, "CPUs" otherwise), or '' when the knob has none. */
export function knobUnit(spec: NumberKnob, value: number): string {
  if (spec.unit === undefined) return '';
  if (typeof spec.unit === 'string') return spec.unit;
  return value === 1 ? spec.unit.one : spec.unit.other;
}
