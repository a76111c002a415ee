/** Placeholder until the engine lands (see issue 2). */
import type { Scenario } from './api';
import type { MachineOverrides, SimParams } from './params';
import type { RuntimeName } from './runtimes';
import type { RunResult } from './result';
import type { Operation } from './ops';

export interface RunOptions extends MachineOverrides {
  runtime?: RuntimeName;
  /** Stop with a SimulationLimitError after this many engine events. Default 5,000,000. */
  maxEvents?: number;
  /** Stop with a SimulationLimitError past this simulated time, ms. Default 600,000 (10 min). */
  maxSimMs?: number;
  /**
   * Called with every operation a thread yields, in simulated order, before the engine
   * acts on it (the Python exporter records each thread's program this way).
   */
  onOperation?: (thread: { id: number; name: string; kind: 'main' | 'thread' | 'process' | 'interpreter'; parent: number | null }, op: Operation, timeMs: number) => void;
}
export class SimulationError extends Error {}
export class SimulationLimitError extends SimulationError {}
export function resolveParams(_scenario: Scenario, _options: RunOptions = {}): SimParams { throw new Error('engine not landed yet'); }
export function runScenario(_scenario: Scenario, _options: RunOptions = {}): RunResult { throw new Error('engine not landed yet'); }
