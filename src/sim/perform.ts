/**
 * Performing operations: step a scenario thread's generator and carry out each
 * operation it yields the way CPython does. A thread runs scenario code only
 * while it holds its interpreter's GIL (always true without one); every blocking
 * operation releases the GIL first and takes it back when it wakes.
 *
 * Named for what the engine does here (it performs operations), beside
 * `op-types.ts`, which is what operations are; the old pair `ops.ts` /
 * `operations.ts` said the same word twice. Each kind's code is one entry of
 * `performers`; the threading primitives' own code is in `sync/`.
 */

import type { Operation, OperationKind, TaskHandle } from './op-types';
import type { SimThread } from './thread';
import type { World } from './world';
import { BlockingCall, type Immediate } from './blocking-call';
import { SimulationError, SimulationLimitError } from './errors';
import type { Block, Woke } from './sync/primitive';
import { acquireLock, internalLock, type LockOps, releaseLock } from './sync/lock';
import { setEvent, waitEvent } from './sync/event';
import { getItem, putItem } from './sync/queue';
import { runIncrement } from './shared/increment';

/** A thread of this engine's world. */
type Thread = SimThread<World>;

const NS_PER_MS = 1e6;
const NS_PER_US = 1e3;

/** The thread's blocking call, made at its first and reused (see blocking-call.ts). */
function blockingCall(thread: Thread): BlockingCall<Thread> {
  return (thread.blockingCall ??= new BlockingCall(thread, advance));
}

/** `advance(thread)` as a callback, made once per thread (one per operation would be garbage to collect). */
function proceed(thread: Thread): () => void {
  return (thread.proceed ??= () => advance(thread));
}

/** Run `thread`'s scenario code from where it stopped, passing `value` to the generator. */
export function advance(thread: Thread, value?: unknown): void {
  const world = thread.world;
  for (;;) {
    if (++world.operations > world.maxOperations) {
      throw new SimulationLimitError(`stopped after ${world.maxOperations} operations at ${(world.env.now / NS_PER_MS).toFixed(3)} ms: thread "${thread.name}" may loop forever`);
    }
    let step: IteratorResult<Operation, unknown>;
    world.current = thread;
    try {
      step = thread.iterator.next(value);
    } catch (error) {
      throw scenarioError(thread, error);
    } finally {
      world.current = null;
    }
    if (step.done) {
      finish(thread, step.value);
      return;
    }
    const op = step.value;
    if (!op || typeof op !== 'object' || typeof (op as { op?: unknown }).op !== 'string') {
      throw new SimulationError(`thread "${thread.name}" yielded ${describe(op)}, which is not an operation: yield py(n), io(ms), sleep(ms), native(ms, {...}), spawn(...), join(...), or a Lock/Event/Queue method`);
    }
    thread.line = op.line;
    world.hooks.onOperation?.(
      { id: thread.id, name: thread.name, kind: thread.kind, parent: thread.parent?.id ?? null },
      op, world.env.now / NS_PER_MS,
    );
    const immediate = execute(thread, op);
    if (!immediate) return;
    value = immediate.value;
  }
}

/** What the engine does for one kind of operation: the value to go on with at once, or undefined when the thread goes on later. */
type Perform<K extends OperationKind> = (thread: Thread, op: Extract<Operation, { op: K }>) => Immediate | undefined;

/**
 * Run `bytecodes` of the library's own Python (holding the GIL, switchable like any
 * Python), then `then`: the operation itself, which goes on at once or blocks.
 */
function inPython(thread: Thread, bytecodes: number, line: number | undefined, then: () => Immediate | undefined): Immediate | undefined {
  if (bytecodes <= 0) return then();
  thread.run({ kind: 'python', display: 'python', stallNs: 0, units: bytecodes, line, onDone: () => goOn(thread, then()) });
  return undefined;
}

/** After a step that finished later: go on with the scenario if the rest finished at once (else the rest goes on itself). */
function goOn(thread: Thread, immediate: Immediate | undefined): void {
  if (immediate) advance(thread, immediate.value);
}

