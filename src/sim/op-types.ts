/**
 * Operation types: the plain-data values a scenario thread yields.
 *
 * A scenario thread is a generator. Each `yield` hands the engine one operation
 * (run some bytecodes, block on I/O, take a lock...) and the engine resumes the
 * generator when the operation is complete, passing back its result (a thread
 * handle for `spawn`, an item for `queue.get()`...). Operations are plain data so
 * the same scenario can be simulated, exported to Python, or inspected.
 *
 * Named for what it holds (the types of the operations), beside `perform.ts`,
 * which is what the engine does for each; the old pair `ops.ts` / `operations.ts`
 * said the same word twice. This file imports nothing: the threading primitives
 * (`sync/`) build these operations, so an operation names its lock, event or
 * queue through the narrow `SyncHandle` rather than the classes.
 */

/**
 * What an operation needs of a lock, event or queue: an identity within the run
 * and a name for messages and the exporter (the classes are in `sync/`).
 */
export interface SyncHandle {
  readonly id: number;
  readonly name: string;
}

/** What an `increment` needs of a `Shared` variable (the class is in `shared/`). */
export interface SharedHandle {
  readonly id: number;
  readonly name: string;
  readonly initial: number;
}

/** Where a multiprocessing child starts from (CPython's `multiprocessing` start methods). */
export type StartMethod = 'fork' | 'forkserver' | 'spawn';

/** A generator function that is the body of a thread, process or subinterpreter. */
export type ThreadBody = () => Generator<Operation, unknown, any>;

/** Handle to a started thread, process or subinterpreter; `join` waits on it. */
export interface TaskHandle {
  readonly kind: 'thread' | 'process' | 'interpreter';
  readonly name: string;
  /** Internal id, unique within one run. */
  readonly id: number;
}

interface OpBase {
  /** Source line of the `yield` in the scenario file, when the runner records call sites. */
  line?: number;
}

export interface PyOp extends OpBase { readonly op: 'py'; readonly bytecodes: number }
export interface IoOp extends OpBase { readonly op: 'io'; readonly ms: number }
export interface SleepOp extends OpBase { readonly op: 'sleep'; readonly ms: number }
export interface NativeOp extends OpBase { readonly op: 'native'; readonly ms: number; readonly releasesGil: boolean }
export interface SpawnOp extends OpBase { readonly op: 'spawn'; readonly name: string; readonly body: ThreadBody }
export interface SpawnProcessOp extends OpBase {
  readonly op: 'spawnProcess';
  readonly name: string;
  readonly body: ThreadBody;
  readonly startMethod?: StartMethod;
  /** Bytes pickled to send the child its arguments. */
  readonly argBytes: number;
  /** Bytes pickled to send the child's result back to `join`. */
  readonly resultBytes: number;
}
export interface SpawnInterpreterOp extends OpBase { readonly op: 'spawnInterpreter'; readonly name: string; readonly body: ThreadBody }
export interface JoinOp extends OpBase { readonly op: 'join'; readonly handle: TaskHandle }
export interface LockAcquireOp extends OpBase { readonly op: 'lockAcquire'; readonly lock: SyncHandle }
export interface LockReleaseOp extends OpBase { readonly op: 'lockRelease'; readonly lock: SyncHandle }
export interface EventSetOp extends OpBase { readonly op: 'eventSet'; readonly event: SyncHandle }
export interface EventWaitOp extends OpBase { readonly op: 'eventWait'; readonly event: SyncHandle }
export interface QueuePutOp extends OpBase { readonly op: 'queuePut'; readonly queue: SyncHandle; readonly item: unknown }
export interface QueueGetOp extends OpBase { readonly op: 'queueGet'; readonly queue: SyncHandle }
export interface LogOp extends OpBase { readonly op: 'log'; readonly text: string }
/** How an increment updates its variable: `counter += 1` ("inline") or `counter = bump(counter)` ("call"). */
export type IncrementVia = 'inline' | 'call';

/** `for _ in range(times): counter += 1` (`via: "call"`: `counter = bump(counter)`), under `with lock:` when given; built by `increment()` in `shared/`. */
export interface IncrementOp extends OpBase {
  readonly op: 'increment';
  readonly shared: SharedHandle;
  readonly times: number;
  readonly via: IncrementVia;
  readonly lock?: SyncHandle;
}

/** Everything a scenario thread may yield. */
export type Operation =
  | PyOp | IoOp | SleepOp | NativeOp
  | SpawnOp | SpawnProcessOp | SpawnInterpreterOp | JoinOp
  | LockAcquireOp | LockReleaseOp | EventSetOp | EventWaitOp | QueuePutOp | QueueGetOp
  | LogOp | IncrementOp;

export type OperationKind = Operation['op'];
