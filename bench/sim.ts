/**
 * Simulator throughput on the phenomenon scenarios: engine events per second of
 * real time, and simulated time per real time. Bundled and run by bench/run.mjs.
 */
import { runScenario, type RunOptions, type Scenario } from 'gilsim';
import { cpuProcesses, cpuThreads, ioLoop, nativeThreads } from '../tests/helpers/scenarios';

interface Case { name: string; scenario: Scenario; options: RunOptions }

const cases: Case[] = [
  { name: 'old GIL battle, 2 threads, 2 CPUs, 3.6e8 bytecodes', scenario: cpuThreads(2, 3.6e8), options: { runtime: 'cpython-2.7', cpus: 2 } },
  { name: 'old GIL, 2 threads, 1 CPU, 3.6e8 bytecodes', scenario: cpuThreads(2, 3.6e8), options: { runtime: 'cpython-2.7', cpus: 1 } },
  { name: 'new GIL, 2 threads, 2 CPUs, 3.6e8 bytecodes', scenario: cpuThreads(2, 3.6e8), options: { runtime: 'cpython-3.12', cpus: 2 } },
  { name: 'new GIL convoy, 200 I/O turns beside 1 CPU thread', scenario: ioLoop(1), options: { runtime: 'cpython-3.12', cpus: 2 } },
  { name: 'old GIL, 200 I/O turns beside 1 CPU thread', scenario: ioLoop(1), options: { runtime: 'cpython-2.7', cpus: 2 } },
  { name: 'C code releasing the GIL, 4 threads, 2 CPUs', scenario: nativeThreads(4, 25, true), options: { cpus: 2 } },
  { name: 'processes (fork), 2 x 1.8e8 bytecodes', scenario: cpuProcesses(2, 3.6e8, 'fork'), options: { runtime: 'cpython-3.12' } },
  { name: 'free-threaded 3.14t, 8 threads, 4 CPUs', scenario: cpuThreads(8, 4e8), options: { runtime: 'cpython-3.14t', cpus: 4 } },
];

export function benchSimulator(): { name: string; events: number; wallMs: number; simMs: number; eventsPerSecond: number; simPerReal: number }[] {
  return cases.map(({ name, scenario, options }) => {
    runScenario(scenario, options); // warm up the JIT
    const repeats = 3;
    let best = Infinity;
    let result = runScenario(scenario, options);
    for (let index = 0; index < repeats; index++) {
      const start = performance.now();
      result = runScenario(scenario, options);
      best = Math.min(best, performance.now() - start);
    }
    const { simEvents, wallMs } = result.metrics;
    return { name, events: simEvents, wallMs: best, simMs: wallMs, eventsPerSecond: simEvents / (best / 1000), simPerReal: wallMs / best };
  });
}
