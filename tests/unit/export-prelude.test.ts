/**
 * The prelude is a real Python file (src/python-export/prelude.py): it byte-compiles on every
 * Python the project checks, and the names the exporter keeps the scenario's identifiers
 * off are read from it (python-bindings.ts), checked here against what each Python itself
 * binds when it runs the file.
 */
import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Event, Lock, Queue, defineScenario, py } from 'gilsim';
import prelude from '../../src/python-export/prelude.py?raw';
import { exportPython } from '../../src/python-export/python';
import { moduleBindings } from '../../src/python-export/python-bindings';
import { PythonNames, programNames } from '../../src/python-export/python-names';
import { compilePython, pythonInstalled, pythonLabels, pythons, pythonTest, runPython, writeProgram } from './export-helpers';

const derived = moduleBindings(prelude);

/** The module-level names `python` binds when it runs prelude.py (dunders aside). */
function namesPythonBinds(python: string): string[] {
  const file = writeProgram(prelude, 'prelude.py');
  const script = 'import json, runpy, sys\nnamespace = runpy.run_path(sys.argv[1])\n'
    + 'print(json.dumps(sorted(name for name in namespace if not name.startswith("__"))))';
  const run = spawnSync(python, ['-c', script, file], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${python} could not run prelude.py:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe('prelude.py', () => {
  test('is the text the exporter writes into every program', () => {
    const source = readFileSync(new URL('../../src/python-export/prelude.py', import.meta.url), 'utf8');
    expect(prelude).toBe(source);
    const program = exportPython(defineScenario({ *main() { yield py(1); } }));
    expect(program).toContain(prelude.trim());
  });

  for (const label of pythonLabels) {
    pythonTest(label, `byte-compiles on ${label} with warnings as errors`, (python) => {
      compilePython(python, writeProgram(prelude, 'prelude.py'));
    });

    pythonTest(label, `run by ${label}, it binds exactly the module-level names read from it`, (python) => {
      const bound = namesPythonBinds(python);
      expect(bound).toEqual(expect.arrayContaining(['zlib', 'hashlib', 'queue', 'run_py', 'Task', 'CAL']));
      expect(derived.slice().sort()).toEqual(bound);
    });
  }

  for (const label of pythonLabels) {
    pythonTest(label, `on ${label}, py(2000) counts its turns in numbers above the cached small ints, as the start-up measurement does`, (python) => {
      // A countdown to 0 from 222 uses CPython's cached small ints and ran 40% faster per bytecode
      // than the long countdown that measures the bytecode cost.
      const file = writeProgram(prelude, 'prelude.py');
      const script = [
        'import json, sys',
        'g = {"__name__": "prelude"}',
        'exec(compile(open(sys.argv[1]).read(), sys.argv[1], "exec"), g)',
        'g["CAL"] = {"bytecodesPerIteration": 9, "bytecodeNs": 2.0}',
        'g["_local"].record = {}',
        'seen = []',
        'count = g["_countdown_to"]',
        'g["_countdown_to"] = lambda n, floor: (seen.append([n, floor]), count(n, floor))',
        'g["run_py"](2000)',
        'print(json.dumps(seen))',
      ].join('\n');
      const run = spawnSync(python, ['-c', script, file], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      const calls: [number, number][] = JSON.parse(run.stdout);
      expect(calls).toHaveLength(1);
      const [[from, floor]] = calls;
      expect(floor).toBeGreaterThan(256);
      expect(from - floor).toBe(Math.round(2000 / 9));
    });
  }

  test('the derived names are the modules, helpers and globals, not the locals of its functions', () => {
    expect(derived).toEqual(expect.arrayContaining([
      'zlib', 'hashlib', 'json', 'os', 'sys', 'threading', 'time', 'traceback',
      // try: import queue / except ImportError: import Queue as queue
      'queue',
      // try: from concurrent import interpreters as _interpreters
      '_interpreters',
      'run_py', 'do_io', 'run_c_releasing_gil', 'start', 'join', 'run_program', 'Task', '_ProcessHandle',
      'CAL', 'TASKS', 'PY2', '_range', 'clock', 'thread_cpu',
    ]));
    // Imported, assigned or defined inside a function: no clash with a module-level name.
    for (const local of ['ctypes', 'dis', 'multiprocessing', 'tempfile', 'Timespec', 'thread_time', 'record', 'cpu_before', 'rank']) {
      expect(derived).not.toContain(local);
    }
    expect(programNames).toEqual(expect.arrayContaining([...derived, 'SETTINGS']));
  });

  test('a lock, event or queue named after any of them gets another identifier', () => {
    const names = new PythonNames();
    for (const name of derived) expect(derived).not.toContain(names.claim(name, 'lock'));
  });

  pythonTest('python3', 'a program whose locks, events and queues are named after every prelude name runs', (python) => {
    const objects = derived.map((name, index) => [new Lock(name), new Event(name), new Queue<number>(name)][index % 3]);
    const scenario = defineScenario({
      *main() {
        for (const object of objects) {
          if (object instanceof Lock) {
            yield object.acquire();
            yield object.release();
          } else if (object instanceof Event) {
            yield object.set();
            yield object.wait();
          } else {
            yield object.put(1);
            yield object.get();
          }
        }
        yield py(1000);
      },
    });
    const source = exportPython(scenario);
    for (const name of ['zlib', 'hashlib', 'queue', 'run_py']) expect(source).not.toMatch(new RegExp(`^${name} = `, 'm'));
    const report = runPython(python, writeProgram(source));
    expect(report.threads).toHaveLength(1);
  });
});

describe('moduleBindings reads what a Python module binds at module level', () => {
  /** The names `source` binds, once python3 (where installed; always under CI) has confirmed it is Python. */
  function bindings(source: string): string[] {
    if (pythonInstalled('python3')) {
      const check = spawnSync(pythons.python3, ['-c', 'import sys; compile(sys.stdin.read(), "source", "exec")'], { input: source, encoding: 'utf8' });
      expect(check.stderr).toBe('');
    }
    return moduleBindings(source);
  }

  test('def, class, imports (lists, dotted, aliased, parenthesised) and assignment targets', () => {
    const source = [
      'from __future__ import division, print_function',
      'import os.path, json as j',
      'from collections import (OrderedDict,',
      '    namedtuple as nt)',
      'a = b = 1',
      'c, (d, [e, *f]) = 1, (2, [3, 4])',
      'g: int = 1',
      'h: int',
      'i += 1; k = 2',
      'obj.attr = items[0] = 3',
      'l = lambda x, y=1: x == y',
      'if a == b and a <= b: m = 1',
      'n = (1,',
      '     2)',
      'o = \\',
      '    3',
      'p >>= 1',
      'print(q == 1, r=2)',
      'async def s(): pass',
      'class T(object):',
      '    inner = 1',
      '    def method(self):',
      '        local = 2',
      'def u(v, w=3):',
      '    import ctypes',
      '    x = 4',
      'z = 5',
    ].join('\n');
    expect(bindings(source)).toEqual([
      'division', 'print_function', 'os', 'j', 'OrderedDict', 'nt', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'i', 'k', 'l', 'm', 'n',
      'o', 'p', 's', 'T', 'u', 'z',
    ]);
  });

  test('blocks that are not a scope bind in the module: if, try/except, for, while, with', () => {
    const source = [
      'try:',
      '    import queue',
      'except ImportError as error:',
      '    import Queue as queue',
      'else:',
      '    fallback = None',
      'finally:',
      '    done = True',
      'for index, (key, value) in enumerate(pairs):',
      '    total = index',
      'while False:',
      '    looping = 1',
      'with open("f") as handle, lock:',
      '    if handle:',
      '        nested = 1',
      'def later():',
      '    if True:',
      '        hidden = 1',
      'after = 1',
    ].join('\n');
    expect(bindings(source)).toEqual([
      'queue', 'error', 'fallback', 'done', 'index', 'key', 'value', 'total', 'looping', 'handle', 'nested', 'later', 'after',
    ]);
  });

  test('strings and comments cannot fake a statement', () => {
    const source = [
      'def real():',
      '    """A docstring with code in it:',
      'def fake(): pass',
      'fake_assignment = 1',
      '    """',
      '    text = \'it\\\'s = here\' + "#" + r"\\"" + b\'\'\'',
      'not_bound = 2\'\'\'',
      'code = "x = 1"  # comment = 2',
      '# commented = 3',
      "s = u'''one",
      "two = 2'''",
    ].join('\n');
    expect(bindings(source)).toEqual(['real', 'code', 's']);
  });

  test('a star import, whose names the source cannot show, is refused', () => {
    expect(() => moduleBindings('import os\nfrom os.path import *\n')).toThrow(/line 2: `from \.\.\. import \*`/);
  });
});
