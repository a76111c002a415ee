/**
 * Executing a scenario thread: step its generator and carry out each operation
 * the way CPython does. A thread runs scenario code only while it holds its
 * interpreter's GIL (always true without one); every blocking operation
 * releases the GIL first and takes it back when it wakes.
 */

import type { Operation, TaskHandle } from './ops';
import type { SimThread } from './thread';
import type { World } from './world';
import { BlockingCall, type Immediate } from './blocking-call';
import { SimulationError, SimulationLimitError } from './errors';
import { runIncrement } from './shared/increment';

const NS_PER_MS = 1e6;

/** The thread's blocking call, made at its first and reused (see blocking-call.ts). */
function blockingCall(thread: SimThread): BlockingCall<SimThread> {
  return (thread.blockingCall ??= new BlockingCall(thread, advance));
}

/** `advance(thread)` as a callback, made once per thread (one per operation would be garbage to collect). */
function proceed(thread: SimThread): () => void {
  return (thread.proceed ??= () => advance(thread));
}

/** Run `thread`'s scenario code from where it stopped, passing `value` to the generator. */
export function advance(thread: SimThread, value?: unknown): void {
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

function execute(thread: SimThread, op: Operation): Immediate | undefined {
  const world = thread.world;
  const { params } = world;
  switch (op.op) {
    case 'py':
      if (op.bytecodes === 0) return { value: undefined };
      thread.run({ kind: 'python', display: 'python', stallNs: 0, units: op.bytecodes, line: op.line, onDone: proceed(thread) });
      return undefined;

    case 'native': {
      const work = (then: () => void) => ({ kind: 'native' as const, display: 'native' as const, stallNs: 0, units: op.ms * NS_PER_MS, line: op.line, onDone: then });
      if (op.releasesGil) {
        // Py_BEGIN_ALLOW_THREADS ... Py_END_ALLOW_THREADS
        thread.interpreter.gil.release(thread, () => thread.run(work(() => reacquire(thread, undefined))));
      } else {
        thread.run(work(proceed(thread)));
      }
      return undefined;
    }

    case 'io':
    case 'sleep': {
      // A timed sleep wakes late by the timer slack; I/O completes when the device says.
      blockingCall(thread).sleep(op.ms * NS_PER_MS + (op.op === 'sleep' && op.ms > 0 ? params.timerSlackUs * 1e3 : 0));
      return undefined;
    }

    case 'spawn':
      thread.run(thread.overhead('python', params.threadStartUs * 1e3, () => {
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

    case 'spawnInterpreter': {
      const handle = handleFor(world, 'interpreter', op.name);
      const task = world.addTask(handle);
      const parentInterpreter = thread.interpreter;
      const interpreter = world.createInterpreter(op.name, parentInterpreter.process,
        params.perInterpreterGil ? undefined : parentInterpreter.gil);
      const child = world.createThread(op.name, 'interpreter', interpreter, thread, op.body);
      child.onExit.push(() => world.completeTask(task, child.result));
      startThread(child, params.interpreterStartMs * NS_PER_MS);
      return { value: handle };
    }

    case 'spawnProcess': {
      const method = op.startMethod ?? params.defaultStartMethod;
      const startNs = params.processStartMs[method] * NS_PER_MS;
      thread.run(thread.overhead('python', op.argBytes * params.pickleNsPerByte, () => {
        const handle = handleFor(world, 'process', op.name);
        const task = world.addTask(handle, op.resultBytes);
        let child: SimThread | undefined;
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
    }

    case 'join': {
      const task = world.tasks.get(op.handle?.id);
      if (!task || task.handle !== op.handle) throw new SimulationError(`thread "${thread.name}": join() needs a handle that spawn(), spawnProcess() or spawnInterpreter() yielded in this run`);
      if (task.thread === thread) {
        throw new SimulationError(`thread "${thread.name}" cannot join itself (RuntimeError in Python)`);
      }
      const unpickle = task.resultBytes * params.pickleNsPerByte;
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
    }

    case 'lockAcquire': {
      const lock = world.lock(op.lock);
      if (!lock.holder) {
        lock.holder = thread;
        return { value: true };
      }
      if (lock.holder === thread) throw new SimulationError(`thread "${thread.name}" acquires ${op.lock.name} again while holding it: threading.Lock is not reentrant, so this deadlocks`);
      blockingCall(thread).start((resume) => { thread.resumeWith = resume; lock.waiters.push(thread); }, op.lock.name,
        () => (lock.holder ? undefined : ((lock.holder = thread), { value: true })));
      return undefined;
    }

    case 'lockRelease': {
      const lock = world.lock(op.lock);
      if (!lock.holder) throw new SimulationError(`thread "${thread.name}" releases ${op.lock.name}, which is not locked (RuntimeError: release unlocked lock)`);
      const next = lock.waiters.shift();
      lock.holder = next ?? null;
      next?.resumeWith?.(true);
      return { value: undefined };
    }

    case 'eventSet': {
      const event = world.event(op.event);
      event.set = true;
      for (const waiter of event.waiters.splice(0)) waiter.resumeWith?.(true);
      return { value: undefined };
    }

    case 'eventWait': {
      const event = world.event(op.event);
      if (event.set) return { value: true };
      blockingCall(thread).start((resume) => { thread.resumeWith = resume; event.waiters.push(thread); }, op.event.name,
        () => (event.set ? { value: true } : undefined));
      return undefined;
    }

    case 'queuePut': {
      const queue = world.queue(op.queue);
      const getter = queue.getters.shift();
      if (getter) getter.resumeWith?.(op.item);
      else queue.items.push(op.item);
      return { value: undefined };
    }

    case 'queueGet': {
      const queue = world.queue(op.queue);
      if (queue.items.length) return { value: queue.items.shift() };
      blockingCall(thread).start((resume) => { thread.resumeWith = resume; queue.getters.push(thread); }, op.queue.name,
        () => (queue.items.length ? { value: queue.items.shift() } : undefined));
      return undefined;
    }

    case 'log':
      return { value: undefined };

    case 'increment':
      return runIncrement(thread, op, proceed(thread)) === 'running' ? undefined : { value: undefined };

    default:
      throw new SimulationError(`thread "${thread.name}" yielded an unknown operation "${(op as { op: string }).op}"`);
  }
}

/** After C code that released the GIL: take it back (Py_END_ALLOW_THREADS). */
function reacquire(thread: SimThread, value: unknown): void {
  thread.interpreter.gil.acquire(thread, () => advance(thread, value));
}

/** A new thread: start-up work (if any), then take its GIL, then run its body. */
export function startThread(thread: SimThread, startupNs: number): void {
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
function finish(thread: SimThread, value: unknown): void {
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
    }, { exiting: true });
  };
  const pickleNs = thread.resultBytes * world.params.pickleNsPerByte;
  if (thread.kind === 'process' && pickleNs > 0) thread.run(thread.overhead('python', pickleNs, exit));
  else exit();
}

function handleFor(world: World, kind: TaskHandle['kind'], name: string): TaskHandle {
  return Object.freeze({ kind, name, id: world.tasks.size });
}

function scenarioError(thread: SimThread, error: unknown): SimulationError {
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
