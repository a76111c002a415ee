/** Running exported Python programs from tests and scripts. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'vitest';

/**
 * The Pythons the project checks exports against: python3 on the PATH and two pyenv
 * builds. Off CI a test whose Python is not installed is skipped (its name says what
 * it needs); under CI (`CI` set, as `.ci/run` does) it fails, naming the interpreter
 * and how to install it, since `.ci/run` installs Chromium but not pyenv.
 */
export const pythons = {
  'python3': 'python3',
  '3.12': join(homedir(), '.pyenv/versions/3.12.1/bin/python'),
  '2.7': join(homedir(), '.pyenv/versions/2.7.18/bin/python'),
} as const;

export type PythonLabel = keyof typeof pythons;

const howToInstall: Record<PythonLabel, string> = {
  'python3': 'install Python 3 so that `python3` is on the PATH (Debian: apt-get install python3)',
  '3.12': 'install pyenv (https://github.com/pyenv/pyenv#installation), then run `pyenv install 3.12.1`',
  '2.7': 'install pyenv (https://github.com/pyenv/pyenv#installation), then run `pyenv install 2.7.18`',
};

export function havePython(path: string): boolean {
  if (path.includes('/')) return existsSync(path);
  return spawnSync(path, ['--version']).status === 0;
}

/** Why a test cannot run without this Python, and how to get it. */
export function missingPython(label: PythonLabel): string {
  return `Python ${label} is not installed (looked for ${pythons[label]}); the export tests run exported programs under it. To get it, ${howToInstall[label]}.`;
}

/** What a test that needs the Python at `path` does: run, be skipped (off CI), or fail (under CI). */
export function pythonVerdict(path: string, ci = Boolean(process.env.CI)): 'run' | 'skip' | 'fail' {
  return havePython(path) ? 'run' : ci ? 'fail' : 'skip';
}

/** Is this Python installed? Under CI, a missing one throws `missingPython`'s message instead of answering false. */
export function pythonInstalled(label: PythonLabel): boolean {
  const verdict = pythonVerdict(pythons[label]);
  if (verdict === 'fail') throw new Error(missingPython(label));
  return verdict === 'run';
}

/**
 * A test that needs one Python: it runs `body` with the interpreter's path when it is
 * installed; otherwise it is skipped, or under CI fails with `missingPython`'s message.
 */
export function pythonTest(label: PythonLabel, name: string, body: (python: string) => void | Promise<void>): void {
  const python = pythons[label];
  const verdict = pythonVerdict(python);
  if (verdict === 'run') test(name, () => body(python));
  else if (verdict === 'fail') test(name, () => { throw new Error(missingPython(label)); });
  else test.skip(`${name} (skipped: Python ${label} is not installed)`, () => {});
}

/** Every Python of `pythons`, each label with its own `pythonTest`. */
export const pythonLabels = Object.keys(pythons) as PythonLabel[];

/** Write `source` to a fresh temporary .py file and return its path. */
export function writeProgram(source: string, name = 'scenario.py'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gil-lab-export-')), name);
  writeFileSync(file, source);
  return file;
}

/** `python -W error -m py_compile file`: throws with the compiler's message on a syntax error or warning (an invalid escape). */
export function compilePython(python: string, file: string): void {
  execFileSync(python, ['-W', 'error', '-m', 'py_compile', file], { stdio: 'pipe' });
}

/** Run an exported program and parse the JSON it prints. */
export function runPython(python: string, file: string, timeoutMs = 50_000): Record<string, any> {
  const run = spawnSync(python, [file], { encoding: 'utf8', timeout: timeoutMs });
  if (run.status !== 0) {
    throw new Error(`${python} ${file} exited with ${run.status ?? run.signal}:\n${run.stderr}`);
  }
  return JSON.parse(run.stdout);
}
