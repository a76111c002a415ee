/**
 * gilsim: run a scenario file on the GIL simulator from the command line.
 *
 *   gilsim run <scenario.ts|.js> [--cpus N] [--runtime R] [--seed S]
 *              [--switch-interval MS] [--check-interval TICKS] [--max-events N] [--timeout S] [--json]
 *   gilsim export <scenario.ts|.js> [--scale F]     print an equivalent Python program
 *   gilsim twin <scenario.ts|.js> [--python CMD] [--runs N] [--json]
 *                                                   the simulator beside real CPython (twin.ts)
 *   gilsim runtimes                                 list the runtimes
 *
 * The file is compiled with esbuild as the playground compiles it: it may import
 * "gilsim" (this repository's simulator) and nothing else. The bundle, with the command's
 * entry from ./sandboxed/, runs in a separate, sandboxed Node process (sandbox.ts) that
 * cannot reach the file system, child processes, the network or the environment, and is
 * killed with anything it started when --timeout passes: a scenario file is a description
 * of threads, not a program with the user's rights.
 *
 * Node runs this file as it is (bin/gilsim.mjs imports it; type stripping), so its own
 * imports name their .ts files and are erasable TypeScript only.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommand, usage } from './args.ts';
import { bundleForSandbox, sandboxBundleFile } from './bundle.ts';
import { sandboxHint, scenarioFrame, terminalSafe } from './messages.ts';
import { runInSandbox, type SandboxOutcome } from './sandbox.ts';

/** The modules that run in the scenario process, by command, and the argument each takes. */
interface Entries {
  run: typeof import('./sandboxed/run.ts').default;
  export: typeof import('./sandboxed/export.ts').default;
  runtimes: typeof import('./sandboxed/runtimes.ts').default;
  twin: typeof import('./sandboxed/twin.ts').default;
}

/** How the message of a thrown error is shown, by command. */
type DescribeError = (outcome: Extract<SandboxOutcome, { kind: 'error' }>) => string;
const nameAndMessage: DescribeError = ({ name, message }) => `${name}: ${message}`;

/** Say on stderr what went wrong; the exit code. */
function fail(message: string, exitCode: number): number {
  process.stderr.write(`gilsim: ${terminalSafe(message)}\n`);
  return exitCode;
}

/** A reader that stops reading (`gilsim export x.ts | head`) is not an error: the rest is not wanted. */
function ignoreClosedReader(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE') throw error;
}

/** Run `gilsim` with `argv` (the arguments after the script); the exit code. */
export async function main(argv: string[]): Promise<number> {
  process.stdout.on('error', ignoreClosedReader);
  const parsed = parseCommand(argv);
  if (!parsed.ok) return fail(parsed.message, 2);
  const { command } = parsed;
  switch (command.kind) {
    case 'usage':
      process.stdout.write(`${usage}\n`);
      return command.exitCode;
    case 'runtimes':
      return runEntry('runtimes', undefined, { timeoutSeconds: 30, describeError: nameAndMessage });
  }
  const file = resolve(command.file);
  if (!existsSync(file)) return fail(`no such file: ${command.file}`, 2);
  const { timeoutSeconds } = command;
  if (command.kind === 'twin') {
    // Loaded only for `twin` (it brings the real-Python runner and its report): start-up counts toward every `run`.
    const { runTwin } = await import('./twin.ts');
    return runTwin(command, (args) => sandboxed('twin', args, { file, timeoutSeconds, describeError: ({ message }) => message }));
  }
  if (command.kind === 'export') {
    return runEntry('export', { scale: command.scale }, { file, timeoutSeconds, describeError: ({ message }) => message });
  }
  return runEntry('run', { options: command.options, json: command.json }, { file, timeoutSeconds, describeError: nameAndMessage });
}

/**
 * Bundle the entry `name` with the scenario `file`, run it in the sandbox with `args` and
 * print what it returned; on failure, say why with the scenario's file:line:col. The exit code.
 */
async function runEntry<Name extends keyof Entries>(name: Name, args: Parameters<Entries[Name]>[0], options: EntryOptions): Promise<number> {
  const outcome = await sandboxed(name, args, options);
  if (!outcome.ok) return outcome.exitCode;
  process.stdout.write(terminalSafe(outcome.text.endsWith('\n') ? outcome.text : `${outcome.text}\n`));
  return 0;
}

interface EntryOptions { file?: string; timeoutSeconds: number; describeError: DescribeError }

/** What a sandboxed entry returned, or the exit code after saying why it failed. */
export type Sandboxed = { ok: true; text: string } | { ok: false; exitCode: number };

/** Bundle the entry `name` with the scenario `file` and run it in the sandbox with `args`. */
async function sandboxed<Name extends keyof Entries>(
  name: Name,
  args: Parameters<Entries[Name]>[0],
  { file, timeoutSeconds, describeError }: EntryOptions,
): Promise<Sandboxed> {
  const failed = (message: string, exitCode: number): Sandboxed => ({ ok: false, exitCode: fail(message, exitCode) });
  const entry = fileURLToPath(new URL(`./sandboxed/${name}.ts`, import.meta.url));
  const bundle = await bundleForSandbox(entry, args, file);
  if (!bundle.ok) return failed(bundle.messages.join('\n'), 2);
  const outcome = await runInSandbox(bundle.code, { filename: sandboxBundleFile, timeoutSeconds });
  if (process.env.GILSIM_REPORT_RUSAGE) {
    // For the benchmark: peak memory of the CLI and of its scenario process together.
    const childRss = 'maxRSS' in outcome ? outcome.maxRSS : 0;
    process.on('exit', () => process.stderr.write(`maxRSS=${process.resourceUsage().maxRSS + childRss}\n`));
  }
  if ('console' in outcome) for (const line of outcome.console) process.stderr.write(`${terminalSafe(line)}\n`);
  switch (outcome.kind) {
    case 'done':
      return { ok: true, text: outcome.text };
    case 'timeout':
      return failed(`the scenario did not finish within ${timeoutSeconds} s of real time and was stopped: a thread body probably loops without yielding (every loop in a thread must \`yield\` an operation such as py(n) or sleep(ms))`, 3);
    case 'error': {
      const where = file ? scenarioFrame(outcome.stack, bundle.map, sandboxBundleFile, file) : undefined;
      return failed(`${describeError(outcome)}${where ? `\n  ${where}` : ''}${sandboxHint(outcome.message)}`, 1);
    }
    case 'crash':
      return failed(`the scenario's process stopped without a result (${outcome.detail})`, 1);
    case 'unsupported':
      return failed(outcome.detail, 1);
  }
}
