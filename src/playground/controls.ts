/**
 * The controls beside the editor: they override the scenario's runtime, CPU count,
 * GIL interval and seed without editing code. Pure: parse and validate what the
 * reader typed, and turn it into `runScenario` options.
 */
import { defaultRuntime, isRuntimeName, runtimes, type RuntimeName } from '../sim/runtimes';
import type { RunOptions } from '../sim/run';
import { overridableParams, type MachineOverrides } from '../sim/params';

/** Overrides chosen in the controls; an absent field means "as the scenario says". */
export interface RunControls {
  runtime?: RuntimeName;
  /** Virtual CPUs, 1..64. */
  cpus?: number;
  /** GIL interval: switch interval in ms (new GIL) or check interval in ticks (old GIL). */
  interval?: number;
  /** Seed for the simulator's random choices. */
  seed?: number;
}

/** The raw text of each control, as the form holds it. */
export type ControlInputs = Record<keyof RunControls, string>;

export type ParsedControls =
  | { ok: true; controls: RunControls }
  | { ok: false; errors: Partial<Record<keyof RunControls, string>> };

/** Validate the form; every wrong field gets a message that says what is allowed. */
export function parseControls(inputs: Partial<ControlInputs>): ParsedControls {
  const controls: RunControls = {};
  const errors: Partial<Record<keyof RunControls, string>> = {};
  const runtime = inputs.runtime?.trim() ?? '';
  if (runtime) {
    if (isRuntimeName(runtime)) controls.runtime = runtime;
    else errors.runtime = `Unknown runtime "${runtime}".`;
  }
  const cpus = inputs.cpus?.trim() ?? '';
  if (cpus) {
    const value = Number(cpus);
    if (Number.isInteger(value) && value >= 1 && value <= 64) controls.cpus = value;
    else errors.cpus = 'CPUs must be a whole number from 1 to 64.';
  }
  const interval = inputs.interval?.trim() ?? '';
  if (interval) {
    const value = Number(interval);
    if (Number.isFinite(value) && value > 0 && value <= 10_000) controls.interval = value;
    else errors.interval = 'The interval must be a number above 0 (ms for the new GIL, ticks for the old GIL), at most 10000.';
  }
  const seed = inputs.seed?.trim() ?? '';
  if (seed) {
    const value = Number(seed);
    if (Number.isInteger(value) && value >= 0 && value <= 0xffffffff) controls.seed = value;
    else errors.seed = 'The seed must be a whole number from 0 to 4294967295.';
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, controls };
}

/** The form's text for a set of controls (the inverse of `parseControls`). */
export function controlInputs(controls: RunControls): ControlInputs {
  const text = (value: number | undefined) => (value === undefined ? '' : String(value));
  return { runtime: controls.runtime ?? '', cpus: text(controls.cpus), interval: text(controls.interval), seed: text(controls.seed) };
}

/** What the interval control means for a runtime: ms between forced switches, ticks between checks, or nothing. */
export function intervalKind(runtime: RuntimeName): 'switch' | 'check' | 'none' {
  const gil = runtimes[runtime].gil;
  return gil === 'new' ? 'switch' : gil === 'old' ? 'check' : 'none';
}

/** Label for the interval control, given the runtime in effect. */
export function intervalLabel(runtime: RuntimeName | undefined): string {
  const kind = intervalKind(runtime ?? defaultRuntime);
  if (kind === 'check') return 'Check interval (ticks)';
  if (kind === 'switch') return 'Switch interval (ms)';
  return 'Interval (no GIL in this runtime)';
}

/**
 * `runScenario` options for these controls. `scenarioRuntime` is the runtime the
 * scenario itself names: it decides what the interval means when the controls
 * leave the runtime alone.
 */
export function runOptionsFor(controls: RunControls, scenarioRuntime: RuntimeName | undefined): RunOptions {
  const options: RunOptions = {};
  if (controls.runtime) options.runtime = controls.runtime;
  if (controls.cpus !== undefined) options.cpus = controls.cpus;
  if (controls.seed !== undefined) options.seed = controls.seed;
  if (controls.interval !== undefined) {
    const kind = intervalKind(controls.runtime ?? scenarioRuntime ?? defaultRuntime);
    if (kind === 'switch') options.switchIntervalMs = controls.interval;
    else if (kind === 'check') options.checkInterval = Math.round(controls.interval);
  }
  return options;
}

/** A short label for a variant: "CPython 2.7, 2 CPUs". */
export function variantLabel(controls: RunControls): string {
  const runtime = controls.runtime ? controls.runtime.replace(/^cpython-/, 'CPython ') : 'As written';
  const cpus = controls.cpus === undefined ? '' : `, ${controls.cpus} CPU${controls.cpus === 1 ? '' : 's'}`;
  return runtime + cpus;
}

/** A run of the compare set: the controls it sets, plus other parameters a chapter fixed. */
export interface VariantChoice {
  label: string;
  controls: RunControls;
  /** Further `runScenario` overrides from `data-variants` (e.g. `switchIntervalMs`, `platform`). */
  extra?: MachineOverrides;
}

/**
 * Read `data-variants` (JSON: `{label, runtime?, cpus?, ...RunOptions}` per run),
 * keeping valid entries; bad JSON gives an empty list. Parameters other than runtime
 * and CPUs are kept as `extra` when they are ones a scenario may override.
 */
export function parseVariantSpecs(json: string | null | undefined): VariantChoice[] {
  if (!json) return [];
  let specs: unknown;
  try {
    specs = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(specs)) return [];
  const variants: VariantChoice[] = [];
  for (const spec of specs as Record<string, unknown>[]) {
    if (!spec || typeof spec !== 'object') continue;
    const parsed = parseControls({ runtime: spec.runtime === undefined ? '' : String(spec.runtime), cpus: spec.cpus === undefined ? '' : String(spec.cpus) });
    if (!parsed.ok) continue;
    const extra: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(spec)) {
      if (key !== 'cpus' && (overridableParams as readonly string[]).includes(key)) extra[key] = value;
    }
    const label = typeof spec.label === 'string' && spec.label ? spec.label : variantLabel(parsed.controls);
    variants.push(Object.keys(extra).length ? { label, controls: parsed.controls, extra: extra as MachineOverrides } : { label, controls: parsed.controls });
  }
  return variants;
}
