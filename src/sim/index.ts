/**
 * gilsim: a deterministic discrete-event simulator of CPython threads and the GIL.
 * This barrel is the public surface: scenario files import from "gilsim".
 */

// ---- Writing scenarios ----
export { defineScenario, py, io, sleep, native, spawn, spawnProcess, spawnInterpreter, join, log } from './api';
export type { Scenario, ScenarioConfig, ScenarioContext, ProcessOptions } from './api';
export { knob } from './knobs';
export type { Knob, NumberKnob, ChoiceKnob, KnobSpecs, KnobValues, NumberKnobSetting } from './knobs';
export { Lock } from './sync/lock';
export { Event } from './sync/event';
export { Queue } from './sync/queue';
export type { Operation, TaskHandle, ThreadBody, StartMethod } from './op-types';
export { Shared } from './shared/shared';
export { increment } from './shared/increment';
export type { IncrementOptions, IncrementVia } from './shared/increment';

// ---- Runtimes and parameters ----
export { runtimes, runtimeNames, defaultRuntime, isRuntimeName, presetParams, machines, isMachineName } from './runtimes';
export type { RuntimeName, MachineName } from './runtimes';
export type { SimParams, MachineOverrides, GilKind, Platform } from './params';

// ---- Running ----
export { runScenario, resolveParams, SimulationError, SimulationLimitError } from './run';
export type { RunOptions } from './run';
export type {
  RunResult, Trace, Metrics, ThreadMetrics, ThreadState, StateInterval, CpuInterval, GilInterval,
  TraceEvent, TraceEventKind, TraceThread, ConsoleLine, LatencySummary, GilCause, VoluntaryRelease, SharedResult,
} from './result';
export { threadStates, gilCauses, gilEventKinds } from './result';
export { setLineResolver } from './call-site';
export { readKnobValues, knobValueText } from './knobs';
export { simulatorVersion } from './version';
