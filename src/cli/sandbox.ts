/**
 * Run a bundled scenario in its own Node process (sandbox-child.mjs), where it can reach
 * neither the file system, child processes, the network nor the environment, and stop
 * that process, with anything it started, when the time limit passes. The result is
 * data (`SandboxOutcome`), never thrown.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const childScript = fileURLToPath(new URL('./sandbox-child.mjs', import.meta.url));
const projectNode = fileURLToPath(new URL('../../node_modules/node/bin/node', import.meta.url));

/**
 * A Node with the permission model (`--permission`, 22.13+ / 23.5+) and `vm.constants.DONT_CONTEXTIFY`:
 * this one, or else the project's own (the `node` devDependency, which npm scripts use).
 */
export function sandboxNode(version = process.versions.node) {
  const [major, minor] = version.split('.').map(Number);
  if (major > 23 || (major === 23 && minor >= 5) || (major === 22 && minor >= 13)) return process.execPath;
  return existsSync(projectNode) ? projectNode : undefined;
}

/** How a sandboxed run ended; `maxRSS` is the scenario process's peak, kB, when it replied. */
export type SandboxOutcome =
  /** The bundle's output. */
  | { kind: 'done'; text: string; console: string[]; maxRSS: number }
  /** The scenario threw. */
  | { kind: 'error'; name: string; message: string; stack: string; console: string[]; maxRSS: number }
  /** Killed at the time limit. */
  | { kind: 'timeout' }
  /** The process died without a reply (out of memory, say). */
  | { kind: 'crash'; detail: string }
  /** No Node here can run the sandbox. */
  | { kind: 'unsupported'; detail: string };

/** Signals that end the CLI: the scenario process (in its own process group) must go with it. */
const endingSignals: Record<string, number> = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };

/**
 * Run `code` (a classic script that leaves a string in `globalThis.gilsimOutput`) as file
 * `filename` in stack traces; stop it after `timeoutSeconds`.
 */
export function runInSandbox(code: string, { filename, timeoutSeconds }: { filename: string; timeoutSeconds: number }): Promise<SandboxOutcome> {
  const node = sandboxNode();
  if (!node) {
    return Promise.resolve({
      kind: 'unsupported',
      detail: `scenarios run under Node's permission model, which needs Node 22.13 or newer; this is Node ${process.versions.node} (run \`npm ci\` to get the project's Node, or use a newer one)`,
    });
  }
  const limitMs = timeoutSeconds * 1000;
  const child = spawn(node, [
    '--permission', `--allow-fs-read=${childScript}`, '--disallow-code-generation-from-strings',
    // A smaller young generation than V8's default: the simulator's garbage (operations,
    // timers, work records) dies young, and collecting it from 8 MB semi-spaces is as fast
    // and keeps the peak memory of a 10,000-thread run ~45 MB lower (bench/run.mjs).
    '--max-semi-space-size=8',
    childScript, filename, String(limitMs + 2000),
  ], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {},
    // Its own process group, so one kill reaches anything it might have started.
    detached: true,
  });

  let running = true;
  const killGroup = () => {
    if (!running) return;
    running = false;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    killGroup();
    process.exit(128 + endingSignals[signal]);
  };
  process.on('exit', killGroup);
  for (const signal of Object.keys(endingSignals)) process.on(signal, onSignal);

  return new Promise((resolvePromise) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, limitMs);
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.stdin.on('error', () => {}); // the child may die before it has read everything
    child.stdin.end(code);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolvePromise({ kind: 'crash', detail: `could not start ${node}: ${error.message}` });
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      running = false;
      process.off('exit', killGroup);
      for (const name of Object.keys(endingSignals)) process.off(name, onSignal);
      if (timedOut) return resolvePromise({ kind: 'timeout' });
      resolvePromise(readReply(Buffer.concat(stdout).toString('utf8'), Buffer.concat(stderr).toString('utf8'), status, signal));
    });
  });
}

/** The child's reply, checked field by field; anything else is a crash. */
function readReply(stdout: string, stderr: string, status: number | null, signal: NodeJS.Signals | null): SandboxOutcome {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    const lastLine = stderr.trim().split('\n').filter(Boolean).pop();
    return {
      kind: 'crash',
      detail: `${signal ? `killed by ${signal}` : `exit code ${status}`}${lastLine ? `: ${lastLine.slice(0, 500)}` : ''}`,
    };
  }
  const reply = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((line) => typeof line === 'string') : []);
  const common = { console: strings(reply.console), maxRSS: Number(reply.maxRSS) || 0 };
  if (reply.ok === true && typeof reply.text === 'string') return { kind: 'done', text: reply.text, ...common };
  if (reply.timeout === true) return { kind: 'timeout' };
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  return { kind: 'error', name: text(reply.name) || 'Error', message: text(reply.message), stack: text(reply.stack), ...common };
}
