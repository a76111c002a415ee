/**
 * gilsim: a deterministic discrete-event simulator of CPython threads and the GIL.
 * This barrel is the public surface: scenario files import from "gilsim".
 */

// ---- Writing scenarios ----
export { defineScenario, py, io, sleep, native, spawn, spawnProcess, spawnInterpreter, join, log } from './api';
export type { Scenario, ScenarioConfig, ProcessOptions } from './api';
export { Lock, Event, Queue } from './sync-handles';
export type { Operation, TaskHandle, ThreadBody, StartMethod } from './ops';
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
  TraceEvent, TraceEventKind, TraceThread, ConsoleLine, LatencySummary, SharedResult,
} from './result';
export { threadStates } from './result';
export { setLineResolver } from './call-site';
export { simulatorVersion } from './version';
