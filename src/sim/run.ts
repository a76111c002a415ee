/**
 * Running a scenario: resolve its parameters (preset, then scenario settings,
 * then caller overrides), build the world, start the main thread and process
 * events until every thread has finished.
 */

import type { Scenario } from './api';
import { setLogSink } from './api';
import { overridableParams, validateParams, type MachineOverrides, type SimParams } from './params';
import { defaultRuntime, isMachineName, isRuntimeName, machines, presetParams, runtimeNames, type MachineName, type RuntimeName } from './runtimes';
import type { RunResult } from './result';
import type { Operation } from './op-types';
import { World } from './world';
import { startThread } from './perform';
import { sharedValues } from './shared/increment';
import { SimulationError, SimulationLimitError } from './errors';
import { knobSettings, readKnobValues } from './knobs';

export { SimulationError, SimulationLimitError };

/** Options for `runScenario`: any parameter override (cpus, switchIntervalMs, ...), plus budgets and hooks. */
export interface RunOptions extends MachineOverrides {
  /** Run under this runtime instead of the scenario's. */
  runtime?: RuntimeName;
  /** Model this machine instead of the scenario's (default "linux-vm"). */
  machine?: MachineName;
  /**
   * Values for the scenario's knobs, by name; the others keep their defaults. Each must be
   * valid (in range, on a step, one of the choices): clamp values from a link with
   * `readKnobValues` first. A knob that sets a parameter (`sets: "cpus"`) overrides the
   * scenario's setting, and is overridden by the same option given here.
   */
  knobs?: Readonly<Record<string, number | string>>;
  /** Stop with a SimulationLimitError after this many engine events (and as many operations). Default 5,000,000. */
  maxEvents?: number;
  /** Stop with a SimulationLimitError past this simulated time, ms. Default 600,000 (10 simulated minutes). */
  maxSimMs?: number;
  /**
   * Called with every operation a thread yields, in simulated order, before the engine
   * acts on it (the Python exporter records each thread's program this way).
   */
  onOperation?: (thread: { id: number; name: string; kind: 'main' | 'thread' | 'process' | 'interpreter'; parent: number | null }, op: Operation, timeMs: number) => void;
}

const DEFAULT_MAX_EVENTS = 5_000_000;
const DEFAULT_MAX_SIM_MS = 600_000;

function pickOverrides(source: object | undefined): MachineOverrides {
  const picked: Record<string, unknown> = {};
  if (!source) return picked;
  for (const key of overridableParams) {
    const value = (source as Record<string, unknown>)[key];
    if (value !== undefined) picked[key] = value;
  }
  return picked as MachineOverrides;
}

/** The parameters a run will use; throws a SimulationError naming what is wrong. */
export function resolveParams(scenario: Partial<Scenario>, options: RunOptions = {}): SimParams {
  const runtime = options.runtime ?? scenario.runtime ?? defaultRuntime;
  if (!isRuntimeName(runtime)) {
    throw new SimulationError(`unknown runtime "${String(runtime)}"; choose one of: ${runtimeNames.join(', ')}`);
  }
  const machine = options.machine ?? scenario.machine ?? 'linux-vm';
  if (!isMachineName(machine)) {
    throw new SimulationError(`unknown machine "${String(machine)}"; choose one of: ${Object.keys(machines).join(', ')}`);
  }
  const params: SimParams = {
    ...presetParams(runtime), ...(machines[machine].overrides as Partial<SimParams>),
    ...pickOverrides(scenario), ...pickOverrides(options),
  };
  params.processStartMs = { ...presetParams(runtime).processStartMs, ...(scenario.processStartMs ?? {}), ...(options.processStartMs ?? {}) };
  params.firstProcessStartMs = { ...presetParams(runtime).firstProcessStartMs, ...(scenario.firstProcessStartMs ?? {}), ...(options.firstProcessStartMs ?? {}) };
  try {
    validateParams(params);
  } catch (error) {
    throw new SimulationError((error as Error).message);
  }
  return params;
}

/** Simulate `scenario` and return its trace and metrics. Same scenario, options and seed: same result. */
export function runScenario(scenario: Scenario, options: RunOptions = {}): RunResult {
  if (!scenario || scenario.kind !== 'gilsim-scenario' || typeof scenario.main !== 'function') {
    throw new SimulationError('a scenario module must `export default defineScenario({ *main() { ... } })`');
  }
  const { values: knobs, problems } = readKnobValues(scenario.knobs, options.knobs);
  if (problems.length > 0) throw new SimulationError(`knobs: ${problems.join('; ')}`);
  const params = resolveParams(scenario, { ...knobSettings(scenario.knobs, knobs), ...definedOnly(options) });
  const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
  const maxSimNs = (options.maxSimMs ?? DEFAULT_MAX_SIM_MS) * 1e6;
  if (!(maxEvents > 0)) throw new SimulationError(`maxEvents must be > 0, got ${maxEvents}`);
  if (!(maxSimNs > 0)) throw new SimulationError(`maxSimMs must be > 0, got ${options.maxSimMs}`);

  const world = new World(params, { onOperation: options.onOperation });
  world.maxOperations = maxEvents;
  const { env, recorder } = world;
  setLogSink((op) => recorder.log(world.current?.id ?? 0, op.text, env.now));
  try {
    const interpreter = world.createInterpreter('main', 0);
    const context = { knobs: Object.freeze(knobs) };
    const main = world.createThread('main', 'main', interpreter, null, () => scenario.main(context));
    startThread(main, 0);
    while (world.live > 0) {
      if (!env.step()) throw deadlock(world);
      if (env.processed > maxEvents) {
        throw new SimulationLimitError(`stopped after ${maxEvents.toLocaleString('en-US')} events at ${(env.now / 1e6).toFixed(3)} simulated ms: the scenario is too long or never ends (raise maxEvents, or make it shorter)`);
      }
      if (env.now > maxSimNs) {
        throw new SimulationLimitError(`stopped at ${(maxSimNs / 1e6).toLocaleString('en-US')} simulated ms (maxSimMs): the scenario is too long or never ends`);
      }
    }
  } finally {
    setLogSink(undefined);
  }
  return { ...recorder.finish(world.endNs, params.cpus, params.runtime, env.processed), shared: sharedValues(world) };
}

/** `options` without its undefined entries, so `{ cpus: undefined }` does not undo a knob's setting. */
function definedOnly(options: RunOptions): RunOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as RunOptions;
}

function deadlock(world: World): SimulationError {
  const stuck = world.threads
    .filter((thread) => !thread.finished)
    .map((thread) => `"${thread.name}" (${thread.waitingOn ? `waiting for ${thread.waitingOn}` : world.recorder.stateOf(thread.id)})`);
  return new SimulationError(`deadlock at ${(world.env.now / 1e6).toFixed(3)} ms: no thread can make progress: ${stuck.join(', ')}`);
}
