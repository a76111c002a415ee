/**
 * Record a scenario's programs by running it once on the simulator.
 *
 * Every thread body is wrapped in a generator that passes each operation through
 * to the engine and notes it down, so the export replays exactly what each thread
 * did in the simulation: loops unrolled, queue hand-offs in the order they
 * happened, the handle `spawn` returned matched to the task it started.
 */

import { resolveParams, runScenario } from 'gilsim';
import type { Operation, RunOptions, RunResult, Scenario, StartMethod, ThreadBody } from 'gilsim';
import type { RecordedOp, RecordedScenario, SharedVariable, SyncKind, SyncObject, TaskKind, TaskProgram } from './program';

/** A recorded scenario plus the simulator's own result for the same run. */
export interface Recording {
  recorded: RecordedScenario;
  result: RunResult;
}

/** Run `scenario` on the simulator and record every task's operations. */
export function recordScenario(scenario: Scenario, options: RunOptions = {}): Recording {
  const tasks: TaskProgram[] = [];
  const syncObjects = new Map<number, SyncObject>();
  const taskOfHandle = new Map<number, number>();
  const sharedVariables = new Map<number, SharedVariable>();

  const newTask = (name: string, kind: TaskKind, parent: number | null): TaskProgram => {
    const task: TaskProgram = { id: tasks.length, name: plainText(name), kind, parent, ops: [] };
    tasks.push(task);
    return task;
  };

  const syncId = (object: { id: number; name: string }, kind: SyncKind): number => {
    if (!syncObjects.has(object.id)) syncObjects.set(object.id, { id: object.id, kind, name: plainText(object.name) });
    return object.id;
  };

  const translate = (op: Operation): RecordedOp => {
    switch (op.op) {
      case 'py': return { op: 'py', bytecodes: op.bytecodes };
      case 'io': return { op: 'io', ms: op.ms };
      case 'sleep': return { op: 'sleep', ms: op.ms };
      case 'native': return { op: 'native', ms: op.ms, releasesGil: op.releasesGil };
      case 'join': {
        const task = taskOfHandle.get(op.handle.id);
        if (task === undefined) throw new Error(`export: join() of "${op.handle.name}", a handle this run did not start`);
        return { op: 'join', task };
      }
      case 'lockAcquire': return { op: 'lockAcquire', sync: syncId(op.lock, 'lock') };
      case 'lockRelease': return { op: 'lockRelease', sync: syncId(op.lock, 'lock') };
      case 'eventSet': return { op: 'eventSet', sync: syncId(op.event, 'event') };
      case 'eventWait': return { op: 'eventWait', sync: syncId(op.event, 'event') };
      case 'queuePut': return { op: 'queuePut', sync: syncId(op.queue, 'queue'), item: op.item };
      case 'queueGet': return { op: 'queueGet', sync: syncId(op.queue, 'queue') };
      case 'log': return { op: 'log', text: plainText(op.text) };
      case 'increment': {
        const { shared } = op;
        if (!sharedVariables.has(shared.id)) sharedVariables.set(shared.id, { id: shared.id, name: plainText(shared.name), initial: shared.initial });
        return { op: 'increment', shared: shared.id, times: op.times, via: op.via, ...(op.lock ? { lock: syncId(op.lock, 'lock') } : {}) };
      }
      default: throw new Error(`export: unexpected operation ${(op as Operation).op}`);
    }
  };

  // `...args` passes the main thread's knob values through to the scenario's main.
  const wrap = (task: TaskProgram, body: (...args: never[]) => ReturnType<ThreadBody>): ThreadBody =>
    function* recorded(...args: never[]) {
      const inner = body(...args);
      let step = inner.next();
      while (!step.done) {
        let op: Operation = step.value;
        let child: TaskProgram | undefined;
        if (op.op === 'spawn' || op.op === 'spawnProcess' || op.op === 'spawnInterpreter') {
          const kind: TaskKind = op.op === 'spawn' ? 'thread' : op.op === 'spawnProcess' ? 'process' : 'interpreter';
          child = newTask(op.name, kind, task.id);
          if (op.op === 'spawnProcess') {
            if (op.startMethod !== undefined) child.startMethod = plainText(op.startMethod) as StartMethod;
            child.argBytes = op.argBytes;
            child.resultBytes = op.resultBytes;
          }
          op = { ...op, body: wrap(child, op.body) };
          task.ops.push({ op: 'start', task: child.id });
        } else {
          task.ops.push(translate(op));
        }
        let sent: unknown;
        try {
          sent = yield op;
        } catch (error) {
          step = inner.throw(error);
          continue;
        }
        if (child && sent && typeof (sent as { id?: unknown }).id === 'number') {
          taskOfHandle.set((sent as { id: number }).id, child.id);
        }
        step = inner.next(sent);
      }
      return step.value;
    };

  const main = newTask('main', 'main', null);
  const userOnOperation = options.onOperation;
  const result = runScenario(
    { ...scenario, main: wrap(main, scenario.main) },
    {
      ...options,
      onOperation: (thread, op, time) => {
        // Use the simulator's name for the main thread so the two JSONs line up.
        if (thread.kind === 'main') main.name = plainText(thread.name);
        userOnOperation?.(thread, op, time);
      },
    },
  );
  const params = resolveParams(scenario, options);
  return {
    recorded: {
      title: scenario.title == null ? undefined : plainText(scenario.title),
      runtime: params.runtime,
      cpus: params.cpus,
      switchIntervalMs: params.switchIntervalMs,
      checkInterval: params.checkInterval,
      defaultStartMethod: params.defaultStartMethod,
      tasks,
      syncObjects: [...syncObjects.values()],
      shared: [...sharedVariables.values()],
    },
    result,
  };
}

/**
 * A scenario's name or text as a string. Scenario code can hand over anything (a lock
 * named by an object, an op yielded by hand), and the recording is plain data.
 */
function plainText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
