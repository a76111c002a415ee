/**
 * Shapes: typed checks for values that arrive from untrusted code (the runner's
 * replies). A shape answers fast whether a value fits (`is`, no allocation, so a
 * million trace intervals check in milliseconds) and, only when it does not,
 * where the value first breaks it (`why`), for an error message a reader can act
 * on. `object()` takes one shape per property of the type, so a property added to
 * the type and not here is a compile error. Pure.
 */

export interface Shape<T> {
  /** Does `value` fit? */
  is(value: unknown): value is T;
  /** Where `value` first breaks the shape, e.g. "result.runs[0].result.trace.cpus is not a whole number from 1 to 64"; undefined when it fits. */
  why(value: unknown, path: string): string | undefined;
}

/** A shape for a single value, tested by `is`. */
export function leaf<T>(expected: string, is: (value: unknown) => value is T): Shape<T> {
  return { is, why: (value, path) => (is(value) ? undefined : `${path} is not ${expected}`) };
}

export const finiteNumber = leaf('a finite number', (value): value is number => typeof value === 'number' && Number.isFinite(value));
export const wholeNumber = leaf('a whole number', (value): value is number => Number.isSafeInteger(value));
export const text = leaf('a string', (value): value is string => typeof value === 'string');
export const flag = leaf('true or false', (value): value is boolean => typeof value === 'boolean');

/** A whole number from `min` to `max`. */
export function wholeIn(min: number, max: number): Shape<number> {
  return leaf(`a whole number from ${min} to ${max}`, (value): value is number => Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max);
}

/** A string of at most `max` characters. */
export function textUpTo(max: number): Shape<string> {
  return leaf(`a string of at most ${max.toLocaleString('en-US')} characters`, (value): value is string => typeof value === 'string' && value.length <= max);
}

/** One of a fixed set of values. */
export function oneOf<T extends string | boolean>(values: readonly T[]): Shape<T> {
  const allowed = new Set<unknown>(values);
  return leaf(`one of ${values.map((value) => JSON.stringify(value)).join(', ')}`, (value): value is T => allowed.has(value));
}

/** Absent (undefined) or fitting `shape`. */
export function optional<T>(shape: Shape<T>): Shape<T | undefined> {
  return {
    is: (value): value is T | undefined => value === undefined || shape.is(value),
    why: (value, path) => (value === undefined ? undefined : shape.why(value, path)),
  };
}

/** A list whose every item fits `item`. */
export function listOf<T>(item: Shape<T>): Shape<T[]> {
  return {
    is(value): value is T[] {
      if (!Array.isArray(value)) return false;
      for (let index = 0; index < value.length; index++) if (!item.is(value[index])) return false;
      return true;
    },
    why(value, path) {
      if (!Array.isArray(value)) return `${path} is not a list`;
      for (let index = 0; index < value.length; index++) {
        if (!item.is(value[index])) return item.why(value[index], `${path}[${index}]`);
      }
      return undefined;
    },
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object with (at least) these properties, each fitting its shape; other properties are ignored. */
export function object<T>(fields: { [K in keyof T]-?: Shape<T[K]> }): Shape<T> {
  const entries = Object.entries(fields) as [string, Shape<unknown>][];
  return {
    is(value): value is T {
      if (!isRecord(value)) return false;
      for (let index = 0; index < entries.length; index++) {
        const [key, shape] = entries[index];
        if (!shape.is(value[key])) return false;
      }
      return true;
    },
    why(value, path) {
      if (!isRecord(value)) return `${path} is not an object`;
      for (const [key, shape] of entries) {
        const problem = shape.why(value[key], `${path}.${key}`);
        if (problem) return problem;
      }
      return undefined;
    },
  };
}

/** Either of two shapes, told apart by `pick` (e.g. by a discriminant property). */
export function either<A, B>(pick: (value: unknown) => 'first' | 'second' | undefined, first: Shape<A>, second: Shape<B>, expected: string): Shape<A | B> {
  return {
    is: (value): value is A | B => {
      const which = pick(value);
      return which === 'first' ? first.is(value) : which === 'second' ? second.is(value) : false;
    },
    why: (value, path) => {
      const which = pick(value);
      if (which === 'first') return first.why(value, path);
      if (which === 'second') return second.why(value, path);
      return `${path} is not ${expected}`;
    },
  };
}
