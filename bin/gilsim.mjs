#!/usr/bin/env node
/**
 * gilsim: run a scenario file on the GIL simulator from the command line.
 *
 *   gilsim run <scenario.ts|.js> [--cpus N] [--runtime R] [--seed S]
 *              [--switch-interval MS] [--check-interval TICKS] [--max-events N] [--timeout S] [--json]
 *   gilsim export <scenario.ts|.js> [--scale F]     print an equivalent Python program
 *   gilsim runtimes                                 list the runtimes
 *
 * The file is compiled with esbuild into the same module shape the browser uses
 * ("gilsim" resolves to this repository's simulator) and run in a worker thread,
 * so a scenario stuck in a loop that never yields is stopped by a timeout.
 */

import { build } from 'esbuild';
import { Worker } from 'node:worker_threads';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const simEntry = join(root, 'src/sim/index.ts');

const usage = `usage:
  gilsim run <scenario.ts|.js> [--cpus N] [--runtime R] [--seed S] [--switch-interval MS]
             [--check-interval TICKS] [--max-events N] [--timeout SECONDS] [--json]
  gilsim export <scenario.ts|.js> [--scale F]
  gilsim runtimes`;

function fail(message, code = 2) {
  process.stderr.write(`gilsim: ${message}\n`);
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

// Bundles are written here; source maps point from it back to the scenario file.
const workDir = mkdtempSync(join(tmpdir(), 'gilsim-'));
process.on('exit', () => rmSync(workDir, { recursive: true, force: true }));

/** Bundle `source` (an entry module text) with the scenario and the simulator into one ESM file. */
async function bundle(entrySource) {
  try {
    const result = await build({
      outdir: workDir,
      stdin: { contents: entrySource, resolveDir: process.cwd(), sourcefile: 'gilsim-entry.mjs', loader: 'js' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      sourcemap: 'inline',
      alias: { gilsim: simEntry },
      logLevel: 'silent',
    });
    return result.outputFiles[0].text;
  } catch (error) {
    const messages = (error.errors ?? []).map((entry) => {
      const where = entry.location ? `${entry.location.file}:${entry.location.line}:${entry.location.column + 1}: ` : '';
      return `${where}error: ${entry.text}`;
    });
    fail(messages.length ? messages.join('\n') : String(error.message ?? error), 2);
  }
}

/** Run bundled code in a worker; resolve with its message or fail on timeout. */
function runInWorker(code, workerData, timeoutSeconds) {
  const file = join(workDir, 'run.mjs');
  writeFileSync(file, code);
  return new Promise((resolvePromise) => {
    const worker = new Worker(file, { workerData, execArgv: ['--enable-source-maps'] });
    const timer = setTimeout(() => {
      worker.terminate();
      fail(`the scenario did not finish within ${timeoutSeconds} s of real time and was stopped: a thread body probably loops without yielding (every loop in a thread must \`yield\` an operation such as py(n) or sleep(ms))`, 3);
    }, timeoutSeconds * 1000);
    worker.once('message', (message) => {
      clearTimeout(timer);
      worker.terminate();
      resolvePromise(message);
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      fail(`${error.name ?? 'Error'}: ${error.message}`, 1);
    });
  });
}

function entryFor(file, body) {
  const url = JSON.stringify(file);
  return `import scenario from ${url};
import { parentPort, workerData } from 'node:worker_threads';
${body}`;
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
    const code = await bundle(`import { runtimes } from 'gilsim';
for (const [name, preset] of Object.entries(runtimes)) console.log(name.padEnd(16), preset.label);`);
    writeFileSync(join(workDir, 'list.mjs'), code);
    await import(join(workDir, 'list.mjs'));
    return;
  }

  if (command !== 'run' && command !== 'export') fail(`unknown command "${command}"\n${usage}`);
  if (!target) fail(`${command} needs a scenario file\n${usage}`);
  const file = resolve(target);
  if (!existsSync(file)) fail(`no such file: ${target}`);

  const timeoutSeconds = number('timeout', values.timeout, { min: 1 }) ?? 30;
  if (command === 'export') {
    const exporter = join(root, 'src/export/python.ts');
    if (!existsSync(exporter)) fail('the Python exporter is not available in this checkout', 1);
    const code = await bundle(entryFor(file, `import { exportPython } from ${JSON.stringify(exporter)};
try {
  parentPort.postMessage({ ok: true, text: exportPython(scenario, workerData) });
} catch (error) {
  parentPort.postMessage({ ok: false, message: error.message });
}`));
    const reply = await runInWorker(code, { scale: number('scale', values.scale, { min: 0 }) ?? 1 }, timeoutSeconds);
    if (!reply.ok) fail(reply.message, 1);
    process.stdout.write(reply.text.endsWith('\n') ? reply.text : `${reply.text}\n`);
    return;
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
  const code = await bundle(entryFor(file, `import { runScenario } from 'gilsim';
import { formatReport } from ${JSON.stringify(formatter)};
try {
  const result = runScenario(scenario, workerData.options);
  const text = workerData.json ? JSON.stringify(result.metrics, null, 2) : formatReport(result, scenario?.title);
  parentPort.postMessage({ ok: true, text });
} catch (error) {
  const frame = String(error.cause?.stack ?? error.stack ?? '').split('\\n').find((line) => line.includes(${JSON.stringify(file)}));
  parentPort.postMessage({ ok: false, name: error.name, message: error.message, where: frame?.trim() });
}`));
  const reply = await runInWorker(code, { options, json: Boolean(values.json) }, timeoutSeconds);
  if (!reply.ok) {
    fail(`${reply.name ?? 'Error'}: ${reply.message}${reply.where ? `\n  ${reply.where}` : ''}`, 1);
  }
  process.stdout.write(`${reply.text}\n`);
}

if (process.env.GILSIM_REPORT_RUSAGE) {
  // For the benchmark: peak memory of the whole process, worker included.
  process.on('exit', () => process.stderr.write(`maxRSS=${process.resourceUsage().maxRSS}\n`));
}

main();
