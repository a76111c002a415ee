/**
 * Shared state as scenario authors see it: `new Shared("counter", 0)` is a Python
 * global that several threads update. Like `Lock`, the object is only an identity
 * and a name; its value lives in the run that uses it (see counter.ts), so one
 * scenario module can be run many times without one run's value leaking into the next.
 */

let nextSharedId = 1;

/**
 * A module-level variable (a Python global) that threads update with `increment`.
 * Each run starts it at `initial`; the run's result lists its final value, the value
 * it would have without races, and the updates lost on the way (`RunResult.shared`).
 * @example
 * const counter = new Shared("counter", 0);
 * yield increment(counter, { times: 1_000_000 }); // in each of two threads
 */
export class Shared {
  /** Identifies the variable inside a run. */
  readonly id = nextSharedId++;
  constructor(readonly name: string, readonly initial = 0) {
    if (typeof name !== 'string' || name.trim() === '') {
      throw new TypeError(`new Shared(name, initial) needs a name string, like new Shared("counter", 0); got ${describeValue(name)}`);
    }
    if (typeof initial !== 'number' || !Number.isSafeInteger(initial)) {
      throw new RangeError(`new Shared("${name}", initial): initial must be a whole number, got ${describeValue(initial)}`);
    }
  }
}

/** A value as an error message shows it. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : `an object (${Object.keys(value).slice(0, 4).join(', ') || 'no keys'})`;
}
