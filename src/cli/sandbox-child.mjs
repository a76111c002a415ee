// @ts-check
/**
 * The scenario process of `gilsim` (started by sandbox.ts): runs one bundled scenario
 * and prints one JSON reply on stdout.
 *
 * The bundle (the scenario, the simulator, and the few lines that run it) comes on
 * stdin and runs in a fresh `vm` context with nothing in it but standard JavaScript:
 * no `process` (so no `getBuiltinModule`, no env), no `require`, no dynamic import
 * (no importModuleDynamically), no `fetch`, no timers, no eval or `new Function`.
 * Nothing from this realm is handed in, and only a string is read back, so no object
 * leads out of it. This process also runs under Node's permission model, reading only
 * this file, with no child processes, workers or addons, and an empty environment: the
 * second wall if the first fails. (Node 24's permission model has no network switch;
 * the context is what keeps the network out.)
 *
 * argv: the file name to give the bundle in stack traces, and a time limit in ms after
 * which the run stops itself, in case the parent died and cannot kill it.
 *
 * The reply: { ok: true, text, console, maxRSS } where `text` is what the bundle left in
 * `globalThis.gilsimOutput`; { ok: false, timeout: true }; or
 * { ok: false, name, message, stack, console, maxRSS } for a thrown error. Every field
 * is a string (or a number) made here.
 */
import vm from 'node:vm';

const [filename, limitText] = process.argv.slice(2);
const limitMs = Number(limitText);

// A scenario's promises lead nowhere: a rejected one must not crash the reply.
process.on('unhandledRejection', () => {});

/** console.* inside the context: lines kept for the parent to print on stderr. */
const consoleSetup = `(() => {
  const lines = [];
  const text = (part) => { try { return typeof part === 'string' ? part : JSON.stringify(part) ?? String(part); } catch { return String(part); } };
  const print = (...parts) => { if (lines.length < 1000) lines.push(parts.map(text).join(' ')); };
  globalThis.console = { log: print, info: print, warn: print, error: print, debug: print, trace: print };
  return lines;
})()`;

/**
 * A value from the context as a string of at most `max` characters, whatever it does when touched.
 * @param {unknown} value
 */
function plain(value, max = 100_000) {
  try {
    return String(value).slice(0, max);
  } catch {
    return '(a value that cannot be shown)';
  }
}

/** @param {ArrayLike<unknown>} lines the console lines, an array of the context (every read may throw) */
function read(lines) {
  try {
    return Array.from({ length: Math.min(1000, Number(lines.length) || 0) }, (_, index) => plain(lines[index], 10_000));
  } catch {
    return [];
  }
}

let code = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) code += chunk;

const context = vm.createContext(vm.constants.DONT_CONTEXTIFY, {
  codeGeneration: { strings: false, wasm: false },
  // The context's promise jobs run inside the time limit, not after the reply.
  microtaskMode: 'afterEvaluate',
});
const lines = vm.runInContext(consoleSetup, context);
const options = { timeout: limitMs > 0 ? limitMs : undefined };

let reply;
try {
  new vm.Script(code, { filename }).runInContext(context, options);
  const output = vm.runInContext('globalThis.gilsimOutput', context, options);
  reply = typeof output === 'string'
    ? { ok: true, text: output }
    : { ok: false, name: 'Error', message: 'the scenario did not produce a result', stack: '' };
} catch (error) {
  if (error instanceof Error && /** @type {NodeJS.ErrnoException} */ (error).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
    reply = { ok: false, timeout: true };
  } else {
    // Errors from the simulator carry the scenario's own error as `cause`: its stack points into the scenario.
    // Anything the scenario threw, from the context's realm: each read may throw too.
    const thrown = /** @type {any} */ (error);
    let name, message, stack;
    try {
      name = plain(thrown?.name ?? 'Error', 200);
      message = plain(thrown?.message ?? thrown);
      stack = plain(thrown?.cause?.stack ?? thrown?.stack ?? '');
    } catch {
      [name, message, stack] = ['Error', plain(error), ''];
    }
    reply = { ok: false, name, message, stack };
  }
}
process.stdout.write(JSON.stringify({ ...reply, console: read(lines), maxRSS: process.resourceUsage().maxRSS }));
