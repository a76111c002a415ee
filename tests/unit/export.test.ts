/**
 * Every shipped scenario exports to a Python program that compiles and runs on
 * the installed python3 at a small scale, and prints a JSON object with the
 * simulator's metric keys and the same threads.
 */
import { describe, expect, test } from 'vitest';
import type { Scenario } from 'gilsim';
import { emitPython } from '../../src/python-export/python';
import { recordScenario } from '../../src/python-export/record';
import { compilePython, pythonTest, runPython, writeProgram } from './export-helpers';

/** Shipped scenarios, and the default scenario of each calibration file (helpers have none). */
const modules = Object.fromEntries(Object.entries({
  ...import.meta.glob<{ default?: Scenario }>('/content/**/*.ts', { eager: true }),
  ...import.meta.glob<{ default?: Scenario }>('/calibration/scenarios/**/*.ts', { eager: true }),
}).filter(([, module]) => module.default?.kind === 'gilsim-scenario')) as Record<string, { default: Scenario }>;

/** Work is scaled down so each program runs in well under a second (process start-ups excepted). */
const scale = 0.1;

describe("exporting shipped scenarios to Python", () => {
  test('there are scenarios to export', () => {
    expect(Object.keys(modules).length).toBeGreaterThan(0);
  });

  for (const [path, module] of Object.entries(modules)) {
    pythonTest('python3', `${path} runs under python3 with the simulator's metric keys`, (python) => {
      const { recorded, result } = recordScenario(module.default);
      const file = writeProgram(emitPython(recorded, { scale, source: path }));
      compilePython(python, file);
      const report = runPython(python, file);
      for (const key of Object.keys(result.metrics)) expect(report, `key ${key}`).toHaveProperty(key);
      const simulatedThreads = result.metrics.threads;
      expect(report.threads.map((thread: { name: string }) => thread.name).sort())
        .toEqual(simulatedThreads.map((thread) => thread.name).sort());
      for (const thread of report.threads) {
        expect(Object.keys(thread).sort()).toEqual(Object.keys(simulatedThreads[0]).sort());
      }
      expect(report.wallMs).toBeGreaterThan(0);
    });
  }
});

describe('recording', () => {
  test('matches each join to the thread its spawn started, and keeps loops as they ran', async () => {
    const { defineScenario, py, io, spawn, join } = await import('gilsim');
    const scenario = defineScenario({
      *main() {
        const a = yield spawn('a', function* () { for (let i = 0; i < 3; i++) { yield io(1); yield py(100); } });
        const b = yield spawn('b', function* () { yield py(1000); });
        yield join(b);
        yield join(a);
      },
    });
    const { recorded, result } = recordScenario(scenario);
    expect(recorded.tasks.map((task) => [task.name, task.kind, task.parent])).toEqual([
      [result.metrics.threads[0].name, 'main', null], ['a', 'thread', 0], ['b', 'thread', 0],
    ]);
    expect(recorded.tasks[0].ops).toEqual([
      { op: 'start', task: 1 }, { op: 'start', task: 2 }, { op: 'join', task: 2 }, { op: 'join', task: 1 },
    ]);
    expect(recorded.tasks[1].ops).toHaveLength(6);
    expect(emitPython(recorded)).toMatch(/for _ in range\(3\):\n {8}do_io\(1\)\n {8}run_py\(100\)/);
  });

  test('records processes with their start method and bytes, subinterpreters, and shared sync objects', async () => {
    const { defineScenario, py, spawn, spawnProcess, spawnInterpreter, join, Lock, Queue } = await import('gilsim');
    const lock = new Lock('counter');
    const jobs = new Queue<number>('jobs');
    const scenario = defineScenario({
      *main() {
        const child = yield spawnProcess('child', function* () { yield py(1000); }, { startMethod: 'spawn', argBytes: 64, resultBytes: 8 });
        const sub = yield spawnInterpreter('sub', function* () { yield py(1000); });
        const consumer = yield spawn('consumer', function* () {
          const job = yield jobs.get();
          yield lock.acquire();
          yield py(job);
          yield lock.release();
        });
        yield jobs.put(500);
        yield join(consumer);
        yield join(sub);
        yield join(child);
      },
    });
    const { recorded } = recordScenario(scenario);
    expect(recorded.tasks.map((task) => [task.name, task.kind])).toEqual([
      [recorded.tasks[0].name, 'main'], ['child', 'process'], ['sub', 'interpreter'], ['consumer', 'thread'],
    ]);
    expect(recorded.tasks[1]).toMatchObject({ startMethod: 'spawn', argBytes: 64, resultBytes: 8 });
    expect(recorded.syncObjects.map((sync) => [sync.kind, sync.name]).sort()).toEqual([['lock', 'counter'], ['queue', 'jobs']]);
    expect(recorded.tasks[3].ops).toEqual([
      { op: 'queueGet', sync: jobs.id }, { op: 'lockAcquire', sync: lock.id }, { op: 'py', bytecodes: 500 }, { op: 'lockRelease', sync: lock.id },
    ]);
    const source = emitPython(recorded);
    expect(source).toContain('1: Task(1, "child", "process", task_child, start_method="spawn", arg_bytes=64, result_bytes=8)');
    expect(source).toContain('put(jobs, 500)');
  });

  test('a scenario the simulator rejects is not exported, and says why', async () => {
    const { defineScenario, Lock } = await import('gilsim');
    const never = new Lock('never released');
    const stuck = defineScenario({
      *main() {
        yield never.acquire();
        yield never.acquire();
      },
    });
    expect(() => recordScenario(stuck)).toThrow(/deadlock|never/i);
  });
});

