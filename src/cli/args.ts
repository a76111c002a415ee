/**
 * The `gilsim` command line read into a command, or the message that says what is wrong
 * with it (printed with exit code 2). Pure: the file system and the simulator check the
 * rest (the file exists; the runtime is known, the CPU count in range).
 */
import { parseArgs } from 'node:util';
import type { RunOptions, RuntimeName } from 'gilsim';

export const usage = `usage:
  gilsim run <scenario.ts|.js> [--cpus N] [--runtime R] [--seed S] [--switch-interval MS]
             [--check-interval TICKS] [--max-events N] [--timeout SECONDS] [--json]
  gilsim export <scenario.ts|.js> [--scale F]
  gilsim twin <scenario.ts|.js> [--python CMD] [--runs N] [--timeout SECONDS] [--json] [--save-real FILE]
  gilsim runtimes`;

/** Real time a scenario may run before it is stopped, seconds. */
const defaultTimeoutSeconds = 30;

export type Command =
  /** Print the usage; exit 0 when asked for (--help), 2 when there was no command. */
  | { kind: 'usage'; exitCode: 0 | 2 }
  | { kind: 'runtimes' }
  | { kind: 'run'; file: string; timeoutSeconds: number; options: RunOptions; json: boolean }
  | { kind: 'export'; file: string; timeoutSeconds: number; scale: number }
  /** Run the scenario on the simulator and, exported, `runs` times on the real `python`. */
  | { kind: 'twin'; file: string; timeoutSeconds: number; python: string; runs: number; json: boolean; saveReal?: string };

export type ParsedCommand = { ok: true; command: Command } | { ok: false; message: string };

/** A number option: undefined when absent, a message when it is not a number in range. */
type NumberOption = { ok: true; value: number | undefined } | { ok: false; message: string };

function numberOption(name: string, text: string | undefined, { integer = false, min = -Infinity } = {}): NumberOption {
  if (text === undefined) return { ok: true, value: undefined };
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min) {
    return { ok: false, message: `--${name} needs ${integer ? 'a whole number' : 'a number'}${min > -Infinity ? ` >= ${min}` : ''}, got "${text}"` };
  }
  return { ok: true, value };
}

/** `argv` (without node and the script) as a command. */
export function parseCommand(argv: string[]): ParsedCommand {
  // biome-ignore lint/suspicious/noImplicitAnyLet: typed by the parseArgs call below (its type depends on the options literal).
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        cpus: { type: 'string' }, runtime: { type: 'string' }, seed: { type: 'string' },
        'switch-interval': { type: 'string' }, 'check-interval': { type: 'string' },
        'max-events': { type: 'string' }, timeout: { type: 'string' }, scale: { type: 'string' },
        python: { type: 'string' }, runs: { type: 'string' }, 'save-real': { type: 'string' },
        json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return { ok: false, message: `${(error as Error).message}\n${usage}` };
  }
  const { values, positionals } = parsed;
  const [command, file] = positionals;
  if (values.help || !command) return { ok: true, command: { kind: 'usage', exitCode: values.help ? 0 : 2 } };
  if (command === 'runtimes') return { ok: true, command: { kind: 'runtimes' } };
  if (command !== 'run' && command !== 'export' && command !== 'twin') return { ok: false, message: `unknown command "${command}"\n${usage}` };
  if (!file) return { ok: false, message: `${command} needs a scenario file\n${usage}` };

  const timeout = numberOption('timeout', values.timeout, { min: 1 });
  if (!timeout.ok) return timeout;
  const timeoutSeconds = timeout.value ?? defaultTimeoutSeconds;

  if (command === 'export') {
    const scale = numberOption('scale', values.scale, { min: 0 });
    if (!scale.ok) return scale;
    return { ok: true, command: { kind: 'export', file, timeoutSeconds, scale: scale.value ?? 1 } };
  }

  if (command === 'twin') {
    const runs = numberOption('runs', values.runs, { integer: true, min: 1 });
    if (!runs.ok) return runs;
    const python = values.python ?? 'python3';
    if (!python.trim()) return { ok: false, message: '--python needs a command, e.g. --python python3.12' };
    const saveReal = values['save-real'] !== undefined ? { saveReal: values['save-real'] } : {};
    return { ok: true, command: { kind: 'twin', file, timeoutSeconds, python, runs: runs.value ?? 3, json: values.json === true, ...saveReal } };
  }

  const cpus = numberOption('cpus', values.cpus, { integer: true });
  if (!cpus.ok) return cpus;
  const seed = numberOption('seed', values.seed);
  if (!seed.ok) return seed;
  const switchInterval = numberOption('switch-interval', values['switch-interval']);
  if (!switchInterval.ok) return switchInterval;
  const checkInterval = numberOption('check-interval', values['check-interval'], { integer: true });
  if (!checkInterval.ok) return checkInterval;
  const maxEvents = numberOption('max-events', values['max-events'], { integer: true, min: 1 });
  if (!maxEvents.ok) return maxEvents;

  const options: RunOptions = {};
  if (cpus.value !== undefined) options.cpus = cpus.value;
  // Any name: the simulator answers an unknown one with the list of runtimes.
  if (values.runtime !== undefined) options.runtime = values.runtime as RuntimeName;
  if (seed.value !== undefined) options.seed = seed.value;
  if (switchInterval.value !== undefined) options.switchIntervalMs = switchInterval.value;
  if (checkInterval.value !== undefined) options.checkInterval = checkInterval.value;
  if (maxEvents.value !== undefined) options.maxEvents = maxEvents.value;
  return { ok: true, command: { kind: 'run', file, timeoutSeconds, options, json: values.json === true } };
}
