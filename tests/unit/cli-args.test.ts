/** The `gilsim` command line read into a command (src/cli/args.ts), without starting a process. */
import { describe, expect, test } from 'vitest';
import { parseCommand, usage } from '../../src/cli/args';

const file = 'content/two-cpus/gil-battle.ts';

describe('parseCommand', () => {
  test('run: every option in its field, numbers as numbers, the runtime as given', () => {
    const parsed = parseCommand(['run', file, '--cpus', '4', '--runtime', 'cpython-3.12', '--seed', '7', '--switch-interval', '0.5',
      '--check-interval', '100', '--max-events', '1000', '--timeout', '5', '--json']);
    expect(parsed).toEqual({
      ok: true,
      command: {
        kind: 'run', file, timeoutSeconds: 5, json: true,
        options: { cpus: 4, runtime: 'cpython-3.12', seed: 7, switchIntervalMs: 0.5, checkInterval: 100, maxEvents: 1000 },
      },
    });
  });

  test('run without options: the file decides, 30 s of real time, the table', () => {
    expect(parseCommand(['run', file])).toEqual({ ok: true, command: { kind: 'run', file, timeoutSeconds: 30, json: false, options: {} } });
  });

  test('export: the scale (1 unless given) and the timeout; run-only options are not read', () => {
    expect(parseCommand(['export', file, '--scale', '0.01', '--cpus', 'two'])).toEqual({
      ok: true, command: { kind: 'export', file, timeoutSeconds: 30, scale: 0.01 },
    });
    expect(parseCommand(['export', file])).toMatchObject({ ok: true, command: { scale: 1 } });
  });

  test('usage: exit 0 when asked for, 2 when there is no command; runtimes takes nothing', () => {
    expect(parseCommand(['--help'])).toEqual({ ok: true, command: { kind: 'usage', exitCode: 0 } });
    expect(parseCommand(['run', file, '-h'])).toEqual({ ok: true, command: { kind: 'usage', exitCode: 0 } });
    expect(parseCommand([])).toEqual({ ok: true, command: { kind: 'usage', exitCode: 2 } });
    expect(parseCommand(['runtimes'])).toEqual({ ok: true, command: { kind: 'runtimes' } });
  });

  test.each([
    [['frobnicate'], `unknown command "frobnicate"\n${usage}`],
    [['run'], `run needs a scenario file\n${usage}`],
    [['export'], `export needs a scenario file\n${usage}`],
    [['run', file, '--cpus', 'two'], '--cpus needs a whole number, got "two"'],
    [['run', file, '--cpus', '1.5'], '--cpus needs a whole number, got "1.5"'],
    [['run', file, '--seed', ' '], '--seed needs a number, got " "'],
    [['run', file, '--switch-interval', 'Infinity'], '--switch-interval needs a number, got "Infinity"'],
    [['run', file, '--max-events', '0'], '--max-events needs a whole number >= 1, got "0"'],
    [['run', file, '--timeout', '0.5'], '--timeout needs a number >= 1, got "0.5"'],
    [['export', file, '--scale=-1'], '--scale needs a number >= 0, got "-1"'],
    // The first bad option in the usage's order is the one reported.
    [['run', file, '--max-events', 'x', '--cpus', 'y'], '--cpus needs a whole number, got "y"'],
  ])('%j is refused: %s', (argv, message) => {
    expect(parseCommand(argv)).toEqual({ ok: false, message });
  });

  test('an option parseArgs does not know is refused with the usage', () => {
    const parsed = parseCommand(['run', file, '--frob']);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/Unknown option '--frob'[\s\S]*\nusage:\n {2}gilsim run/);
  });
});
