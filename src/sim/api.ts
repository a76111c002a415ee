/**
 * The scenario API: what readers write against (`import ... from "gilsim"`).
 *
 * A scenario default-exports `defineScenario({...})`. Its `main` generator is the
 * program's main thread; every other thread, process and subinterpreter is
 * started from it (or from threads it starts). Durations are milliseconds and
 * may be fractional (`io(0.1)` is 100 µs); `py` counts bytecodes.
 *
 * Typed results: TypeScript gives every `yield` expression of a generator one type,
 * the generator's "next" type, so `const worker = yield spawn(...)` is `any`. The
 * operations that hand something back (`spawn*`, `join`, `queue.get`) can also be
 * waited on with `yield*`, which delegates to a one-step generator whose return type
 * is the real one: `const worker = yield* spawn(...)` is a `TaskHandle`, and
 * `join(worker.name)` is a type error. Both forms run the same way.
 */

import type {
  IoOp, JoinOp, LogOp, NativeOp, Operation, PyOp, SleepOp, SpawnInterpreterOp, SpawnOp, SpawnProcessOp,
  StartMethod, TaskHandle, ThreadBody,
} from './op-types';
import type { MachineOverrides } from './params';
import type { MachineName, RuntimeName } from './runtimes';
import { recordLine } from './call-site';
import { checkKnobSpecs, type Knob, type KnobSpecs, type KnobValues } from './knobs';
import { yieldable, type Yieldable } from './yieldable';

/** What the main thread's body receives: the values of the scenario's knobs. */
export interface ScenarioContext<K extends KnobSpecs = KnobSpecs> {
  /** Each knob's value for this run: its default, or what the reader turned it to. */
  readonly knobs: KnobValues<K>;
}

/** A scenario: the machine to run on, the Python runtime, its knobs, and the main thread. */
export interface ScenarioConfig<K extends KnobSpecs = KnobSpecs> extends MachineOverrides {
  /** Short title shown above the result. */
  title?: string;
  /** Number of virtual CPUs (1..64). Default 2. */
  cpus?: number;
  /** Which CPython to simulate. Default `"cpython-3.12"`. */
  runtime?: RuntimeName;
  /** Hardware and OS to model: `"linux-vm"` (default, where our measurements were made) or `"macbook-2009"` (Beazley's). */
  machine?: MachineName;
  /** Seed for the simulator's random choices (wake-up jitter, which waiter the OS wakes). Default 1. */
  seed?: number;
  /**
   * Parameters a reader can turn in the chapter's figure (`knob.number`, `knob.choice`);
   * `main` reads their values as `knobs`. A knob with `sets` also sets that run parameter.
   */
  knobs?: K;
  /**
   * The main thread, given the knob values (`*main({ knobs })`). The run ends when it and
   * every thread it started have finished.
   */
  main(context: ScenarioContext<K>): Generator<Operation, unknown, any>;
}

/** A scenario as `defineScenario` returns it. */
export interface Scenario<K extends KnobSpecs = KnobSpecs> extends ScenarioConfig<K> {
  readonly kind: 'gilsim-scenario';
}

/**
 * Declare a scenario. The module's default export must be its result.
 * @example
 * export default defineScenario({
 *   cpus: 2, runtime: "cpython-3.12",
 *   *main() { yield py(1_000_000); },
 * });
 */
export function defineScenario<const K extends KnobSpecs = Record<never, Knob>>(config: ScenarioConfig<K>): Scenario<K> {
  if (!config || typeof config.main !== 'function') {
    throw new TypeError('defineScenario needs a `main` generator function: defineScenario({ *main() { ... } })');
  }
  checkKnobSpecs(config.knobs);
  return { ...config, kind: 'gilsim-scenario' };
}

function checkDuration(what: string, ms: number): void {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    throw new RangeError(`${what} needs a duration in milliseconds >= 0, got ${String(ms)}`);
  }
}

/**
 * Run `bytecodes` Python bytecodes. Needs the GIL (except on free-threaded builds);
 * the interpreter may switch threads while they run.
 * @example yield py(1_000_000); // about 2.6 ms of pure Python on CPython 3.12
 */
export function py(bytecodes: number): PyOp {
  if (typeof bytecodes !== 'number' || !Number.isFinite(bytecodes) || bytecodes < 0) {
    throw new RangeError(`py() needs a bytecode count >= 0, got ${String(bytecodes)}`);
  }
  return recordLine<PyOp>({ op: 'py', bytecodes: Math.round(bytecodes) });
}

/**
 * Blocking I/O (a socket read, a file read) that takes `ms`. Releases the GIL while
 * blocked and takes it back afterwards, even when the call would not block.
 * @example yield io(0.1); // a 100 µs read
 */
export function io(ms: number): IoOp {
  checkDuration('io()', ms);
  return recordLine<IoOp>({ op: 'io', ms });
}

/**
 * `time.sleep(ms / 1000)`: blocks with the GIL released.
 * @example yield sleep(10);
 */
