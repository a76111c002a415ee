/**
 * Shared variables in the exported Python: the program runs the loop the simulator
 * models on a real global and prints `shared` as the simulator does. On real
 * CPython 3.12 `counter += 1` loses nothing and `counter = bump(counter)` loses
 * updates (measured: `m-races` in docs/sources.md); hostile names stay inert.
 */
import { describe, expect, test } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineScenario, increment, join as joinTask, Lock, Shared, spawn, type TaskHandle } from 'gilsim';
import { exportPython } from '../../src/python-export/python';
import { recordScenario } from '../../src/python-export/record';
import { compilePython, havePython, pythons, runPython, writeProgram } from './export-helpers';
import { race } from '../helpers/races';

type Report = { shared: { name: string; value: number; expected: number; lost: number }[] };

describe('recording and emitting', () => {
  test('each thread\'s increments are recorded with their variable, via and lock', () => {
    const { recorded, result } = recordScenario(race({ times: 1000, via: 'call', locked: true }));
    expect(recorded.shared).toEqual([{ id: expect.any(Number), name: 'counter', initial: 0 }]);
    const adders = recorded.tasks.filter((task) => task.kind === 'thread');
    for (const task of adders) expect(task.ops).toEqual([{ op: 'increment', shared: recorded.shared[0].id, times: 1000, via: 'call', lock: expect.any(Number) }]);
    expect(result.shared).toEqual([{ name: 'counter', value: 2000, expected: 2000, lost: 0 }]);
  });

  test('the program updates a real global with the loop the simulator models, and knows what to expect', () => {
    const source = exportPython(race({ times: 1000, via: 'inline' }), { scale: 3 });
    expect(source).toMatch(/^counter = 0 {2}# Shared "counter"$/m);
    // The loop of the simulator's model, run in chunks between a trace's timestamps: `turns` is all of `times` without --trace.
    expect(source).toMatch(/ {4}global counter\n(.*\n)+? {8}for _ in range\(turns\):\n {12}counter \+= 1\n/);
    expect(source).toContain('("counter", lambda: counter, 6000),');
    expect(exportPython(race({ times: 10, via: 'call', locked: true }))).toMatch(/ {12}with lock\w*:\n {16}counter = bump\(counter\)\n/);
  });
});

describe.runIf(havePython(pythons['3.12']))('on real CPython 3.12', () => {
  const run = (via: 'inline' | 'call') => runPython(pythons['3.12'], writeProgram(exportPython(race({ times: 1_000_000, via })))) as Report;

  test('counter += 1 from two threads loses nothing', () => {
    expect(run('inline').shared).toEqual([{ name: 'counter', value: 2_000_000, expected: 2_000_000, lost: 0 }]);
  });

  test('counter = bump(counter) loses updates, and the report adds up', () => {
    const [counter] = run('call').shared;
    expect(counter.expected).toBe(2_000_000);
    expect(counter.lost).toBeGreaterThan(0);
    expect(counter.value + counter.lost).toBe(counter.expected);
  });

  test('with a lock, nothing is lost', () => {
    const report = runPython(pythons['3.12'], writeProgram(exportPython(race({ times: 200_000, via: 'call', locked: true })))) as Report;
    expect(report.shared[0]).toMatchObject({ value: 400_000, lost: 0 });
  });
});

describe('hostile names', () => {
  const marker = join(mkdtempSync(join(tmpdir(), 'gil-lab-hostile-')), 'injected');
  const payload = `__import__("os").system("touch ${marker}")`;
  // Names a careless identifier would turn into code or rebind (the prelude's bump, SHARED, range).
  const names = [`c\n${payload}\n#`, `"""\n${payload}\n"""\\`, 'bump', 'SHARED', 'range', 'global', '', '1', 'counter', 'counter'];
  const lock = new Lock(`lock\n${payload}`);
  const scenario = defineScenario({
    *main() {
      const variables = names.map((name, index) => new Shared(name || 'x', index));
      const handles: TaskHandle[] = [];
      for (const via of ['inline', 'call'] as const) {
        handles.push(yield* spawn(`t-${via}`, function* () {
          for (const variable of variables) yield increment(variable, { times: 10, via, lock: via === 'call' ? lock : undefined });
        }));
      }
      for (const handle of handles) yield* joinTask(handle);
    },
  });
  const source = exportPython(scenario);

  test('no generated line starts with the payload', () => {
    for (const line of source.split('\n')) expect(line.trimStart().startsWith('__import__')).toBe(false);
  });

  for (const [label, python] of Object.entries(pythons)) {
    test.runIf(havePython(python))(`compiles and runs on ${label}; the names come out as they went in, the hidden code does not run`, () => {
      const file = writeProgram(source);
      compilePython(python, file);
      const report = runPython(python, file) as Report;
      expect(existsSync(marker)).toBe(false);
      expect(report.shared.map((variable) => variable.name)).toEqual(names.map((name) => name || 'x'));
      report.shared.forEach((variable, index) => expect(variable).toEqual({ name: variable.name, value: index + 20, expected: index + 20, lost: 0 }));
    });
  }
});
