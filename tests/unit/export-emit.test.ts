/**
 * The Python emitter on hand-made recordings: the program it writes compiles and
 * runs on real CPython, does what the recording says, and reports the
 * simulator's metrics shape. (export.test.ts covers recording real scenarios.)
 */
import { describe, expect, test } from 'vitest';
import { foldRepeats, renderBlocks } from '../../src/python-export/compress';
import { emitPython, exportCaveats } from '../../src/python-export/python';
import { pyLiteral, pyString } from '../../src/python-export/python-literals';
import { everyOperation, twoCounters } from './export-fixtures';
import { compilePython, pythonLabels, pythonTest, runPython, writeProgram } from './export-helpers';

/** Keys of the simulator's Metrics and ThreadMetrics (src/sim/result.ts). */
const metricKeys = [
  'runtime', 'cpus', 'wallMs', 'threads', 'gilHandoffs', 'failedAcquires', 'dropRequests', 'gilChecks',
  'contextSwitches', 'cpuUtilization', 'ioLatencyMs', 'simEvents',
];
const threadKeys = ['name', 'kind', 'cpuMs', 'pythonMs', 'nativeMs', 'gilWaitMs', 'cpuWaitMs', 'blockedMs', 'startMs', 'endMs'];

describe('folding repeated operations into loops', () => {
  test('a repeated pair becomes one for loop; lines around it stay', () => {
    const lines = ['a()', ...Array.from({ length: 50 }, () => ['b()', 'c()']).flat(), 'd()'];
    expect(renderBlocks(foldRepeats(lines), '')).toEqual(['a()', 'for _ in range(50):', '    b()', '    c()', 'd()']);
  });

  test('nested repeats fold inside the loop body', () => {
    const inner = ['x()', 'y()', 'y()', 'y()'];
    const lines = [...inner, ...inner, ...inner];
    expect(renderBlocks(foldRepeats(lines), '')).toEqual([
      'for _ in range(3):', '    x()', '    for _ in range(3):', '        y()',
    ]);
  });

  test('unrepeated lines are left alone', () => {
    expect(renderBlocks(foldRepeats(['a()', 'b()', 'a()']), '  ')).toEqual(['  a()', '  b()', '  a()']);
  });
});

describe('Python literals', () => {
  test('strings are ASCII with escapes, so Python 2 and 3 read the same text', () => {
    expect(pyString('say "hi" \\ \n \u00e9 \u{1F600}')).toBe('"say \\"hi\\" \\\\ \\n \\u00e9 \\U0001f600"');
  });

  test('JSON-like queue items become Python values', () => {
    expect(pyLiteral({ job: 1, done: false, tags: ['a', null], ratio: 0.5 }))
      .toBe('{"job": 1, "done": False, "tags": ["a", None], "ratio": 0.5}');
    expect(pyLiteral(undefined)).toBe('None');
  });
});

describe('the emitted program', () => {
  const every = emitPython(everyOperation, { source: 'every.ts', scale: 1 });

  test('says what does not translate exactly, in its header', () => {
    expect(exportCaveats.length).toBeGreaterThan(5);
    const header = every.slice(0, every.indexOf('from __future__'));
    expect(header).toContain('What does not translate exactly');
    expect(header).toContain('time.sleep');
    expect(header).toContain('every.ts');
  });

  test('replays each thread\'s operations, folding the I/O loop', () => {
    expect(every).toMatch(/def task_io_thread\(\):\n.*\n {4}wait_event\(ready\)\n {4}for _ in range\(20\):\n {8}do_io\(0\.2\)\n {8}run_py\(200\)\n {4}do_sleep\(1\)/);
    expect(every).toContain('3: Task(3, "child", "process", task_child, start_method="spawn", arg_bytes=10000, result_bytes=5000)');
    expect(every).toContain('counter_lock = threading.Lock()');
    expect(every).toContain('def task_main():\n    """The main thread: 14 operations."""\n    start(1)  # thread "io-thread"');
  });

  test('scale multiplies bytecodes, durations and bytes', () => {
    const small = emitPython(everyOperation, { scale: 0.5 });
    expect(small).toContain('do_io(0.1)');
    expect(small).toContain('run_py(50000)');
    expect(small).toContain('arg_bytes=5000, result_bytes=2500');
    expect(() => emitPython(twoCounters, { scale: 0 })).toThrow(/scale/);
  });

  for (const label of pythonLabels) {
    pythonTest(label, `compiles and runs on ${label}, printing the simulator's metric keys`, (python) => {
      const file = writeProgram(every);
      compilePython(python, file);
      const report = runPython(python, file);
      for (const key of metricKeys) expect(report).toHaveProperty(key);
      expect(report.threads.map((thread: { name: string }) => thread.name))
        .toEqual(['main', 'io-thread', 'worker', 'child', 'sub', 'grandchild']);
      for (const thread of report.threads) expect(Object.keys(thread).sort()).toEqual([...threadKeys].sort());
      const byName = Object.fromEntries(report.threads.map((thread: { name: string }) => [thread.name, thread]));
      // 20 × io(0.2) + sleep(1) of blocking, each counted at its nominal length.
      expect(byName['io-thread'].blockedMs).toBeGreaterThanOrEqual(4.9);
      expect(report.ioLatencyMs.count).toBe(22);
      // The process and its thread report back through the pipe.
      expect(byName.grandchild.endMs).toBeGreaterThan(byName.grandchild.startMs);
      expect(byName.child.kind).toBe('process');
      expect(report.wallMs).toBeGreaterThanOrEqual(Math.max(...report.threads.map((thread: { endMs: number }) => thread.endMs)) - 0.01);
    });
  }

  pythonTest('3.12', 'two counting threads each burn CPU in Python code', (python) => {
    const file = writeProgram(emitPython(twoCounters));
    const report = runPython(python, file);
    const [, a, b] = report.threads;
    const perBytecodeNs = report.measured.calibration.bytecodeNs;
    // 2,000,000 bytecodes each: the CPU time matches the measured bytecode cost (within 2× for noise).
    for (const counter of [a, b]) {
      expect(counter.pythonMs).toBeGreaterThan((2e6 * perBytecodeNs) / 1e6 / 2);
      expect(counter.pythonMs).toBeLessThan((2e6 * perBytecodeNs) / 1e6 * 2);
    }
  });
});
