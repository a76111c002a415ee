/** Running exported Python programs from tests and scripts. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** The Pythons the project checks exports against (pyenv builds), when installed. */
export const pythons = {
  'python3': 'python3',
  '3.12': join(homedir(), '.pyenv/versions/3.12.1/bin/python'),
  '2.7': join(homedir(), '.pyenv/versions/2.7.18/bin/python'),
};

export function havePython(path: string): boolean {
  if (path.includes('/')) return existsSync(path);
  return spawnSync(path, ['--version']).status === 0;
}

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
