/** The `gilsim` command line, run as a reader would run it. */
import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const battle = 'content/two-cpus/gil-battle.ts';

function gilsim(...args: string[]) {
  return launch(process.execPath, [], args);
}

/** bin/gilsim.mjs with `args`, run by the Node `node` with `nodeOptions`. */
function launch(node: string, nodeOptions: string[], args: string[]) {
  const child = spawnSync(node, [...nodeOptions, 'bin/gilsim.mjs', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('gilsim run', () => {
  test('prints the metrics table and a text timeline', () => {
    const { status, stdout } = gilsim('run', battle);
    expect(status).toBe(0);
    expect(stdout).toMatch(/cpython-2\.7 on 2 CPUs: wall time [\d.]+ ms/);
    expect(stdout).toMatch(/GIL hand-offs \d+, failed acquisitions \d+/);
    expect(stdout).toMatch(/^job-1 +\|[#. -]+\|$/m);
    expect(stdout).toContain('legend: # Python');
  });

  test('--json prints one JSON object with the documented fields; --cpus and --runtime override the file', () => {
    const { status, stdout } = gilsim('run', battle, '--json', '--cpus', '4', '--runtime', 'cpython-3.14t');
    expect(status).toBe(0);
    const metrics = JSON.parse(stdout);
    expect(metrics).toMatchObject({ runtime: 'cpython-3.14t', cpus: 4, gilHandoffs: 0, failedAcquires: 0 });
    expect(metrics.wallMs).toBeGreaterThan(0);
    for (const thread of metrics.threads) {
      expect(Object.keys(thread)).toEqual(expect.arrayContaining(['name', 'cpuMs', 'gilWaitMs', 'blockedMs']));
    }
  });

  test('the same file under the old and new GIL shows the battle only under the old one', () => {
    const old = JSON.parse(gilsim('run', battle, '--json').stdout);
    const modern = JSON.parse(gilsim('run', battle, '--json', '--runtime', 'cpython-3.12').stdout);
    expect(old.failedAcquires).toBeGreaterThan(100 * Math.max(1, modern.failedAcquires));
  });

  test.each([
    [['run', battle, '--cpus', '0'], /cpus must be a whole number from 1 to 64, got 0/],
    [['run', battle, '--runtime', 'cpython-9'], /unknown runtime "cpython-9"/],
    [['run', battle, '--cpus', 'two'], /--cpus needs a whole number/],
    [['run', 'no/such/file.ts'], /no such file/],
    [['run', 'tests/fixtures/cli/syntax-error.ts'], /syntax-error\.ts:4:16: error: Expected "\)" but found ";"/],
    [['run', 'tests/fixtures/cli/throws.ts'], /thread "main" raised: boom\n\s+at .*throws\.ts:5/],
    [['run', 'tests/fixtures/cli/bad-increment.ts'], /increment\(counter, \{ times \}\): times must be a whole number >= 0, got -3\n\s+at .*bad-increment\.ts:5/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('%j fails with a clear message and a non-zero exit', (args, message) => {
    const { status, stderr } = gilsim(...args);
    expect(status).not.toBe(0);
    expect(stderr).toMatch(message);
  });

  test('a thread that never yields is stopped by the timeout, not left hanging', () => {
    const started = Date.now();
    const { status, stderr } = gilsim('run', 'tests/fixtures/cli/never-yields.ts', '--timeout', '1');
    expect(status).toBe(3);
    expect(stderr).toMatch(/did not finish within 1 s .* loops without yielding/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe('gilsim export and runtimes', () => {
  test('export prints a Python program', () => {
    const { status, stdout } = gilsim('export', battle, '--scale', '0.01');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^#!\/usr\/bin\/env python3/);
    // The prelude as src/python-export/prelude.py has it: esbuild's bundle reads it as Vite does.
    expect(stdout).toContain(readFileSync(join(root, 'src/python-export/prelude.py'), 'utf8').trim());
  });

  test('export into a reader that stops early (| head) ends quietly, without a stack trace', () => {
    // The 10,000-thread pool's program is far longer than a pipe holds.
    const child = spawnSync('sh', ['-c', `"${process.execPath}" bin/gilsim.mjs export bench/scenarios/thread-pool.ts | head -n 1`], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(child.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(child.stderr).toBe('');
  });

  test('runtimes lists every preset', () => {
    const { status, stdout } = gilsim('runtimes');
    expect(status).toBe(0);
    for (const name of ['cpython-2.2', 'cpython-2.7', 'cpython-3.12', 'cpython-3.13t', 'cpython-3.14t']) expect(stdout).toContain(name);
  });
});

describe('the launcher, bin/gilsim.mjs', () => {
  /** The first `node` on the PATH outside the project (npx and npm scripts put the project's first), if it cannot strip types. */
  const systemNode = (() => {
    const path = (process.env.PATH ?? '').split(delimiter).filter((dir) => !dir.includes('node_modules')).join(delimiter);
    const probe = spawnSync('node', ['-p', 'process.execPath + " " + Boolean(process.features.typescript)'], { encoding: 'utf8', env: { PATH: path } });
    const [execPath, strips] = probe.status === 0 ? probe.stdout.trim().split(' ') : [];
    return strips === 'false' ? execPath : undefined;
  })();

  test.runIf(systemNode)('under a Node that cannot strip types, hands the command to the project\'s Node', () => {
    const { status, stdout } = launch(systemNode!, [], ['run', battle, '--json', '--cpus', '1']);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ cpus: 1 });
    const failing = launch(systemNode!, [], ['run', battle, '--cpus', '0']);
    expect(failing.status).toBe(1);
    expect(failing.stderr).toMatch(/cpus must be a whole number from 1 to 64, got 0/);
  });

  test('the project\'s Node with type stripping turned off says so', () => {
    const { status, stderr } = launch(process.execPath, ['--no-experimental-strip-types'], ['runtimes']);
    expect(status).toBe(2);
    expect(stderr).toContain("gilsim: needs Node's type stripping, which is turned off here");
  });
});

describe('npx gilsim', () => {
  test('is the launcher linked into node_modules/.bin by its workspace, so npx runs it without installing the project into its cache', () => {
    // A `bin` in the root package.json makes npx copy the whole project tree into ~/.npm/_npx first (≈0.4 s a call).
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).bin).toBeUndefined();
    expect(realpathSync(join(root, 'node_modules/.bin/gilsim'))).toBe(realpathSync(join(root, 'bin/gilsim.mjs')));
    const child = spawnSync('npx', ['gilsim', 'runtimes'], { cwd: join(root, 'src'), encoding: 'utf8', timeout: 60_000 });
    expect(child.status).toBe(0);
    expect(child.stdout).toContain('cpython-3.12');
  });
});
