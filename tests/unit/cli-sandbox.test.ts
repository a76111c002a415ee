/**
 * A scenario file given to `gilsim run` or `gilsim export` is a description of threads,
 * not a program with the user's rights: it cannot import anything but "gilsim", and what
 * runs cannot reach the file system, child processes, the network or the environment.
 * Each hostile file below tries to leave a marker file (or make a request) and must fail
 * with a message that says why, leaving no marker.
 */
import { describe, expect, test } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sandboxNode } from '../../src/cli/sandbox';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'bin/gilsim.mjs');

/** A scenario file in a fresh directory, and where its marker would go. */
function scenarioFile(source: (marker: string) => string) {
  const dir = mkdtempSync(join(tmpdir(), 'gilsim-hostile-'));
  const marker = join(dir, 'marker');
  const file = join(dir, 'scenario.ts');
  writeFileSync(file, source(marker));
  return { file, marker };
}

function gilsim(...args: string[]) {
  const child = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

const header = 'import { defineScenario, py } from "gilsim";\n';

describe('a scenario file can import only gilsim', () => {
  test.each([
    ['node:fs', `import { writeFileSync } from "node:fs";\nwriteFileSync(MARKER, "x");`],
    ['node:child_process', `import { execSync } from "node:child_process";\nexecSync("touch " + MARKER);`],
    ['./helper', `import helper from "./helper";\nhelper(MARKER);`],
    ['fs', `const fs = require("fs");\nfs.writeFileSync(MARKER, "x");`],
  ])('importing %s is refused at the import, for run and export', (name, body) => {
    const { file, marker } = scenarioFile((path) => `${header}${body.replace('MARKER', JSON.stringify(path))}
export default defineScenario({ *main() { yield py(1); } });`);
    for (const command of ['run', 'export']) {
      const { status, stderr } = gilsim(command, file);
      expect(status).toBe(2);
      expect(stderr).toMatch(new RegExp(`scenario\\.ts:2:\\d+: error: Only "gilsim" can be imported in a scenario, not "${name.replace('.', '\\.')}"`));
    }
    expect(existsSync(marker)).toBe(false);
  });
});

describe('what a scenario runs cannot reach the system', () => {
  test.each([
    ['process.getBuiltinModule("node:fs")', `process.getBuiltinModule("node:fs").writeFileSync(MARKER, "x");`, 'process'],
    ['process.getBuiltinModule("node:child_process")', `process.getBuiltinModule("node:child_process").execSync("touch " + MARKER);`, 'process'],
    ['process.env', `if (process.env.HOME) throw new Error("read the environment");`, 'process'],
    ['setTimeout', `setTimeout(() => {}, 0);`, 'setTimeout'],
  ])('%s in a thread fails with a message saying the scenario is sandboxed', (_label, statement, missing) => {
    const { file, marker } = scenarioFile((path) => `${header}export default defineScenario({
  *main() {
    yield py(1);
    ${statement.replace('MARKER', JSON.stringify(path))}
  },
});`);
    const { status, stderr } = gilsim('run', file);
    expect(status).toBe(1);
    expect(stderr).toContain(`${missing} is not defined`);
    expect(stderr).toMatch(/at .*scenario\.ts:5:\d+/);
    expect(stderr).toMatch(/a scenario runs sandboxed: standard JavaScript and the "gilsim" API only/);
    expect(existsSync(marker)).toBe(false);
  });

  test('at the top level of the file, and through export, too', () => {
    const { file, marker } = scenarioFile((path) => `${header}process.getBuiltinModule("node:fs").writeFileSync(${JSON.stringify(path)}, "x");
export default defineScenario({ *main() { yield py(1); } });`);
    const { status, stderr } = gilsim('export', file);
    expect(status).toBe(1);
    expect(stderr).toContain('process is not defined');
    expect(existsSync(marker)).toBe(false);
  });

  test('the ways out of a vm context lead nowhere: Function constructors, eval, import() of a computed name', () => {
    const { file, marker } = scenarioFile((path) => `${header}const marker = ${JSON.stringify(path)};
const attempts = {
  constructor: () => (globalThis as any).constructor.constructor("return process")().getBuiltinModule("fs").writeFileSync(marker, "x"),
  eval: () => (0, eval)("process").getBuiltinModule("fs").writeFileSync(marker, "x"),
  importFs: () => { import(["node:", "fs"].join("")).then((fs: any) => fs.writeFileSync(marker, "x"), () => {}); return "pending"; },
};
const outcomes = Object.entries(attempts).map(([name, attempt]) => {
  try { return name + ": " + String(attempt()); } catch (error) { return name + ": " + (error as Error).name; }
});
export default defineScenario({ title: outcomes.join("; "), *main() { yield py(1); } });`);
    const { status, stdout } = gilsim('run', file);
    expect(status).toBe(0);
    expect(stdout).toContain('constructor: EvalError; eval: EvalError; importFs: pending');
    expect(existsSync(marker)).toBe(false);
  });

  test('fetch fails, and no request leaves the machine', async () => {
    let requests = 0;
    const server = createServer((_request, response) => { requests++; response.end('ok'); });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const { file } = scenarioFile(() => `${header}export default defineScenario({
  *main() {
    yield py(1);
    fetch(${JSON.stringify(url)});
  },
});`);
      // Asynchronous, so the server can answer while gilsim runs.
      const child = spawn(process.execPath, [cli, 'run', file], { cwd: root });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const status = await new Promise((resolve) => child.on('close', resolve));
      expect(status).toBe(1);
      expect(stderr).toContain('fetch is not defined');
      expect(stderr).toMatch(/a scenario runs sandboxed/);
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });
});

describe('the scenario process', () => {
  test('runs on a Node with the permission model: this one from 22.13, else the project\'s own', () => {
    expect(sandboxNode('24.1.0')).toBe(process.execPath);
    expect(sandboxNode('22.13.0')).toBe(process.execPath);
    const older = sandboxNode('20.20.2');
    expect(older).toBe(join(root, 'node_modules/node/bin/node'));
    expect(spawnSync(older!, ['--permission', '-e', 'process.exit(process.permission ? 0 : 1)']).status).toBe(0);
  });

  /** Processes whose parent is `pid`, with their command lines (Linux /proc). */
  function childrenOf(pid: number): { pid: number; command: string }[] {
    const found = [];
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (parent === pid) found.push({ pid: Number(entry), command: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ') });
      } catch {
        // the process ended while we looked
      }
    }
    return found;
  }

  function alive(pid: number): boolean {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
    } catch {
      return false;
    }
  }

  test.runIf(existsSync('/proc/self/stat'))('runs apart from the CLI and is killed at --timeout', async () => {
    const child = spawn(process.execPath, [cli, 'run', 'tests/fixtures/cli/never-yields.ts', '--timeout', '1'], { cwd: root });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const closed = new Promise((resolve) => child.on('close', resolve));
    let sandboxed: { pid: number; command: string } | undefined;
    let exited = false;
    closed.then(() => (exited = true));
    // Look for the scenario process while the CLI waits for it.
    while (!sandboxed && !exited) {
      sandboxed = childrenOf(child.pid!).find((process) => process.command.includes('sandbox-child.mjs'));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const status = await closed;
    expect(status).toBe(3);
    expect(stderr).toMatch(/did not finish within 1 s/);
    expect(sandboxed?.command).toContain('--permission');
    expect(alive(sandboxed!.pid)).toBe(false);
  });

  test('console output goes to stderr, so --json and export stay clean', () => {
    const { file } = scenarioFile(() => `${header}console.log("hello from the scenario");
export default defineScenario({ *main() { yield py(1); } });`);
    const { status, stdout, stderr } = gilsim('run', file, '--json');
    expect(status).toBe(0);
    expect(JSON.parse(stdout).threads).toHaveLength(1);
    expect(stderr).toContain('hello from the scenario');
  });

  test('names cannot send escape sequences to the terminal', () => {
    const { file } = scenarioFile(() => `${header}export default defineScenario({
  title: "T\\u001b]52;c;ZWNobyBoaQ==\\u0007\\u001b[2J",
  *main() { yield py(1); },
});`);
    const { status, stdout } = gilsim('run', file);
    expect(status).toBe(0);
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(stdout).toContain('T\\u001b]52;c;ZWNobyBoaQ==\\u0007\\u001b[2J');
  });
});
