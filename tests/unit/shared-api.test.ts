/** `Shared` and `increment`: bad input gets a message naming the argument; the result lists each variable. */
import { describe, expect, test } from 'vitest';
import { defineScenario, increment, Lock, runScenario, Shared, spawn, spawnInterpreter, join, type IncrementOptions } from 'gilsim';
import { bytecodesPerTurn, listing, switchRule, windowChance } from '../../src/sim/shared/loops';

describe('bad input', () => {
  const counter = new Shared('counter', 0);
  test.each<[string, () => unknown, RegExp]>([
    ['a string instead of a Shared', () => increment('counter' as unknown as Shared), /increment\(counter, \.\.\.\): counter must be a Shared.*got "counter"/],
    ['a plain object instead of a Shared', () => increment({ name: 'x', initial: 0 } as unknown as Shared), /counter must be a Shared.*got an object \(name, initial\)/],
    ['negative times', () => increment(counter, { times: -1 }), /increment\(counter, \{ times \}\): times must be a whole number >= 0, got -1/],
    ['fractional times', () => increment(counter, { times: 2.5 }), /times must be a whole number >= 0, got 2\.5/],
    ['times as a string', () => increment(counter, { times: '10' as unknown as number }), /times must be a whole number >= 0, got "10"/],
    ['NaN times', () => increment(counter, { times: Number.NaN }), /times must be a whole number >= 0, got NaN/],
    ['an unknown via', () => increment(counter, { via: 'method' as IncrementOptions['via'] }), /increment\(counter, \{ via \}\): via must be "inline" or "call", got "method"/],
    ['a lock that is not a Lock', () => increment(counter, { lock: {} as Lock }), /\{ lock \}\): lock must be a Lock/],
    ['options that are not an object', () => increment(counter, 5 as unknown as IncrementOptions), /options must be an object/],
    ['a Shared without a name', () => new Shared(undefined as unknown as string), /new Shared\(name, initial\) needs a name string/],
    ['a Shared with a fractional start', () => new Shared('x', 0.5), /initial must be a whole number, got 0\.5/],
  ])('%s', (_, call, message) => {
    expect(call).toThrow(message);
  });

  test('raised inside a thread, the error names the thread and the call', () => {
    const scenario = defineScenario({ *main() { yield increment(counter, { times: -2 }); } });
    expect(() => runScenario(scenario)).toThrow(/thread "main" raised: increment\(counter, \{ times \}\): times must be a whole number >= 0, got -2/);
  });

  test('holding the lock already is the deadlock Python would hit', () => {
    const lock = new Lock('guard');
    const scenario = defineScenario({ *main() { yield lock.acquire(); yield increment(counter, { times: 5, lock }); } });
    expect(() => runScenario(scenario)).toThrow(/while holding guard: threading.Lock is not reentrant/);
  });
});

describe('results', () => {
  test('defaults: one increment, inline; each variable listed once, in the order first updated', () => {
    const a = new Shared('a', 10);
    const b = new Shared('b');
    const result = runScenario(defineScenario({
      *main() {
        yield increment(b, { times: 3 });
        yield increment(a);
        yield increment(b, { times: 0 });
      },
    }));
    expect(result.shared).toEqual([
      { name: 'b', value: 3, expected: 3, lost: 0 },
      { name: 'a', value: 11, expected: 11, lost: 0 },
    ]);
  });

  test('a run with no Shared has an empty list, and a second run starts again from initial', () => {
    const counter = new Shared('counter', 5);
    const scenario = defineScenario({ *main() { yield increment(counter, { times: 2 }); } });
    expect(runScenario(scenario).shared[0].value).toBe(7);
    expect(runScenario(scenario).shared[0].value).toBe(7);
    expect(runScenario(defineScenario({ *main() { yield* join(yield* spawn('x', function* () {})); } })).shared).toEqual([]);
  });

  test('a subinterpreter has its own globals, reported under its name', () => {
    const counter = new Shared('counter', 0);
    const result = runScenario(defineScenario({
      runtime: 'cpython-3.12',
      *main() {
        const sub = yield* spawnInterpreter('sub', function* () { yield increment(counter, { times: 4 }); });
        yield increment(counter, { times: 2 });
        yield* join(sub);
      },
    }));
    expect(result.shared).toEqual(expect.arrayContaining([
      { name: 'counter', value: 2, expected: 2, lost: 0 },
      { name: 'counter (sub)', value: 4, expected: 4, lost: 0 },
    ]));
  });

  test('the loop costs its bytecodes: a million turns take about as long as py() of the same count', () => {
    const counter = new Shared('counter');
    const looped = runScenario(defineScenario({ *main() { yield increment(counter, { times: 1_000_000 }); } })).metrics.wallMs;
    const plain = runScenario(defineScenario({ *main() { yield { op: 'py', bytecodes: 1_000_000 * bytecodesPerTurn('inline') } as never; } })).metrics.wallMs;
    expect(looped / plain).toBeCloseTo(1, 1);
  });
});

describe('where a switch can land (the loops as dis shows them)', () => {
  test('the window runs from the read (LOAD_GLOBAL counter) to the write (STORE_GLOBAL counter)', () => {
    for (const via of ['inline', 'call'] as const) {
      const { names, read, write } = listing(via);
      expect(names[read]).toBe('LOAD_GLOBAL counter');
      expect(names[write]).toBe('STORE_GLOBAL counter');
    }
  });

  test('3.10+ has no switch point inside counter += 1 and one inside counter = bump(counter)', () => {
    expect(windowChance('inline', 'edges')).toBe(0);
    expect(windowChance('call', 'edges')).toBeGreaterThan(0.3);
    for (const rule of ['ticks', 'dispatch', 'anywhere'] as const) expect(windowChance('inline', rule), rule).toBeGreaterThan(0.3);
  });

  test('each runtime follows its generation', () => {
    expect(switchRule('old', 'cpython-2.7')).toBe('ticks');
    expect(switchRule('new', 'cpython-3.2')).toBe('dispatch');
    expect(switchRule('new', 'cpython-3.9')).toBe('dispatch');
    expect(switchRule('new', 'cpython-3.10')).toBe('edges');
    expect(switchRule('new', 'cpython-3.14')).toBe('edges');
    expect(switchRule('none', 'cpython-3.13t')).toBe('anywhere');
  });
});