/**
 * A release, set or put that woke sleeping threads: each wake is a futex wake that
 * interrupts another CPU, paid by the waker in the kernel with the GIL held. Then
 * `then` (default: go on with the operation's value).
 */
function afterWaking(thread: Thread, done: Woke, line: number | undefined, then?: () => Immediate | undefined): Immediate | undefined {
  const ns = done.woke * thread.world.params.wakeSignalUs * NS_PER_US;
  if (ns <= 0) return then ? then() : done;
  thread.run({ kind: 'native', display: 'native', stallNs: 0, units: ns, line, onDone: () => goOn(thread, then ? then() : done) });
  return undefined;
}

/**
 * A method of `queue.Queue` or `threading.Event`, Python classes whose methods run under
 * the object's own Lock (`with self.mutex`, `with self._cond`): take it (blocking, GIL
 * released, while another thread's call holds it), run the method's `bytecodes` holding
 * it, release it, then `then`, the operation itself. A thread switched out mid-method keeps
 * the lock, so a call on the same object from another thread waits for it, as in CPython.
 */
function inPythonUnderLock(thread: Thread, lock: LockOps, bytecodes: number, line: number | undefined, then: () => Immediate | undefined): Immediate | undefined {
  const { sync, params } = thread.world;
  const unlock = () => afterWaking(thread, releaseLock(thread, lock.release, sync), line, then);
  const locked = () => inPython(thread, bytecodes, line, unlock);
  const blockThenLocked: Block<Thread> = (blocked, arm, waitingOn, ready) =>
    blockingCall(blocked).start(arm, waitingOn, ready, () => goOn(blocked, locked()), 'lock-wait-release', true);
  return acquireLock(thread, lock.acquire, sync, blockThenLocked, params.lockAcquireReleasesGil) ? locked() : undefined;
}

/** The blocking call as the threading primitives see it (`sync/primitive.ts`). */
const block: Block<Thread> = (thread, arm, waitingOn, ready) => blockingCall(thread).start(arm, waitingOn, ready, undefined, 'lock-wait-release', true);

/**
 * One entry per operation kind, so a new operation is its type in `op-types.ts`
 * plus an entry here (the type checker refuses the table until it has one).
 */
