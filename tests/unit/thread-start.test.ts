/**
 * Starting threads: every `Thread.start()` costs the starter `threadStartUs` of CPU time,
 * and a process's first also pays `firstThreadStartUs` (threading's one-time set-up), as
 * measured (`m-thread-start` in docs/sources.md).
 */
import { describe, expect, test } from 'vitest';
import { defineScenario, join, presetParams, py, runScenario, spawnProcess, spawn, type RunOptions, type TaskHandle } from 'gilsim';

/** Main starts `count` threads one after the other, joining each before the next; they do a little work. */
function startsInTurn(count: number) {
  return defineScenario({
    *main() {
      for (let index = 0; index < count; index++) {
        const child: TaskHandle = yield spawn(`child-${index}`, function* () { yield py(1_000); });
        yield join(child);
      }
    },
  });
}

/** Main's CPU time, ms. */
function mainCpuMs(scenario: ReturnType<typeof defineScenario>, options: RunOptions): number {
  return runScenario(scenario, options).metrics.threads.find((thread) => thread.name === 'main')!.cpuMs;
}

describe('thread start cost', () => {
  const options = { runtime: 'cpython-3.12', cpus: 2 } as const;
  const { threadStartUs, firstThreadStartUs } = presetParams('cpython-3.12');

  test('the first start costs the starter threadStartUs + firstThreadStartUs, each later one threadStartUs', () => {
    const one = mainCpuMs(startsInTurn(1), options);
    const three = mainCpuMs(startsInTurn(3), options);
    expect(one * 1e3).toBeCloseTo(threadStartUs + firstThreadStartUs, 3);
    expect((three - one) * 1e3).toBeCloseTo(2 * threadStartUs, 3);
  });

  test('the one-time cost is the measured one, and 0 turns it off', () => {
    expect(firstThreadStartUs).toBeGreaterThan(2 * threadStartUs);
    expect(mainCpuMs(startsInTurn(2), { ...options, firstThreadStartUs: 0 }) * 1e3).toBeCloseTo(2 * threadStartUs, 3);
  });

  test('each process pays its own first start', () => {
    // Main starts a thread first; the worker process's first start still pays the set-up.
    const bothStartAThread = defineScenario({
      *main() {
        const mine: TaskHandle = yield spawn('mine', function* () { yield py(1_000); });
        yield join(mine);
        const worker: TaskHandle = yield spawnProcess('worker', function* () {
          const inner: TaskHandle = yield spawn('inner', function* () { yield py(1_000); });
          yield join(inner);
        });
        yield join(worker);
      },
    });
    const workerCpuMs = (extra: RunOptions) =>
      runScenario(bothStartAThread, { ...options, ...extra }).metrics.threads.find((thread) => thread.name === 'worker')!.cpuMs;
    expect((workerCpuMs({}) - workerCpuMs({ firstThreadStartUs: 0 })) * 1e3).toBeCloseTo(firstThreadStartUs, 3);
  });

  test('a negative first start cost is refused', () => {
    expect(() => runScenario(startsInTurn(1), { ...options, firstThreadStartUs: -1 })).toThrow(/firstThreadStartUs must be a number >= 0/);
  });
});
