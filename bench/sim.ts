/**
 * Simulator throughput on the phenomenon scenarios and the thread pool: engine
 * events per second of real time, and simulated time per real time. Bundled by
 * bench/run.mjs, which runs each case in a process of its own to read its peak
 * memory.
 */
import { runScenario, type RunOptions, type Scenario } from 'gilsim';
import { cpuProcesses, cpuThreads, ioLoop, nativeThreads } from '../tests/helpers/scenarios';
import threadPool from './scenarios/thread-pool';

interface Case { name: string; scenario: Scenario; options: RunOptions }

export const cases: Case[] = [
  { name: 'old GIL battle, 2 threads, 2 CPUs, 3.6e8 bytecodes', scenario: cpuThreads(2, 3.6e8), options: { runtime: 'cpython-2.7', cpus: 2 } },
  { name: 'old GIL, 2 threads, 1 CPU, 3.6e8 bytecodes', scenario: cpuThreads(2, 3.6e8), options: { runtime: 'cpython-2.7', cpus: 1 } },
  { name: 'new GIL, 2 threads, 2 CPUs, 3.6e8 bytecodes', scenario: cpuThreads(2, 3.6e8), options: { runtime: 'cpython-3.12', cpus: 2 } },
  { name: 'new GIL convoy, 200 I/O turns beside 1 CPU thread', scenario: ioLoop(1), options: { runtime: 'cpython-3.12', cpus: 2 } },
  { name: 'old GIL, 200 I/O turns beside 1 CPU thread', scenario: ioLoop(1), options: { runtime: 'cpython-2.7', cpus: 2 } },
  { name: 'C code releasing the GIL, 4 threads, 2 CPUs', scenario: nativeThreads(4, 25, true), options: { cpus: 2 } },
  { name: 'processes (fork), 2 x 1.8e8 bytecodes', scenario: cpuProcesses(2, 3.6e8, 'fork'), options: { runtime: 'cpython-3.12' } },
  { name: 'free-threaded 3.14t, 8 threads, 4 CPUs', scenario: cpuThreads(8, 4e8), options: { runtime: 'cpython-3.14t', cpus: 4 } },
  { name: 'thread pool, 10,000 threads x 20 rounds, 8 CPUs, 3.12', scenario: threadPool, options: {} },
];

export interface CaseFigures { name: string; events: number; wallMs: number; simMs: number; eventsPerSecond: number; simPerReal: number }

/** Case `index`: a warm-up run (JIT), then the best of 3. */
export function benchCase(index: number): CaseFigures {
  const { name, scenario, options } = cases[index];
  runScenario(scenario, options);
  let best = Infinity;
  let result = runScenario(scenario, options);
  for (let repeat = 0; repeat < 3; repeat++) {
    const start = performance.now();
    result = runScenario(scenario, options);
    best = Math.min(best, performance.now() - start);
  }
  const { simEvents, wallMs } = result.metrics;
  return { name, events: simEvents, wallMs: best, simMs: wallMs, eventsPerSecond: simEvents / (best / 1000), simPerReal: wallMs / best };
}