const performers: { [K in OperationKind]: Perform<K> } = {
  py(thread, op) {
    if (op.bytecodes === 0) return { value: undefined };
    thread.run({ kind: 'python', display: 'python', stallNs: 0, units: op.bytecodes, line: op.line, onDone: proceed(thread) });
    return undefined;
  },

  native(thread, op) {
    const work = (then: () => void) => ({ kind: 'native' as const, display: 'native' as const, stallNs: 0, units: op.ms * NS_PER_MS, line: op.line, onDone: then });
    if (op.releasesGil) {
      // Py_BEGIN_ALLOW_THREADS ... Py_END_ALLOW_THREADS
      thread.interpreter.gil.release(thread, () => thread.run(work(() => reacquire(thread, undefined))), 'native-release');
    } else {
      thread.run(work(proceed(thread)));
    }
    return undefined;
  },

  // I/O completes when the device says.
  io(thread, op) {
    blockingCall(thread).sleep(op.ms * NS_PER_MS, 'io-release');
    return undefined;
  },

  // A timed sleep wakes late by the timer slack.
  sleep(thread, op) {
    blockingCall(thread).sleep(op.ms * NS_PER_MS + (op.ms > 0 ? thread.world.params.timerSlackUs * 1e3 : 0), 'sleep-release');
    return undefined;
  },

  spawn(thread, op) {
    const world = thread.world;
    // A process's first start also sets threading up (its first thread state and stack).
    const first = !world.processesStartedAThread.has(thread.process);
    world.processesStartedAThread.add(thread.process);
    const startUs = world.params.threadStartUs + (first ? world.params.firstThreadStartUs : 0);
    thread.run(thread.overhead('python', startUs * 1e3, () => {
      const handle = handleFor(world, 'thread', op.name);
      const task = world.addTask(handle);
      const child = world.createThread(op.name, 'thread', thread.interpreter, thread, op.body);
      task.thread = child;
      child.onExit.push(() => world.completeTask(task, child.result));
      // Thread.start() waits (GIL released) until the new thread has taken the
      // GIL and signalled that it started.
      blockingCall(thread).start((resume) => child.onStarted.push(() => resume(handle)), `${op.name} to start`,
        () => (child.started ? { value: handle } : undefined));
      startThread(child, 0);
    }));
    return undefined;
  },

  spawnInterpreter(thread, op) {
    const world = thread.world;
    const { params } = world;
    const handle = handleFor(world, 'interpreter', op.name);
    const task = world.addTask(handle);
    const parentInterpreter = thread.interpreter;
    const interpreter = world.createInterpreter(op.name, parentInterpreter.process,
      params.perInterpreterGil ? undefined : parentInterpreter.gil);
    const child = world.createThread(op.name, 'interpreter', interpreter, thread, op.body);
    child.onExit.push(() => world.completeTask(task, child.result));
    startThread(child, params.interpreterStartMs * NS_PER_MS);
    return { value: handle };
  },

  spawnProcess(thread, op) {
    const world = thread.world;
    const { params } = world;
    const method = op.startMethod ?? params.defaultStartMethod;
    // The run's first start with this method pays multiprocessing's one-time set-up too, in
    // the parent with the GIL held: importing multiprocessing.connection and what it needs
    // (the first Pipe), or starting forkserver's server. The parent starts nothing else meanwhile.
    const first = !world.processMethodsStarted.has(method);
    world.processMethodsStarted.add(method);
    const setUpNs = first ? params.firstProcessStartMs[method] * NS_PER_MS : 0;
    const startNs = params.processStartMs[method] * NS_PER_MS;
    thread.run(thread.overhead('python', setUpNs + op.argBytes * params.pickleNsPerByte, () => {
      const handle = handleFor(world, 'process', op.name);
      const task = world.addTask(handle, op.resultBytes);
      let child: Thread | undefined;
      const process = world.createProcess(() => world.completeTask(task, child?.result));
      const interpreter = world.createInterpreter(op.name, process);
      child = world.createThread(op.name, 'process', interpreter, thread, op.body);
      // The child unpickles its arguments before its body runs, and pickles its
      // result before it exits.
      child.argBytes = op.argBytes;
      child.resultBytes = op.resultBytes;
      startThread(child, startNs);
      advance(thread, handle);
    }));
    return undefined;
  },

  join(thread, op) {
    const world = thread.world;
    const task = world.tasks.get(op.handle?.id);
    if (!task || task.handle !== op.handle) throw new SimulationError(`thread "${thread.name}": join() needs a handle that spawn(), spawnProcess() or spawnInterpreter() yielded in this run`);
    if (task.thread === thread) {
      throw new SimulationError(`thread "${thread.name}" cannot join itself (RuntimeError in Python)`);
    }
    const unpickle = task.resultBytes * world.params.pickleNsPerByte;
    const afterJoin = (value: unknown) => {
      if (unpickle > 0) thread.run(thread.overhead('python', unpickle, () => advance(thread, value)));
      else advance(thread, value);
    };
    if (task.done) {
      if (unpickle === 0) return { value: task.value };
      afterJoin(task.value);
      return undefined;
    }
    blockingCall(thread).start((resume) => task.joiners.push((value) => resume(value)), `join(${task.handle.name})`,
      () => (task.done ? { value: task.value } : undefined), afterJoin);
    return undefined;
  },

  lockAcquire: (thread, op) => acquireLock(thread, op, thread.world.sync, block, thread.world.params.lockAcquireReleasesGil),
  lockRelease: (thread, op) => afterWaking(thread, releaseLock(thread, op, thread.world.sync), op.line),
  // queue.Queue and threading.Event are Python classes: their own bytecodes run first, under their own lock (GIL held).
  eventSet: (thread, op) => inPythonUnderLock(thread, internalLock(op.event, '_cond'), thread.world.params.eventSetBytecodes, op.line,
    () => afterWaking(thread, setEvent(thread, op, thread.world.sync), op.line)),
  eventWait: (thread, op) => inPythonUnderLock(thread, internalLock(op.event, '_cond'), thread.world.params.eventWaitBytecodes, op.line,
    () => waitEvent(thread, op, thread.world.sync, block)),
  queuePut: (thread, op) => inPythonUnderLock(thread, internalLock(op.queue, 'mutex'), thread.world.params.queuePutBytecodes, op.line,
    () => afterWaking(thread, putItem(thread, op, thread.world.sync), op.line)),
  queueGet: (thread, op) => inPythonUnderLock(thread, internalLock(op.queue, 'mutex'), thread.world.params.queueGetBytecodes, op.line,
    () => getItem(thread, op, thread.world.sync, block)),

  // log() wrote its line when it was called (api.ts); yielding it takes no time.
  log: () => ({ value: undefined }),

  increment: (thread, op) => (runIncrement(thread, op, proceed(thread)) === 'running' ? undefined : { value: undefined }),
};

