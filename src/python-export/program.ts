/**
 * A scenario as recorded for export: for every thread, process and
 * subinterpreter, the exact sequence of operations it yielded on the simulator.
 *
 * Plain data (no generator bodies, no engine objects), so the Python emitter is a
 * pure function of it and can be tested with hand-made programs.
 */

import type { IncrementVia, StartMethod } from 'gilsim';

/** What started a task: the main program, `spawn`, `spawnProcess` or `spawnInterpreter`. */
export type TaskKind = 'main' | 'thread' | 'process' | 'interpreter';

/** Threading primitives a scenario can share between its threads. */
export type SyncKind = 'lock' | 'event' | 'queue';

/** One operation in a recorded program. Tasks and sync objects are named by their ids. */
export type RecordedOp =
  | { op: 'py'; bytecodes: number }
  | { op: 'io'; ms: number }
  | { op: 'sleep'; ms: number }
  | { op: 'native'; ms: number; releasesGil: boolean }
  | { op: 'start'; task: number }
  | { op: 'join'; task: number }
  | { op: 'lockAcquire'; sync: number }
  | { op: 'lockRelease'; sync: number }
  | { op: 'eventSet'; sync: number }
  | { op: 'eventWait'; sync: number }
  | { op: 'queuePut'; sync: number; item: unknown }
  | { op: 'queueGet'; sync: number }
  | { op: 'log'; text: string }
  | { op: 'increment'; shared: number; times: number; via: IncrementVia; lock?: number };

/** One task (an OS thread of the program) and what it did. */
export interface TaskProgram {
  /** 0 is the main thread; the others are numbered in the order they were started. */
  id: number;
  name: string;
  kind: TaskKind;
  /** Task that started this one (null for the main thread). */
  parent: number | null;
  /** Processes only: how the child starts and the bytes pickled each way. */
  startMethod?: StartMethod;
  argBytes?: number;
  resultBytes?: number;
  ops: RecordedOp[];
}

/** A lock, event or queue the scenario created. */
export interface SyncObject {
  id: number;
  kind: SyncKind;
  name: string;
}

/** A `Shared` variable: a module-level global of the program. */
export interface SharedVariable {
  id: number;
  name: string;
  initial: number;
}

/** Everything the emitter needs. */
export interface RecordedScenario {
  title?: string;
  /** Simulated runtime preset, e.g. "cpython-3.12". */
  runtime: string;
  cpus: number;
  /** GIL settings to reproduce with `sys.setswitchinterval` / `sys.setcheckinterval`. */
  switchIntervalMs: number;
  checkInterval: number;
  /** Start method used when a process names none (the runtime's default). */
  defaultStartMethod: StartMethod;
  tasks: TaskProgram[];
  syncObjects: SyncObject[];
  /** Shared variables, in the order first updated. */
  shared: SharedVariable[];
}
