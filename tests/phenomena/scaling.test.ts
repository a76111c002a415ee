/**
 * What does scale: processes (own interpreter, own GIL), subinterpreters with
 * their own GIL (3.12+), and free-threaded builds.
 */
import { describe, expect, test } from 'vitest';
import { defineScenario, py, spawnInterpreter, spawnProcess, join, runScenario, type TaskHandle } from 'gilsim';
import { cpuProcesses, cpuThreads, sequential } from '../helpers/scenarios';

const TOTAL = 3.6e8; // count(2·10^7) twice

describe('processes vs threads for CPU-bound work (3.12, 2 CPUs)', () => {
  const alone = runScenario(sequential(TOTAL), { runtime: 'cpython-3.12' }).metrics.wallMs;

  test('fork: two processes take about half the time (measured 0.52x)', () => {
    const ratio = runScenario(cpuProcesses(2, TOTAL, 'fork'), { runtime: 'cpython-3.12' }).metrics.wallMs / alone;
    expect(ratio).toBeGreaterThan(0.48);
    expect(ratio).toBeLessThan(0.57);
  });

  test('spawn: the start-up cost shows (measured 0.63x)', () => {
    const ratio = runScenario(cpuProcesses(2, TOTAL, 'spawn'), { runtime: 'cpython-3.12' }).metrics.wallMs / alone;
    expect(ratio).toBeGreaterThan(0.55);
    expect(ratio).toBeLessThan(0.7);
  });

  test('threads do not scale where processes do', () => {
    const threads = runScenario(cpuThreads(2, TOTAL), { runtime: 'cpython-3.12' }).metrics.wallMs;
    const processes = runScenario(cpuProcesses(2, TOTAL, 'fork'), { runtime: 'cpython-3.12' }).metrics.wallMs;
    expect(threads / processes).toBeGreaterThan(1.8);
  });

  test('passing big arguments costs pickling time on both sides', () => {
    const withData = runScenario(cpuProcessesWithBytes(100e6), { runtime: 'cpython-3.12' }).metrics.wallMs;
    const without = runScenario(cpuProcessesWithBytes(0), { runtime: 'cpython-3.12' }).metrics.wallMs;
    // 100 MB at ~1.2 ns/byte each way, pickled then unpickled: ~240 ms more.
    expect(withData - without).toBeGreaterThan(200);
    expect(withData - without).toBeLessThan(300);
  });
});

function cpuProcessesWithBytes(argBytes: number) {
  return defineScenario({
    *main() {
      const child = yield spawnProcess('child', function* () { yield py(1e6); }, { startMethod: 'fork', argBytes });
      yield join(child);
    },
  });
}

describe('subinterpreters', () => {
  const work = (runtime: 'cpython-3.11' | 'cpython-3.12') => defineScenario({
    runtime,
    *main() {
      const handles: TaskHandle[] = [];
      for (const name of ['sub-1', 'sub-2']) handles.push(yield spawnInterpreter(name, function* () { yield py(TOTAL / 2); }));
      for (const handle of handles) yield join(handle);
    },
  });

  test('from 3.12 each has its own GIL and they run in parallel; before, they share one', () => {
    const shared = runScenario(work('cpython-3.11')).metrics.wallMs;
    const own = runScenario(work('cpython-3.12')).metrics.wallMs;
    expect(shared / own).toBeGreaterThan(1.8);
    const result = runScenario(work('cpython-3.12'));
    expect(result.trace.interpreters.filter((interpreter) => interpreter.hasGil)).toHaveLength(3);
  });
});

describe('free-threaded builds', () => {
  test('3.13t pays ~40% per thread and 3.14t ~8% (HOWTO figures)', () => {
    const base = runScenario(sequential(1e8), { runtime: 'cpython-3.13' }).metrics.wallMs;
    expect(runScenario(sequential(1e8), { runtime: 'cpython-3.13t' }).metrics.wallMs / base).toBeCloseTo(1.4, 1);
    expect(runScenario(sequential(1e8), { runtime: 'cpython-3.14t' }).metrics.wallMs / base).toBeCloseTo(1.08, 1);
  });

  test('scaling is near-linear up to the CPUs, then flat', () => {
    const single = runScenario(sequential(4e8), { runtime: 'cpython-3.14t', cpus: 4 }).metrics.wallMs;
    const four = runScenario(cpuThreads(4, 4e8), { runtime: 'cpython-3.14t', cpus: 4 }).metrics.wallMs;
    const eightOnFour = runScenario(cpuThreads(8, 4e8), { runtime: 'cpython-3.14t', cpus: 4 }).metrics.wallMs;
    expect(single / four).toBeGreaterThan(3.8);
    expect(eightOnFour / four).toBeGreaterThan(0.98);
    expect(eightOnFour / four).toBeLessThan(1.1);
  });

  test('free-threading beats the GIL build once there are enough CPU-bound threads and CPUs', () => {
    const gil = runScenario(cpuThreads(4, 4e8), { runtime: 'cpython-3.14', cpus: 4 }).metrics.wallMs;
    const free = runScenario(cpuThreads(4, 4e8), { runtime: 'cpython-3.14t', cpus: 4 }).metrics.wallMs;
    expect(gil / free).toBeGreaterThan(3.3); // published 3.14: 1034 ms vs 279 ms with 4 workers (3.7x)
    const oneThreadGil = runScenario(sequential(4e8), { runtime: 'cpython-3.14', cpus: 4 }).metrics.wallMs;
    const oneThreadFree = runScenario(sequential(4e8), { runtime: 'cpython-3.14t', cpus: 4 }).metrics.wallMs;
    expect(oneThreadFree).toBeGreaterThan(oneThreadGil); // single-threaded, the GIL build wins
  });
});