/**
 * The table as a Map: looking up a kind a hostile scenario made up ("toString")
 * finds nothing, where an object would find its prototype's methods.
 */
const performerOf = new Map<string, (thread: Thread, op: Operation) => Immediate | undefined>(
  Object.entries(performers) as [string, (thread: Thread, op: Operation) => Immediate | undefined][],
);

function execute(thread: Thread, op: Operation): Immediate | undefined {
  const perform = performerOf.get(op.op);
  if (!perform) throw new SimulationError(`thread "${thread.name}" yielded an unknown operation "${(op as { op: string }).op}"`);
  return perform(thread, op);
}

/** After C code that released the GIL: take it back (Py_END_ALLOW_THREADS). */
function reacquire(thread: Thread, value: unknown): void {
  thread.interpreter.gil.acquire(thread, () => advance(thread, value));
}

/** A new thread: start-up work (if any), then take its GIL, then run its body. */
export function startThread(thread: Thread, startupNs: number): void {
  const world = thread.world;
  const unpickleNs = thread.argBytes * world.params.pickleNsPerByte;
  const runBody = () => thread.interpreter.gil.acquire(thread, () => {
    thread.started = true;
    for (const started of thread.onStarted.splice(0)) started();
    if (unpickleNs > 0) thread.run(thread.overhead('python', unpickleNs, proceed(thread)));
    else advance(thread);
  });
  thread.run(startupNs > 0
    ? { kind: 'native', display: 'native', stallNs: 0, units: startupNs, onDone: runBody }
    : thread.overhead('gil-wait', world.params.acquireAttemptUs * 1e3, runBody));
}

/** The body returned: pickle a process's result, release the GIL, leave the CPU, wake joiners. */
function finish(thread: Thread, value: unknown): void {
  const world = thread.world;
  const exit = () => {
    thread.result = value;
    thread.interpreter.gil.release(thread, () => {
      thread.finished = true;
      world.recorder.event('exit', thread.id, world.env.now);
      world.recorder.endThread(thread.id, world.env.now);
      world.scheduler.leave(thread);
      world.threadFinished(thread);
      for (const callback of thread.onExit) callback();
    }, 'exit-release');
  };
  const pickleNs = thread.resultBytes * world.params.pickleNsPerByte;
  if (thread.kind === 'process' && pickleNs > 0) thread.run(thread.overhead('python', pickleNs, exit));
  else exit();
}

function handleFor(world: World, kind: TaskHandle['kind'], name: string): TaskHandle {
  return Object.freeze({ kind, name, id: world.tasks.size });
}

function scenarioError(thread: Thread, error: unknown): SimulationError {
  if (error instanceof SimulationError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const wrapped = new SimulationError(`thread "${thread.name}" raised: ${message}`, { cause: error });
  return wrapped;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined (did you forget to call it, e.g. py(1000)?)';
  if (typeof value === 'function') return 'a function (call it: yield py(1000), not yield py)';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
