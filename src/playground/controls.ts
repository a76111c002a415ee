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
    else errors.runtime = `Unknown runtime "${runtime.length > 40 ? `${runtime.slice(0, 40)}…` : runtime}".`;
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

/** Do two sets of controls say the same thing? */
export function sameControls(a: RunControls, b: RunControls): boolean {
  return a.runtime === b.runtime && a.cpus === b.cpus && a.interval === b.interval && a.seed === b.seed;
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

/**
 * Label for the interval control, naming its unit, given the runtimes it applies to
 * (several in compare mode; undefined is the default runtime).
 */
export function intervalLabel(...inEffect: (RuntimeName | undefined)[]): string {
  const kinds = new Set((inEffect.length ? inEffect : [undefined]).map((runtime) => intervalKind(runtime ?? defaultRuntime)));
  if (kinds.has('check') && kinds.has('switch')) return 'GIL interval (ms on the new GIL, ticks on the old)';
  if (kinds.has('check')) return 'Check interval (ticks)';
  if (kinds.has('switch')) return 'Switch interval (ms)';
  return 'Interval (no GIL in this runtime)';
}

/** "switch interval 5 ms" / "check interval 100 ticks": an interval value with its meaning under `runtime`. */
export function intervalText(value: number, runtime: RuntimeName): string {
  const kind = intervalKind(runtime);
  if (kind === 'switch') return `switch interval ${value} ms`;
  if (kind === 'check') return `check interval ${Math.round(value)} ticks`;
  return `interval ${value} (unused: no GIL)`;
}

/**
 * The runtime a scenario's source names (`runtime: "cpython-2.7"`), if it names a
 * known one literally. Before a run this is all the page can know of it, and it
 * decides what the interval means when the controls leave the runtime alone.
 */
export function declaredRuntime(code: string): RuntimeName | undefined {
  const match = /\bruntime\s*:\s*["'`]([^"'`\n]{1,40})["'`]/.exec(code);
  return match && isRuntimeName(match[1]) ? match[1] : undefined;
}

const controlKeys = ['runtime', 'cpus', 'interval', 'seed'] as const satisfies readonly (keyof RunControls)[];

/**
 * Controls from anything read back from storage or a link: every valid field is
 * kept, every other one is dropped and named in `dropped` (for a notice). Never throws.
 */
export function controlsFromUnknown(raw: unknown): { controls: RunControls; dropped: string[] } {
  if (raw === undefined || raw === null) return { controls: {}, dropped: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { controls: {}, dropped: ['The settings were not a set of fields.'] };
  const record = raw as Record<string, unknown>;
  const controls: RunControls = {};
  const dropped: string[] = [];
  for (const key of controlKeys) {
    const value = Object.hasOwn(record, key) ? record[key] : undefined;
    if (value === undefined || value === null || value === '') continue;
    const parsed = typeof value === 'string' || typeof value === 'number' ? parseControls({ [key]: String(value) }) : undefined;
    if (parsed?.ok) Object.assign(controls, parsed.controls);
    else dropped.push(parsed?.errors[key] ?? `The ${key} setting was not a number or a name.`);
  }
  return { controls, dropped };
}

/** The runtime a run uses: the controls', else the scenario's, else the simulator's default. */
export function runtimeInEffect(controls: RunControls, scenarioRuntime: RuntimeName | undefined): RuntimeName {
  return controls.runtime ?? scenarioRuntime ?? defaultRuntime;
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
    const kind = intervalKind(runtimeInEffect(controls, scenarioRuntime));
    if (kind === 'switch') options.switchIntervalMs = controls.interval;
    else if (kind === 'check') options.checkInterval = Math.round(controls.interval);
  }
  return options;
}

/** "CPython 2.7" for "cpython-2.7". */
export function runtimeTitle(runtime: RuntimeName): string {
  return runtime.replace(/^cpython-/, 'CPython ');
}

/**
 * The label of a run: every setting that differs from the scenario, with units, e.g.
 * "CPython 2.7, 2 CPUs, check interval 50 ticks, seed 7". `given` is a chapter's own
 * label, which already says what its run sets (runtime, CPUs, `extra`); the controls
 * shared by every run (interval, seed) are added to it all the same.
 */
export function variantLabel(controls: RunControls, context: { scenarioRuntime?: RuntimeName; given?: string; extra?: MachineOverrides } = {}): string {
  const runtime = runtimeInEffect(controls, context.scenarioRuntime);
  const parts: string[] = [];
  if (context.given) parts.push(context.given);
  else {
    parts.push(controls.runtime ? runtimeTitle(controls.runtime) : 'As written');
    if (controls.cpus !== undefined) parts.push(`${controls.cpus} CPU${controls.cpus === 1 ? '' : 's'}`);
  }
  // What a chapter fixed for this run wins over the controls (the runner applies `extra` last).
  const intervalParam = intervalKind(runtime) === 'switch' ? 'switchIntervalMs' : 'checkInterval';
  if (controls.interval !== undefined && context.extra?.[intervalParam] === undefined) parts.push(intervalText(controls.interval, runtime));
  if (controls.seed !== undefined && context.extra?.seed === undefined) parts.push(`seed ${controls.seed}`);
  if (!context.given && context.extra) parts.push(describeExtra(context.extra));
  return parts.join(', ');
}

/** What a chapter's `data-variants` may fix for a run beside the controls: parameters, and knob values. */
export type FixedOptions = MachineOverrides & { knobs?: Readonly<Record<string, number | string>> };

/** Knob values from `data-variants`: an object of short names to strings or finite numbers, else undefined. */
function knobValuesFrom(value: unknown): Record<string, number | string> | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  const valid = entries.every(([name, entry]) => name.length <= 40 && ((typeof entry === 'string' && entry.length <= 100) || (typeof entry === 'number' && Number.isFinite(entry))));
  return valid && entries.length > 0 ? Object.fromEntries(entries) as Record<string, number | string> : undefined;
}

/** "switch interval 0.1 ms, platform macos": the parameters a chapter fixed for a run. */
export function describeExtra(extra: FixedOptions): string {
  return Object.entries(extra).map(([key, value]) => {
    if (key === 'knobs') return Object.entries(value as Record<string, unknown>).map(([name, knob]) => `${name} ${String(knob)}`).join(', ');
    if (key === 'switchIntervalMs') return `switch interval ${String(value)} ms`;
    if (key === 'checkInterval') return `check interval ${String(value)} ticks`;
    return `${key} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`;
  }).join(', ');
}

/** A run of the compare set: the controls it sets, plus other parameters a chapter fixed. */
export interface VariantChoice {
  label: string;
  controls: RunControls;
  /** Further `runScenario` overrides from `data-variants` (e.g. `switchIntervalMs`, `platform`, `knobs`). */
  extra?: FixedOptions;
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
    // A chapter variant may pin a knob of the scenario (`knobs: { how: 'sequential' }`); runScenario checks the values.
    const knobs = knobValuesFrom(spec.knobs);
    if (knobs) extra.knobs = knobs;
    const fixed = Object.keys(extra).length ? (extra as FixedOptions) : undefined;
    const label = typeof spec.label === 'string' && spec.label ? spec.label : variantLabel(parsed.controls, { extra: fixed });
    variants.push(fixed ? { label, controls: parsed.controls, extra: fixed } : { label, controls: parsed.controls });
  }
  return variants;
}
