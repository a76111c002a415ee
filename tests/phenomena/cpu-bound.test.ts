/**
 * "On a dual-processor system, does this mean that only one thread of a Python
 * program can run at a time?" Two CPU-bound threads vs one thread doing both
 * jobs, on one and two CPUs, under each GIL model. Sizes follow the measurement:
 * count(2·10^7) twice, i.e. 3.6·10^8 bytecodes.
 */
import { describe, expect, test } from 'vitest';
import { runScenario, type RuntimeName } from 'gilsim';
import { cpuThreads, sequential } from '../helpers/scenarios';
import gilBattle from '../../content/two-cpus/gil-battle';
import oneThread from '../../content/two-cpus/one-thread';

const TOTAL = 3.6e8;

function slowdown(runtime: RuntimeName, cpus: number, threads = 2): number {
  const alone = runScenario(sequential(TOTAL), { runtime, cpus }).metrics.wallMs;
  return runScenario(cpuThreads(threads, TOTAL), { runtime, cpus }).metrics.wallMs / alone;
}

describe('two CPU-bound threads vs one thread doing both jobs', () => {
  test('old GIL, 2 CPUs: the GIL battle makes threads ~1.5x slower (measured 1.50-1.61x on 2.7.18)', () => {
    const ratio = slowdown('cpython-2.7', 2);
    expect(ratio).toBeGreaterThan(1.35);
    expect(ratio).toBeLessThan(1.8);
  });

  test('old GIL, 1 CPU: no battle, the OS decides when to switch (measured 0.99-1.00x)', () => {
    const ratio = slowdown('cpython-2.7', 1);
    expect(ratio).toBeGreaterThan(0.98);
    expect(ratio).toBeLessThan(1.05);
  });

  test('old GIL: two CPUs are slower than one for the same threads', () => {
    const twoCpus = runScenario(cpuThreads(2, TOTAL), { runtime: 'cpython-2.7', cpus: 2 }).metrics;
    const oneCpu = runScenario(cpuThreads(2, TOTAL), { runtime: 'cpython-2.7', cpus: 1 }).metrics;
    expect(twoCpus.wallMs).toBeGreaterThan(oneCpu.wallMs * 1.3);
    // The battle: thousands of hand-offs and failed acquisitions on 2 CPUs, few on 1.
    expect(twoCpus.failedAcquires).toBeGreaterThan(20 * Math.max(1, oneCpu.failedAcquires));
    expect(twoCpus.gilHandoffs).toBeGreaterThan(10 * oneCpu.gilHandoffs);
  });

  test('new GIL (3.12): no speed-up and no battle, on 1 or 2 CPUs (measured 1.00-1.06x)', () => {
    for (const cpus of [1, 2]) {
      const ratio = slowdown('cpython-3.12', cpus);
      expect(ratio).toBeGreaterThan(0.99);
      expect(ratio).toBeLessThan(1.06);
    }
  });

  test('new GIL: the GIL changes hands about once per switch interval', () => {
    const { metrics } = runScenario(cpuThreads(2, TOTAL), { runtime: 'cpython-3.12', cpus: 2 });
    const perSecond = metrics.gilHandoffs / (metrics.wallMs / 1000);
    expect(perSecond).toBeGreaterThan(100); // at most one per 5 ms plus wake-ups...
    expect(perSecond).toBeLessThan(210); // ...never more than 1 per 5 ms
    expect(metrics.dropRequests).toBeGreaterThan(metrics.gilHandoffs * 0.95); // nearly every switch is forced
    const fast = runScenario(cpuThreads(2, TOTAL / 10), { runtime: 'cpython-3.12', cpus: 2, switchIntervalMs: 1 }).metrics;
    expect(fast.gilHandoffs / fast.wallMs).toBeGreaterThan(4 * (metrics.gilHandoffs / metrics.wallMs));
  });

  test('free-threaded 3.14t: two threads on two CPUs take half the time of one thread', () => {
    const ratio = slowdown('cpython-3.14t', 2);
    expect(ratio).toBeGreaterThan(0.49);
    expect(ratio).toBeLessThan(0.55);
    // ...but on one CPU, threads cannot help.
    expect(slowdown('cpython-3.14t', 1)).toBeGreaterThan(0.99);
  });

  test('the chapter scenario shows the battle: 2 threads slower than 1 thread on 2 CPUs under 2.7', () => {
    const threads = runScenario(gilBattle).metrics.wallMs;
    const single = runScenario(oneThread).metrics.wallMs;
    expect(threads / single).toBeGreaterThan(1.3);
    // and the same scenario under 3.12 does not battle
    const modern = runScenario(gilBattle, { runtime: 'cpython-3.12' }).metrics.wallMs / runScenario(oneThread, { runtime: 'cpython-3.12' }).metrics.wallMs;
    expect(modern).toBeLessThan(1.06);
  });
});

describe('the check interval (2.2 vs 2.3+)', () => {
  test('a check every 10 ticks instead of 100 means ~10x more checks', () => {
    const old = runScenario(cpuThreads(2, 1e7), { runtime: 'cpython-2.2', cpus: 1 }).metrics;
    const newer = runScenario(cpuThreads(2, 1e7), { runtime: 'cpython-2.7', cpus: 1 }).metrics;
    expect(old.gilChecks / newer.gilChecks).toBeGreaterThan(8);
    expect(old.gilChecks / newer.gilChecks).toBeLessThan(11);
  });
});

describe("Beazley's MacBook (macOS: the GIL is a mutex + condition variable)", () => {
  const beazley = (cpus: number) => {
    const total = 2e7;
    const alone = runScenario(sequential(total), { runtime: 'cpython-2.7', machine: 'macbook-2009', cpus }).metrics.wallMs;
    return runScenario(cpuThreads(2, total), { runtime: 'cpython-2.7', machine: 'macbook-2009', cpus }).metrics.wallMs / alone;
  };

  test('one CPU: signalling at every check while a thread waits makes threads ~1.45x slower (Beazley 2010)', () => {
    expect(beazley(1)).toBeGreaterThan(1.35);
    expect(beazley(1)).toBeLessThan(1.55);
  });

  test('two CPUs: slower still, ~1.8-2x (Beazley 2009: 24.6 s -> 45.5 s; 2010: 7.8 s -> 15.4 s)', () => {
    expect(beazley(2)).toBeGreaterThan(1.7);
    expect(beazley(2)).toBeLessThan(2.1);
  });

  test('on Linux (a semaphore) one CPU pays no such cost', () => {
    expect(slowdown('cpython-2.7', 1)).toBeLessThan(beazley(1) - 0.3);
  });
});
