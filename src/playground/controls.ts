/**
 * The controls beside the editor: they override the scenario's runtime, CPU count,
 * switch interval (new GIL), check interval (old GIL) and seed without editing code.
 * Pure: parse and validate what the reader typed, and turn it into `runScenario`
 * options.
 */
import { defaultRuntime, isRuntimeName, runtimes, type RuntimeName } from '../sim/runtimes';
import type { RunOptions } from '../sim/run';
import { overridableParams, type MachineOverrides } from '../sim/params';

/** Overrides chosen in the controls; an absent field means "as the scenario says". */
export interface RunControls {
  runtime?: RuntimeName;
  /** Virtual CPUs, 1..64. */
  cpus?: number;
  /** New GIL: the switch interval, in ms (`sys.setswitchinterval`). */
  switchIntervalMs?: number;
  /** Old GIL: the check interval, in ticks (`sys.setcheckinterval`). */
  checkInterval?: number;
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
  const switchInterval = inputs.switchIntervalMs?.trim() ?? '';
  if (switchInterval) {
    const value = Number(switchInterval);
    if (Number.isFinite(value) && value > 0 && value <= 10_000) controls.switchIntervalMs = value;
    else errors.switchIntervalMs = 'The switch interval must be a number of ms above 0, at most 10000.';
  }
  const checkInterval = inputs.checkInterval?.trim() ?? '';
  if (checkInterval) {
    const value = Number(checkInterval);
    if (Number.isInteger(value) && value >= 0 && value <= 10_000) controls.checkInterval = value;
    else errors.checkInterval = 'The check interval must be a whole number of ticks from 0 to 10000.';
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
  return controlKeys.every((key) => a[key] === b[key]);
}

/** The form's text for a set of controls (the inverse of `parseControls`). */
export function controlInputs(controls: RunControls): ControlInputs {
  const text = (value: number | undefined) => (value === undefined ? '' : String(value));
  return {
    runtime: controls.runtime ?? '',
    cpus: text(controls.cpus),
    switchIntervalMs: text(controls.switchIntervalMs),
    checkInterval: text(controls.checkInterval),
    seed: text(controls.seed),
  };
}

/** The two interval controls; each means something under one kind of GIL only. */
export type IntervalControl = 'switchIntervalMs' | 'checkInterval';

/** Each interval control's label, naming its unit. */
export const intervalLabels: Record<IntervalControl, string> = {
  switchIntervalMs: 'Switch interval (ms)',
  checkInterval: 'Check interval (ticks)',
};

/** The interval control in effect under a runtime: the new GIL's switch interval, the old GIL's check interval, or none (no GIL). */
export function intervalControl(runtime: RuntimeName): IntervalControl | undefined {
  const gil = runtimes[runtime].gil;
  return gil === 'new' ? 'switchIntervalMs' : gil === 'old' ? 'checkInterval' : undefined;
}

/**
 * The interval controls to show, given the runtimes the run uses (several in compare
 * mode; undefined is the default runtime): each one whose GIL is in effect in one of them.
 */
export function intervalControlsShown(...inEffect: (RuntimeName | undefined)[]): Set<IntervalControl> {
  const shown = new Set<IntervalControl>();
  for (const runtime of inEffect.length ? inEffect : [undefined]) {
    const control = intervalControl(runtime ?? defaultRuntime);
    if (control) shown.add(control);
  }
  return shown;
}

/** "switch interval 5 ms" / "check interval 100 ticks": an interval setting in words. */
export function intervalText(control: IntervalControl, value: number): string {
  return control === 'switchIntervalMs' ? `switch interval ${value} ms` : `check interval ${value} ticks`;
}

/**
 * The runtime a scenario's source names (`runtime: "cpython-2.7"`), if it names a
 * known one literally. Before a run this is all the page can know of it, and it
 * decides which interval control is in effect when the controls leave the runtime alone.
 */
export function declaredRuntime(code: string): RuntimeName | undefined {
  const match = /\bruntime\s*:\s*["'`]([^"'`\n]{1,40})["'`]/.exec(code);
  return match && isRuntimeName(match[1]) ? match[1] : undefined;
}

const controlKeys = ['runtime', 'cpus', 'switchIntervalMs', 'checkInterval', 'seed'] as const satisfies readonly (keyof RunControls)[];

/**
 * Controls from anything read back from storage or a link: every valid field is
 * kept, every other one is dropped and named in `dropped` (for a notice). Never throws.
 *
 * `legacy` reads settings written before the interval control was split in two
 * (stored edits, `#gil1/` links): their one `interval` meant the switch interval or
 * the check interval, whichever the runtime in effect used (the settings' runtime,
 * else `scenarioRuntime`, the one the code names), so it becomes that field. Under
 * no GIL it did nothing, and is left out without a notice.
 */
export function controlsFromUnknown(raw: unknown, legacy?: { scenarioRuntime: RuntimeName | undefined }): { controls: RunControls; dropped: string[] } {
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
  const old = legacy && Object.hasOwn(record, 'interval') ? record.interval : undefined;
  const control = legacy && intervalControl(runtimeInEffect(controls, legacy.scenarioRuntime));
  if (control && (typeof old === 'number' || (typeof old === 'string' && old.trim())) && !Object.hasOwn(record, control)) {
    // The old check interval was rounded when the run was made; the new field takes whole ticks.
    const value = control === 'checkInterval' && Number.isFinite(Number(old)) ? Math.round(Number(old)) : old;
    const parsed = parseControls({ [control]: String(value) });
    if (parsed.ok) Object.assign(controls, parsed.controls);
    else dropped.push(parsed.errors[control] ?? '');
  }
  return { controls, dropped };
}

/** The runtime a run uses: the controls', else the scenario's, else the simulator's default. */
export function runtimeInEffect(controls: RunControls, scenarioRuntime: RuntimeName | undefined): RuntimeName {
  return controls.runtime ?? scenarioRuntime ?? defaultRuntime;
}

/**
 * `runScenario` options for these controls. `scenarioRuntime` is the runtime the
 * scenario itself names: it decides which interval control is in effect when the
 * controls leave the runtime alone. Only that one is passed on (in compare mode the
 * controls can hold both, for runs of different GILs).
 */
export function runOptionsFor(controls: RunControls, scenarioRuntime: RuntimeName | undefined): RunOptions {
  const options: RunOptions = {};
  if (controls.runtime) options.runtime = controls.runtime;
  if (controls.cpus !== undefined) options.cpus = controls.cpus;
  if (controls.seed !== undefined) options.seed = controls.seed;
  const interval = intervalControl(runtimeInEffect(controls, scenarioRuntime));
  if (interval && controls[interval] !== undefined) options[interval] = controls[interval];
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
  const interval = intervalControl(runtime);
  const value = interval && controls[interval];
  if (interval && value !== undefined && context.extra?.[interval] === undefined) parts.push(intervalText(interval, value));
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
    if (key === 'switchIntervalMs' || key === 'checkInterval') return intervalText(key, value as number);
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
