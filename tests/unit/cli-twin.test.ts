/**
 * `gilsim twin`: the simulator beside a real CPython, run as a reader would run it, and
 * what it says when the interpreter is missing or fails.
 */
import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseCommand } from '../../src/cli/args';
import { havePython, pythons } from './export-helpers';

const root = fileURLToPath(new URL('../..', import.meta.url));
const scenario = 'tests/fixtures/cli/twin-two-threads.ts';

function gilsim(...args: string[]) {
  const child = spawnSync(process.execPath, ['bin/gilsim.mjs', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('gilsim twin: the command line', () => {
  test('three runs of python3 unless told; --runs must be a whole number >= 1', () => {
    expect(parseCommand(['twin', scenario])).toEqual({
      ok: true, command: { kind: 'twin', file: scenario, timeoutSeconds: 30, python: 'python3', runs: 3, json: false },
    });
    expect(parseCommand(['twin', scenario, '--python', 'python2.7', '--runs', '5', '--json'])).toMatchObject({
      ok: true, command: { python: 'python2.7', runs: 5, json: true },
    });
    expect(parseCommand(['twin', scenario, '--runs', '0'])).toMatchObject({ ok: false, message: expect.stringContaining('--runs') });
  });

  test('a Python that is not there: says so and exits 2', () => {
    const { status, stderr, stdout } = gilsim('twin', scenario, '--python', '/no/such/python3');
    expect(status).toBe(2);
    expect(stderr).toMatch(/cannot run "\/no\/such\/python3": no such command/);
    expect(stdout).toBe('');
  });

  test('a command that fails instead of running the program: says so and exits 1', () => {
    const { status, stderr } = gilsim('twin', scenario, '--python', 'false');
    expect(status).toBe(1);
    expect(stderr).toMatch(/"false" failed on the exported program \(exit code 1\)/);
  });
});

describe.each([['3.12', pythons['3.12']], ['2.7', pythons['2.7']]])('gilsim twin on CPython %s', (label, python) => {
  test.runIf(havePython(python))('--json: the simulated and the real run, the real one with its trace, and the differences', () => {
    const { status, stdout, stderr } = gilsim('twin', scenario, '--python', python, '--runs', '2', '--json');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const { sim, real, diff } = JSON.parse(stdout);
    expect(sim.runtime).toBe(`cpython-${label}`);
    expect(real.python.startsWith(label)).toBe(true);
    expect(real.runs).toHaveLength(2);
    expect(real.runs).toContain(real.wallMs);
    expect(real.threads.map((thread: { name: string }) => thread.name)).toEqual(sim.threads.map((thread: { name: string }) => thread.name));
    expect(real.trace.some((interval: { state: string }) => interval.state === 'python')).toBe(true);
    expect(diff.wallMs).toBeCloseTo(((sim.wallMs - real.wallMs) / real.wallMs) * 100, 0);
    expect(Object.keys(diff.threads)).toEqual(['main', 'a', 'b']);
  });
});

test.runIf(havePython(pythons['3.12']))('gilsim twin prints both runs side by side and a text timeline of each', () => {
  const { status, stdout } = gilsim('twin', scenario, '--python', pythons['3.12'], '--runs', '1');
  expect(status).toBe(0);
  expect(stdout).toMatch(/^wall time ms +[\d.]+ +[\d.]+ +[+-][\d.]+%$/m);
  expect(stdout).toMatch(/^a: CPU ms /m);
  const timelines = stdout.split(/^(?:simulated|real .*)$/m).slice(1);
  expect(timelines).toHaveLength(2);
  for (const timeline of timelines) expect(timeline).toMatch(/^a +\|[#. ]+\|$/m);
});
