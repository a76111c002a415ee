#!/usr/bin/env node
/**
 * gilsim: run a scenario file on the GIL simulator from the command line.
 *
 *   gilsim run <scenario.ts|.js> [--cpus N] [--runtime R] [--seed S]
 *              [--switch-interval MS] [--check-interval TICKS] [--max-events N] [--timeout S] [--json]
 *   gilsim export <scenario.ts|.js> [--scale F]     print an equivalent Python program
 *   gilsim runtimes                                 list the runtimes
 *
 * The file is compiled with esbuild as the playground compiles it: it may import
 * "gilsim" (this repository's simulator) and nothing else. The bundle runs in a
 * separate, sandboxed Node process (src/cli/sandbox.mjs) that cannot reach the file
 * system, child processes, the network or the environment, and is killed with
 * anything it started when --timeout passes: a scenario file is a description of
 * threads, not a program with the user's rights.
 */

import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runInSandbox } from '../src/cli/sandbox.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const simEntry = join(root, 'src/sim/index.ts');
/** The bundle's name in stack traces and its source map; never written to disk. */
const bundleFile = join(root, 'gilsim-bundle.js');

const usage = `usage:
  gilsim run <scenario.ts|.js> [--cpus N] [--runtime R] [--seed S] [--switch-interval MS]
             [--check-interval TICKS] [--max-events N] [--timeout SECONDS] [--json]
  gilsim export <scenario.ts|.js> [--scale F]
  gilsim runtimes`;

/**
 * Text from the scenario (names, titles, messages) as the terminal gets it: control,
 * format and separator characters other than newline and tab as \uXXXX escapes, so a
 * name cannot move the cursor, retitle the window or set the clipboard. (Valid in JSON too.)
 */
function terminalSafe(text) {
  return text.replace(/(?![\n\t])[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu, (char) =>
    Array.from({ length: char.length }, (_, index) => `\\u${char.charCodeAt(index).toString(16).padStart(4, '0')}`).join(''));
}

function fail(message, code = 2) {
  process.stderr.write(`gilsim: ${terminalSafe(message)}\n`);
  process.exit(code);
}

function number(name, text, { integer = false, min = -Infinity } = {}) {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min) {
    fail(`--${name} needs ${integer ? 'a whole number' : 'a number'}${min > -Infinity ? ` >= ${min}` : ''}, got "${text}"`);
  }
  return value;
}

const loaders = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.jsx': 'jsx' };

/**
 * The scenario file is loaded in its own namespace, and from there only "gilsim" resolves:
 * it cannot import node:fs, a package or another file (the playground's rule). The entry
 * names it "gilsim:scenario"; the simulator and the CLI's own modules import as usual.
 */
function onlyGilsim(file) {
  return {
    name: 'only-gilsim',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.path === 'gilsim') return { path: simEntry };
        if (args.path === 'gilsim:scenario' && args.namespace !== 'scenario') return { path: file, namespace: 'scenario' };
        if (args.namespace === 'scenario') return { errors: [{ text: `Only "gilsim" can be imported in a scenario, not "${args.path}".` }] };
        return undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'scenario' }, (args) => ({
        contents: readFileSync(args.path, 'utf8'), loader: loaders[extname(args.path)] ?? 'js', resolveDir: root,
      }));
    },
  };
}

/** Bundle an entry module (and the scenario `file`, if it imports "gilsim:scenario") into one classic script. */
async function bundle(entrySource, file) {
  try {
    const result = await build({
      outfile: bundleFile,
      stdin: { contents: entrySource, resolveDir: root, sourcefile: 'gilsim-entry.mjs', loader: 'js' },
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'neutral',
      target: 'es2022',
      sourcemap: 'external',
      plugins: [onlyGilsim(file)],
      logLevel: 'silent',
    });
    const output = (suffix) => result.outputFiles.find((entry) => entry.path.endsWith(suffix)).text;
    return { code: output('.js'), map: new SourceMap(JSON.parse(output('.js.map'))) };
  } catch (error) {
    const messages = (error.errors ?? []).map((entry) => {
      const where = entry.location ? `${shownPath(entry.location.file)}:${entry.location.line}:${entry.location.column + 1}: ` : '';
      return `${where}error: ${entry.text}`;
    });
    fail(messages.length ? messages.join('\n') : String(error.message ?? error), 2);
  }
}

/** A path as esbuild reports it, the scenario's namespace taken off (relative to here, as esbuild prints files). */
function shownPath(path) {
  return path.startsWith('scenario:') ? relative(process.cwd(), path.slice('scenario:'.length)) : path;
}

/** The first frame of `stack` inside the scenario file, mapped back from the bundle: "at main (/path/file.ts:5:11)". */
function scenarioFrame(stack, map, file) {
  for (const line of stack.split('\n')) {
    const match = /^\s*at (?:(.*) \()?(.*):(\d+):(\d+)\)?$/.exec(line);
    if (!match || match[2] !== bundleFile) continue;
    const origin = map.findOrigin(Number(match[3]), Number(match[4]));
    if (origin?.fileName !== `scenario:${file}`) continue;
    const where = `${file}:${origin.lineNumber}:${origin.columnNumber}`;
    return match[1] ? `at ${match[1]} (${where})` : `at ${where}`;
  }
  return undefined;
}

