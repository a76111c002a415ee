#!/usr/bin/env node
/**
 * `npm run bench`: simulator throughput on the phenomenon scenarios and the thread
 * pool (each in a process of its own, for its peak memory), the two big runs
 * through the CLI (time, events per second and peak memory of the whole process),
 * and, when a build and Chromium are available, the playground's browser timings and
 * the chapter knobs' knob → redrawn figure latency and runtime size (bench/knobs.mjs).
 * Figures only: nothing here fails on a slow machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleForNode } from '../src/cli/bundle.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'gilsim-bench-'));

const mb = (kilobytes) => (kilobytes / 1024).toFixed(0);
const perSecond = (events, ms) => Math.round(events / (ms / 1000)).toLocaleString('en-US');

async function simulatorFigures() {
  const out = join(dir, 'sim-bench.mjs');
  await bundleForNode(join(root, 'bench/sim.ts'), out);
  const { cases } = await import(pathToFileURL(out).href);
  console.log('\nSimulator throughput (best of 3 after a warm-up run; each case in its own process)');
  console.log('scenario'.padEnd(56), 'events'.padStart(9), 'real ms'.padStart(9), 'events/s'.padStart(11), 'sim/real'.padStart(9), 'peak MB'.padStart(8));
  for (let index = 0; index < cases.length; index++) {
    const script = `const { benchCase } = await import(${JSON.stringify(pathToFileURL(out).href)});
console.log(JSON.stringify({ ...benchCase(${index}), maxRssKb: process.resourceUsage().maxRSS }));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`bench case "${cases[index].name}" failed: ${child.stderr}`);
    const row = JSON.parse(child.stdout);
    console.log(row.name.padEnd(56), String(row.events).padStart(9), row.wallMs.toFixed(1).padStart(9),
      perSecond(row.events, row.wallMs).padStart(11), row.simPerReal.toFixed(2).padStart(9), mb(row.maxRssKb).padStart(8));
  }
}

/**
 * Big runs through `gilsim run`: the whole process, bundling and start-up included;
 * `--json` (metrics only), and for the pool also the text report (metrics table and
 * timeline of 10,000 threads), which reads every interval.
 */
const cliRuns = [
  { file: 'bench/scenarios/old-gil-1e8.ts', title: '10^8 bytecodes, old GIL, 2 threads on 2 CPUs', text: false },
  { file: 'bench/scenarios/thread-pool.ts', title: 'thread pool: 10,000 threads x 20 rounds of py(20000) + io(1), 8 CPUs, 3.12', text: true },
];

/**
 * Best of 3 of `gilsim run file [--json]`: real time and the peak RSS of the CLI and its
 * scenario process together. `viaNpx`: started as a reader starts it, `npx gilsim run`
 * (npx itself takes a few hundred ms).
 */
function bestCliRun(file, json, viaNpx = false) {
  const runs = [];
  const command = viaNpx ? ['npx', ['gilsim']] : [process.execPath, [join(root, 'bin/gilsim.mjs')]];
  for (let index = 0; index < 3; index++) {
    const started = process.hrtime.bigint();
    const child = spawnSync(command[0], [...command[1], 'run', join(root, file), ...(json ? ['--json'] : [])], {
      cwd: root, env: { ...process.env, GILSIM_REPORT_RUSAGE: '1' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
    });
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (child.status !== 0) throw new Error(`gilsim failed on ${file}: ${child.stderr}`);
    const rss = /maxRSS=(\d+)/.exec(child.stderr);
    runs.push({ elapsedMs, maxRssKb: rss ? Number(rss[1]) : NaN, stdout: child.stdout });
  }
  return runs.reduce((a, b) => (a.elapsedMs < b.elapsedMs ? a : b));
}

function cliFigures() {
  console.log('\nThrough `gilsim run` (whole process, best of 3)');
  for (const { file, title, text } of cliRuns) {
    const best = bestCliRun(file, true);
    const metrics = JSON.parse(best.stdout);
    console.log(`${title}\n  --json: real time ${best.elapsedMs.toFixed(0)} ms, ${perSecond(metrics.simEvents, best.elapsedMs)} events/s, peak RSS ${mb(best.maxRssKb)} MB; `
      + `simulated ${metrics.wallMs.toFixed(1)} ms, ${metrics.simEvents} events, ${metrics.failedAcquires} failed acquisitions, ${metrics.gilHandoffs} hand-offs`);
    if (text) {
      const report = bestCliRun(file, false);
      console.log(`  text report: real time ${report.elapsedMs.toFixed(0)} ms, peak RSS ${mb(report.maxRssKb)} MB, ${report.stdout.split('\n').length} lines`);
      const npx = bestCliRun(file, false, true);
      console.log(`  text report through \`npx gilsim run\`: real time ${npx.elapsedMs.toFixed(0)} ms`);
    }
  }
}

/** A browser bench against the build (bench/playground.mjs, bench/knobs.mjs), when there is one. */
function browserFigures(file, what) {
  const script = join(root, file);
  if (!existsSync(script)) return;
  if (!existsSync(join(root, 'dist/index.html')) || !existsSync('/usr/bin/chromium')) {
    console.log(`\n${what} skipped: needs \`npm run build\` and /usr/bin/chromium`);
    return;
  }
  spawnSync(process.execPath, [script], { stdio: 'inherit' });
}

try {
  console.log(`node ${process.version}, ${new Date().toISOString()}`);
  await simulatorFigures();
  cliFigures();
  browserFigures('bench/playground.mjs', 'Playground timings');
  browserFigures('bench/knobs.mjs', 'Knob timings');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
