/**
 * `increment(counter, { times, via, lock })`: the scenario operation that updates a
 * `Shared` variable in a loop, and how the engine runs it. The loop is one stretch
 * of Python work (`times` × the bytecodes of one turn, see loops.ts) whose stops are
 * reported to the variable's counter (counter.ts), which decides what each stop does
 * to the value.
 */

import { recordLine } from '../call-site';
import { SimulationError } from '../errors';
import { Lock, lockHolder } from '../sync/lock';
import type { IncrementOp, SharedHandle } from '../op-types';
import type { SimThread } from '../thread';
import type { World } from '../world';
import { bytecodesPerTurn, incrementVias, lockBytecodesPerTurn, switchRule, windowChance, type IncrementVia } from './loops';
import { IncrementLoop, SharedCounter } from './counter';
import type { SharedResult } from '../result';
import { describeValue, Shared } from './shared';

export type { IncrementVia };

/** Options of `increment`. */
export interface IncrementOptions {
  /** How many times to add one. Default 1. */
  times?: number;
  /** `"inline"` (default): `counter += 1`. `"call"`: `counter = bump(counter)`, a Python function call between the read and the write. */
  via?: IncrementVia;
  /**
   * Hold this lock around each update (`with lock: counter += 1`): no update is lost.
   * The simulator charges the lock's bytecodes per turn but does not make threads wait
   * for it (contention is not modelled), and it does not wait for a holder that took it
   * with `lock.acquire()`.
   */
  lock?: Lock;
}

export type { IncrementOp };

/**
 * Add one to a `Shared` variable `times` times, in a Python loop:
 * `for _ in range(times): counter += 1` (or `counter = bump(counter)` with
 * `via: "call"`; `with lock:` around the update with `lock`). Needs the GIL like any
 * bytecode. Whether a thread switch can land between the read and the write, and so
 * lose other threads' updates, depends on the runtime: see the chapter "Is my code
 * thread-safe?".
 * @example
 * const counter = new Shared("counter", 0);
 * yield increment(counter, { times: 1_000_000, via: "inline" });
 */
export function increment(shared: Shared, options: IncrementOptions = {}): IncrementOp {
  return recordLine(checkedIncrement(shared, options));
}

/** The operation `increment` builds, its arguments checked (no call site: the engine re-checks with this). */
function checkedIncrement(shared: Shared, options: IncrementOptions): IncrementOp {
  if (!(shared instanceof Shared)) {
    throw new TypeError(`increment(counter, ...): counter must be a Shared, like const counter = new Shared("counter", 0); got ${describeValue(shared)}`);
  }
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`increment(${shared.name}, options): options must be an object like { times: 1000, via: "inline" }, got ${describeValue(options)}`);
  }
  const times = options.times ?? 1;
  if (typeof times !== 'number' || !Number.isSafeInteger(times) || times < 0) {
    throw new RangeError(`increment(${shared.name}, { times }): times must be a whole number >= 0, got ${describeValue(times)}`);
  }
  const via = options.via ?? 'inline';
  if (!incrementVias.includes(via)) {
    throw new RangeError(`increment(${shared.name}, { via }): via must be "inline" or "call", got ${describeValue(via)}`);
  }
  if (options.lock !== undefined && !(options.lock instanceof Lock)) {
    throw new TypeError(`increment(${shared.name}, { lock }): lock must be a Lock (new Lock()), got ${describeValue(options.lock)}`);
  }
  return { op: 'increment', shared, times, via, ...(options.lock ? { lock: options.lock } : {}) };
}

/** The run's counters, one per variable and interpreter, in the order first used. */
const countersOf = new WeakMap<World, Map<string, SharedCounter>>();

function counterFor(world: World, shared: SharedHandle, thread: SimThread<World>): SharedCounter {
  let counters = countersOf.get(world);
  if (!counters) countersOf.set(world, (counters = new Map()));
  const interpreter = thread.interpreter;
  const key = `${shared.id}@${interpreter.id}`;
  let counter = counters.get(key);
  if (!counter) {
    // Every interpreter (and process) has its own module globals.
    const name = interpreter.id === 0 ? shared.name : `${shared.name} (${interpreter.name})`;
    counter = new SharedCounter(name, shared.initial, () => world.env.now, world.random, world.recorder);
    counters.set(key, counter);
  }
  return counter;
}

/** What `RunResult.shared` lists for a finished run. */
export function sharedValues(world: World): SharedResult[] {
  return [...(countersOf.get(world)?.values() ?? [])].map((counter) => counter.result());
}

/** Run an `increment` on `thread`; `then` continues its scenario code. */
export function runIncrement(thread: SimThread<World>, op: IncrementOp, then: () => void): 'running' | 'done' {
  const world = thread.world;
  try {
    // An operation yielded by hand skips the checks `increment()` makes.
    checkedIncrement(op.shared as Shared, { times: op.times, via: op.via, lock: op.lock as Lock | undefined });
  } catch (error) {
    throw new SimulationError(`thread "${thread.name}" yielded a bad increment operation: ${(error as Error).message}`);
  }
  if (op.lock && lockHolder(world.sync, op.lock) === thread) {
    throw new SimulationError(`thread "${thread.name}" runs increment(${op.shared.name}, { lock: ${op.lock.name} }) while holding ${op.lock.name}: threading.Lock is not reentrant, so this deadlocks`);
  }
  const counter = counterFor(world, op.shared, thread);
  if (op.times === 0) return 'done';
  const perTurn = bytecodesPerTurn(op.via) + (op.lock ? lockBytecodesPerTurn : 0);
  const rule = switchRule(world.params.gil, world.params.runtime);
  const chance = op.lock || rule === 'anywhere' ? 0 : windowChance(op.via, rule);
  const overlapLoss = op.lock || rule !== 'anywhere' ? 0 : windowChance(op.via, 'anywhere');
  const loop = new IncrementLoop(counter, thread.id, op.times, perTurn, chance, overlapLoss);
  thread.run({
    kind: 'python', display: 'python', stallNs: 0, units: op.times * perTurn, line: op.line,
    observer: loop, onDone: then,
  });
  return 'running';
}
