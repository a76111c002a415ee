/**
 * Operations that `yield*` can wait on, so the value the engine hands back has a
 * real type. TypeScript types every `yield` expression of a generator alike (its
 * "next" type, `any` for a scenario thread); `yield*` instead takes the return type
 * of the iterator it delegates to. A yieldable operation's iterator yields the
 * operation itself once and returns what the engine passed back, so
 * `yield* spawn(...)` and `yield spawn(...)` run the same way.
 */
import type { Operation } from './op-types';

/**
 * An operation that `yield*` can wait on: it yields itself to the engine once and
 * gives back the engine's answer, typed `T` (`yield` alone gives `any`).
 * @example const worker = yield* spawn("worker", function* () { yield py(1e6); }); // worker: TaskHandle
 */
export interface Yieldable<T> {
  [Symbol.iterator](): Iterator<Operation, T, unknown>;
}

/** Shared by every yieldable operation (not copied onto each, so operations stay plain data). */
const yieldableOperation = {
  *[Symbol.iterator](this: Operation): Generator<Operation, unknown, unknown> {
    return yield this;
  },
};

/** `op` with `yieldableOperation` as its prototype. */
export function yieldable<Op extends Operation, T>(op: Op): Op & Yieldable<T> {
  return Object.assign(Object.create(yieldableOperation) as Op & Yieldable<T>, op);
}