/**
 * A name the scenario used that Node has and the sandbox does not (process, fetch,
 * setTimeout, require...): say why it is missing rather than leave a bare ReferenceError.
 */
function sandboxHint(message) {
  // The simulator wraps a thread's error: "thread "main" raised: process is not defined".
  const missing = /(?:^|: )(\S+) is not defined$/.exec(message)?.[1];
  if (!missing) return '';
  if (!(missing in globalThis) && !['require', 'module', 'exports', '__dirname', '__filename'].includes(missing)) return '';
  return `\n  a scenario runs sandboxed: standard JavaScript and the "gilsim" API only, with no ${missing}, file system, child processes, network or environment`;
}

/**
 * Bundle `entrySource` with the scenario `file`, run it in the sandbox and print what it
 * printed; on failure, say why with the scenario's file:line:col and exit non-zero.
 */
async function runEntry(entrySource, file, timeoutSeconds, { describeError }) {
  const { code, map } = await bundle(entrySource, file);
  const outcome = await runInSandbox(code, { filename: bundleFile, timeoutSeconds });
  if (process.env.GILSIM_REPORT_RUSAGE) {
    // For the benchmark: peak memory of the CLI and of its scenario process together.
    process.on('exit', () => process.stderr.write(`maxRSS=${process.resourceUsage().maxRSS + (outcome.maxRSS ?? 0)}\n`));
  }
  for (const line of outcome.console ?? []) process.stderr.write(`${terminalSafe(line)}\n`);
  switch (outcome.kind) {
    case 'done':
      process.stdout.write(terminalSafe(outcome.text.endsWith('\n') ? outcome.text : `${outcome.text}\n`));
      return;
    case 'timeout':
      return fail(`the scenario did not finish within ${timeoutSeconds} s of real time and was stopped: a thread body probably loops without yielding (every loop in a thread must \`yield\` an operation such as py(n) or sleep(ms))`, 3);
    case 'error': {
      const where = file ? scenarioFrame(outcome.stack, map, file) : undefined;
      return fail(`${describeError(outcome)}${where ? `\n  ${where}` : ''}${sandboxHint(outcome.message)}`, 1);
    }
    case 'crash':
      return fail(`the scenario's process stopped without a result (${outcome.detail})`, 1);
    default:
      return fail(outcome.detail, 1);
  }
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        cpus: { type: 'string' }, runtime: { type: 'string' }, seed: { type: 'string' },
        'switch-interval': { type: 'string' }, 'check-interval': { type: 'string' },
        'max-events': { type: 'string' }, timeout: { type: 'string' }, scale: { type: 'string' },
        json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    fail(`${error.message}\n${usage}`);
  }
  const { values, positionals } = parsed;
  const [command, target] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${usage}\n`);
    process.exit(command || values.help ? 0 : 2);
  }

  if (command === 'runtimes') {
    const entry = `import { runtimes } from 'gilsim';
globalThis.gilsimOutput = Object.entries(runtimes).map(([name, preset]) => \`\${name.padEnd(16)} \${preset.label}\`).join('\\n');`;
    return runEntry(entry, undefined, 30, { describeError: ({ name, message }) => `${name}: ${message}` });
  }

  if (command !== 'run' && command !== 'export') fail(`unknown command "${command}"\n${usage}`);
  if (!target) fail(`${command} needs a scenario file\n${usage}`);
  const file = resolve(target);
  if (!existsSync(file)) fail(`no such file: ${target}`);

  const timeoutSeconds = number('timeout', values.timeout, { min: 1 }) ?? 30;
  if (command === 'export') {
    const exporter = join(root, 'src/export/python.ts');
    if (!existsSync(exporter)) fail('the Python exporter is not available in this checkout', 1);
    const scale = number('scale', values.scale, { min: 0 }) ?? 1;
    const entry = `import scenario from 'gilsim:scenario';
import { exportPython } from ${JSON.stringify(exporter)};
globalThis.gilsimOutput = exportPython(scenario, { scale: ${JSON.stringify(scale)} });`;
    return runEntry(entry, file, timeoutSeconds, { describeError: ({ message }) => message });
  }

  const options = {};
  const cpus = number('cpus', values.cpus, { integer: true });
  if (cpus !== undefined) options.cpus = cpus;
  if (values.runtime !== undefined) options.runtime = values.runtime;
  const seed = number('seed', values.seed);
  if (seed !== undefined) options.seed = seed;
  const switchInterval = number('switch-interval', values['switch-interval']);
  if (switchInterval !== undefined) options.switchIntervalMs = switchInterval;
  const checkInterval = number('check-interval', values['check-interval'], { integer: true });
  if (checkInterval !== undefined) options.checkInterval = checkInterval;
  const maxEvents = number('max-events', values['max-events'], { integer: true, min: 1 });
  if (maxEvents !== undefined) options.maxEvents = maxEvents;

  const formatter = join(root, 'src/cli/format.ts');
  const entry = `import scenario from 'gilsim:scenario';
import { runScenario } from 'gilsim';
import { formatReport } from ${JSON.stringify(formatter)};
const result = runScenario(scenario, ${JSON.stringify(options)});
globalThis.gilsimOutput = ${values.json ? 'JSON.stringify(result.metrics, null, 2)' : 'formatReport(result, scenario?.title)'};`;
  return runEntry(entry, file, timeoutSeconds, { describeError: ({ name, message }) => `${name}: ${message}` });
}

main();
