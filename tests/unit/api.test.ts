import { describe, expect, test } from 'vitest';
import { defineScenario, py, io, sleep, native, spawn, join, runScenario, resolveParams, SimulationError } from 'gilsim';

const trivial = defineScenario({ *main() { yield py(10); } });

describe('operation builders refuse impossible values with a message that says what is wrong', () => {
  test.each([
    ['py(-1)', () => py(-1), /bytecode count >= 0/],
    ['py(NaN)', () => py(Number.NaN), /bytecode count/],
    ['io(-0.5)', () => io(-0.5), /io\(\) needs a duration/],
    ['sleep(Infinity)', () => sleep(Number.POSITIVE_INFINITY), /sleep\(\) needs a duration/],
    ['native without options', () => native(1, undefined as never), /releasesGil/],
    ['spawn without a body', () => spawn('x', undefined as never), /generator function/],
    ['join of nothing', () => join(undefined as never), /handle that spawn\(\) yielded/],
    ['defineScenario without main', () => defineScenario({} as never), /main/],
  ])('%s', (_name, build, message) => {
    expect(build).toThrow(message);
  });
});

describe('configuration', () => {
  test.each([
    [{ cpus: 0 }, /cpus must be a whole number from 1 to 64, got 0/],
    [{ cpus: 65 }, /cpus must be .* 64/],
    [{ cpus: 1.5 }, /cpus must be a whole number/],
    [{ switchIntervalMs: -1 }, /switchIntervalMs must be > 0/],
    [{ wakeLatencyUs: -3 }, /wakeLatencyUs must be a number >= 0/],
    [{ checkInterval: -10 }, /checkInterval must be a whole number/],
    [{ runtime: 'cpython-4.0' as never }, /unknown runtime "cpython-4.0"; choose one of: cpython-2.2/],
  ])('%o is refused', (options, message) => {
    expect(() => runScenario(trivial, options)).toThrow(SimulationError);
    expect(() => runScenario(trivial, options)).toThrow(message);
  });

  test('caller overrides beat the scenario, which beats the runtime preset', () => {
    const scenario = defineScenario({ runtime: 'cpython-2.7', cpus: 4, checkInterval: 10, *main() { yield py(1); } });
    expect(resolveParams(scenario)).toMatchObject({ runtime: 'cpython-2.7', gil: 'old', cpus: 4, checkInterval: 10, bytecodeNs: 1.8 });
    expect(resolveParams(scenario, { cpus: 1, runtime: 'cpython-3.13t' })).toMatchObject({ cpus: 1, gil: 'none', freeThreadedOverhead: 1.4 });
  });

  test('a module that does not default-export a scenario is refused', () => {
    expect(() => runScenario({} as never)).toThrow(/export default defineScenario/);
  });
});

describe('scenario mistakes end the run with a clear error', () => {
  test('yielding something that is not an operation', () => {
    const scenario = defineScenario({ *main() { yield 42 as never; } });
    expect(() => runScenario(scenario)).toThrow(/yielded 42, which is not an operation/);
  });

  test('yielding an operation of a kind the engine does not know, even one named like an object method', () => {
    for (const kind of ['lockAcquired', 'toString', 'constructor', '__proto__']) {
      const scenario = defineScenario({ *main() { yield { op: kind } as never; } });
      expect(() => runScenario(scenario), kind).toThrow(`yielded an unknown operation "${kind}"`);
    }
  });

  test('yielding a builder instead of calling it', () => {
    const scenario = defineScenario({ *main() { yield py as never; } });
    expect(() => runScenario(scenario)).toThrow(/call it/);
  });

  test('an exception in a thread names the thread', () => {
    const scenario = defineScenario({
      *main() {
        const worker = yield spawn('worker', function* () { yield py(10); throw new Error('boom'); });
        yield join(worker);
      },
    });
    expect(() => runScenario(scenario)).toThrow(/thread "worker" raised: boom/);
  });

  test('a thread that yields forever without simulated time is stopped by the budget', () => {
    const scenario = defineScenario({ *main() { for (;;) yield py(0); } });
    expect(() => runScenario(scenario, { maxEvents: 10_000 })).toThrow(/stopped after 10000 operations/);
  });

  test('an endless simulation is stopped by the event budget', () => {
    const scenario = defineScenario({ *main() { for (;;) yield sleep(1); } });
    expect(() => runScenario(scenario, { maxEvents: 5_000 })).toThrow(/stopped after 5,000 events/);
  });

  test('simulated time past maxSimMs stops the run', () => {
    const scenario = defineScenario({ *main() { yield sleep(1_000); } });
    expect(() => runScenario(scenario, { maxSimMs: 100 })).toThrow(/stopped at 100 simulated ms/);
  });
});
