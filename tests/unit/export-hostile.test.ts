/**
 * A hostile scenario's names and texts in the exported Python: thread, process, lock,
 * event and queue names, the title and log lines carrying newlines, \r, NUL, Unicode
 * line separators, quotes, triple quotes and backslashes. The program must compile, the
 * code hidden in the names must not run, and the names must come out as they went in.
 */
import { describe, expect, test } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Event, Lock, Queue, defineScenario, join as joinTask, log, native, py, spawn, spawnInterpreter, spawnProcess } from 'gilsim';
import { exportPython } from '../../src/python-export/python';
import { pyCommentText, pyDocstringLine, pyString } from '../../src/python-export/python-literals';
import { PythonNames } from '../../src/python-export/python-names';
import { compilePython, pythonLabels, pythonTest, runPython, writeProgram } from './export-helpers';

/** Every character that ends a line somewhere (Python's tokenizer, str.splitlines, editors) or breaks the file. */
const lineBreakers = ['\n', '\r', '\r\n', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029', '\0'];

/** A scenario whose every name tries to break out of the line it is written on. */
function hostileScenario(marker: string) {
  const payload = `__import__("os").system("touch ${marker}")`;
  const names = {
    thread: `worker\n${payload}\n#`,
    process: `proc\r${payload}\r#\0`,
    interpreter: `sub\u2028${payload}\u2029"""\\ \ud800`,
    lock: `L\n${payload}\n#`,
    event: `E"""\n${payload}\n"""\\`,
    queue: `Q\x85${payload}\f\v\x1c\0 Zürich 東京 😀 '\\'`,
    title: `T"""\n${payload}\n"""\0\u2028`,
    log: `log\n${payload}\r\n"""\0`,
  };
  const lock = new Lock(names.lock);
  const ready = new Event(names.event);
  const jobs = new Queue<unknown>(names.queue);
  // Names a careless identifier would rebind, breaking the prelude (sum, range, zlib are used in it).
  const shadows = ['sum', 'range', 'zlib', '__debug__', 'None', 'class', '1st', ''].map((name) => new Lock(name));
  const scenario = defineScenario({
    title: names.title,
    cpus: 2,
    *main() {
      const worker = yield spawn(names.thread, function* () {
        yield ready.wait();
        const item = yield jobs.get();
        yield lock.acquire();
        yield py(1000);
        yield lock.release();
        yield log(names.log, item);
      });
      const child = yield spawnProcess(names.process, function* () { yield py(1000); }, { startMethod: 'fork' });
      const sub = yield spawnInterpreter(names.interpreter, function* () { yield py(1000); });
      for (const shadow of shadows) {
        yield shadow.acquire();
        yield native(0.01, { releasesGil: false });
        yield shadow.release();
      }
      yield jobs.put({ [names.queue]: [names.thread, `"""${payload}`] });
      yield ready.set();
      yield joinTask(worker);
      yield joinTask(child);
      yield joinTask(sub);
    },
  });
  return { scenario, names };
}

describe('names and texts written into Python source', () => {
  test('comment and docstring text stays on one line: every line breaker is an escape', () => {
    for (const breaker of lineBreakers) {
      const text = pyCommentText(`a${breaker}b`);
      expect(text, JSON.stringify(breaker)).toMatch(/^a\\[nrvfxu][0-9a-f]*(\\n)?b$/);
    }
    expect(pyCommentText('tab\there \\ back Zürich 😀')).toBe('tab\\there \\\\ back Zürich 😀');
    // Bidi overrides and lone surrogates: shown, not obeyed.
    expect(pyCommentText('x\u202ey\ud800')).toBe('x\\u202ey\\ud800');
    expect(pyDocstringLine('end """ here')).toBe('end \\"\\"\\" here');
  });

  test('string literals are ASCII with every control and separator escaped', () => {
    for (const breaker of lineBreakers) expect(pyString(`a${breaker}b`)).toMatch(/^"a(\\[nrvfxu][0-9a-f]*)+b"$/);
    expect(pyString('\0"""\\')).toBe('"\\x00\\"\\"\\"\\\\"');
  });

  test('identifiers from names are valid Python and never rebind a builtin, keyword or prelude name', () => {
    const names = new PythonNames();
    const claimed = ['sum', 'range', 'zlib', 'hashlib', 'print', '__debug__', 'None', 'class', '1st', '', '東京', 'a\nb']
      .map((name) => names.claim(name, 'lock'));
    for (const name of claimed) expect(name).toMatch(/^[a-z_][a-z0-9_]*$/);
    expect(claimed).toEqual([
      'sum_2', 'range_2', 'zlib_2', 'hashlib_2', 'print_2', 'debug', 'none', 'class_2', 'lock_1st', 'lock_2', 'lock_3', 'a_b',
    ]);
    expect(new Set(claimed).size).toBe(claimed.length);
  });
});

describe('exporting a scenario with hostile names', () => {
  const marker = join(mkdtempSync(join(tmpdir(), 'gil-lab-hostile-')), 'injected');
  const { scenario, names } = hostileScenario(marker);
  const source = exportPython(scenario, { source: `file\n${'__import__("os")'}.ts` });

  test('the program has no raw control character or line separator anywhere', () => {
    expect(/[\x00-\x09\x0b-\x1f\x7f-\x9f\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u.test(source)).toBe(false);
    // No generated line starts with the payload: it is inside comments and literals only.
    for (const line of source.split('\n')) expect(line.trimStart().startsWith('__import__')).toBe(false);
  });

  test('the names stay readable in comments, escaped where they would break the line', () => {
    expect(source).toContain('# lock "L\\n__import__("os").system("touch ');
    expect(source).toContain('# queue "Q\\u0085__import__');
    expect(source).toContain('Zürich 東京 😀');
    expect(source).toContain('start(1)  # thread "worker\\n__import__');
  });

  pythonTest('python3', 'a newline in a lock or thread name does not start a line of code', (python) => {
    // Only newlines, so the file compiles even where NUL is not escaped: the payload would run.
    const newlineMarker = join(mkdtempSync(join(tmpdir(), 'gil-lab-hostile-')), 'injected');
    const payload = `__import__("os").system("touch ${newlineMarker}")`;
    const lock = new Lock(`L\n${payload}\n#`);
    const plain = defineScenario({
      *main() {
        // Indented like the line it breaks out of, so the function body stays valid.
        const worker = yield spawn(`T\n    ${payload}\n    #`, function* () { yield lock.acquire(); yield lock.release(); });
        yield joinTask(worker);
      },
    });
    runPython(python, writeProgram(exportPython(plain)));
    expect(existsSync(newlineMarker)).toBe(false);
  });

  for (const label of pythonLabels) {
    pythonTest(label, `compiles and runs on ${label} without running the hidden code; names survive`, (python) => {
      const file = writeProgram(source);
      compilePython(python, file);
      const report = runPython(python, file);
      expect(existsSync(marker)).toBe(false);
      const threadNames = report.threads.map((thread: { name: string }) => thread.name);
      expect(threadNames).toEqual(expect.arrayContaining([names.thread, names.process, names.interpreter]));
    });
  }
});