export function sleep(ms: number): SleepOp {
  checkDuration('sleep()', ms);
  return recordLine<SleepOp>({ op: 'sleep', ms });
}

/**
 * C code running for `ms` of CPU time. With `releasesGil: true` (hashlib on big
 * buffers, zlib, NumPy) other threads run Python meanwhile and it runs in parallel
 * on another CPU; with `releasesGil: false` (a long regex, `sum()` of a big list)
 * it holds the GIL and stalls every other thread of its interpreter.
 * @example yield native(50, { releasesGil: true });
 */
export function native(ms: number, options: { releasesGil: boolean }): NativeOp {
  checkDuration('native()', ms);
  if (!options || typeof options.releasesGil !== 'boolean') {
    throw new TypeError('native() needs { releasesGil: true | false }');
  }
  return recordLine<NativeOp>({ op: 'native', ms, releasesGil: options.releasesGil });
}

/**
 * Start a thread (`threading.Thread(...).start()`). Gives back a handle for `join`;
 * with `yield*` the handle is typed (`yield` alone gives `any`).
 * @example const worker = yield* spawn("worker", function* () { yield py(1e6); });
 */
export function spawn(name: string, body: ThreadBody): SpawnOp & Yieldable<TaskHandle> {
  if (typeof body !== 'function') throw new TypeError(`spawn("${name}") needs a generator function`);
  return recordLine(yieldable<SpawnOp, TaskHandle>({ op: 'spawn', name: String(name), body }));
}

/** Options for `spawnProcess`. */
export interface ProcessOptions {
  /** How the child starts. Default: the runtime's default (`fork` on Linux before 3.14, `forkserver` from 3.14). */
  startMethod?: StartMethod;
  /** Bytes of arguments pickled to the child. Default 0. */
  argBytes?: number;
  /** Bytes of result pickled back to the parent, paid at `join`. Default 0. */
  resultBytes?: number;
}

/**
 * Start a process (`multiprocessing.Process`): its own interpreter and GIL, a
 * start-up cost that depends on the start method, and a pickling cost per byte
 * passed each way. Gives back a handle for `join` (typed with `yield*`).
 * @example const p = yield* spawnProcess("child", function* () { yield py(1e7); }, { startMethod: "spawn" });
 */
export function spawnProcess(name: string, body: ThreadBody, options: ProcessOptions = {}): SpawnProcessOp & Yieldable<TaskHandle> {
  if (typeof body !== 'function') throw new TypeError(`spawnProcess("${name}") needs a generator function`);
  const argBytes = options.argBytes ?? 0;
  const resultBytes = options.resultBytes ?? 0;
  if (!(argBytes >= 0) || !(resultBytes >= 0)) throw new RangeError('spawnProcess() byte counts must be >= 0');
  return recordLine(yieldable<SpawnProcessOp, TaskHandle>({ op: 'spawnProcess', name: String(name), body, startMethod: options.startMethod, argBytes, resultBytes }));
}

/**
 * Start a subinterpreter running `body` in a new OS thread (`concurrent.interpreters`,
 * PEP 734). From 3.12 each subinterpreter has its own GIL (PEP 684); before that they
 * share the process's one GIL. Gives back a handle for `join` (typed with `yield*`).
 * @example const sub = yield* spawnInterpreter("sub", function* () { yield py(1e7); });
 */
export function spawnInterpreter(name: string, body: ThreadBody): SpawnInterpreterOp & Yieldable<TaskHandle> {
  if (typeof body !== 'function') throw new TypeError(`spawnInterpreter("${name}") needs a generator function`);
  return recordLine(yieldable<SpawnInterpreterOp, TaskHandle>({ op: 'spawnInterpreter', name: String(name), body }));
}

/**
 * Wait for a thread, process or subinterpreter to finish (`Thread.join()`); gives
 * back its return value. Waiting releases the GIL.
 * @example const result = yield* join(worker);
 */
export function join(handle: TaskHandle): JoinOp & Yieldable<unknown> {
  if (!handle || typeof handle.id !== 'number') throw new TypeError('join() needs the handle that spawn() yielded');
  return recordLine(yieldable<JoinOp, unknown>({ op: 'join', handle }));
}

/**
 * Write a line to the run's console, stamped with the simulated time. Call it
 * directly (`log("hi")`) or yield it; both work and neither takes simulated time.
 */
export function log(...parts: unknown[]): LogOp {
  const text = parts.map((part) => (typeof part === 'string' ? part : safeStringify(part))).join(' ');
  const op: LogOp = recordLine<LogOp>({ op: 'log', text });
  logSink?.(op);
  return op;
}

function safeStringify(value: unknown): string {
  try {
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  } catch {
    return String(value);
  }
}

let logSink: ((op: LogOp) => void) | undefined;

/** Route direct `log()` calls into the running simulation (set by the engine during a run). */
export function setLogSink(sink: ((op: LogOp) => void) | undefined): void {
  logSink = sink;
}

export type { TaskHandle, StartMethod, ThreadBody };
