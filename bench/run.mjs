#!/usr/bin/env node
/**
 * `npm run bench`: simulator throughput on the phenomenon scenarios, the 10^8-bytecode
 * old-GIL run through the CLI (time and peak memory of the whole process), and the
 * playground's browser timings when a build and Chromium are available.
 * Figures only: nothing here fails on a slow machine.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importBundled } from '../src/cli/bundle.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

async function simulatorFigures() {
  const { benchSimulator } = await importBundled(join(root, 'bench/sim.ts'));
  console.log('\nSimulator throughput (best of 3, after a warm-up run)');
  console.log('scenario'.padEnd(56), 'events'.padStart(9), 'real ms'.padStart(9), 'events/s'.padStart(11), 'sim/real'.padStart(9));
  for (const row of benchSimulator()) {
    console.log(row.name.padEnd(56), String(row.events).padStart(9), row.wallMs.toFixed(1).padStart(9),
      Math.round(row.eventsPerSecond).toLocaleString('en-US').padStart(11), row.simPerReal.toFixed(2).padStart(9));
  }
}

function cliFigures() {
  const runs = [];
  for (let index = 0; index < 3; index++) {
    const started = process.hrtime.bigint();
    const child = spawnSync(process.execPath, [join(root, 'bin/gilsim.mjs'), 'run', join(root, 'bench/scenarios/old-gil-1e8.ts'), '--json'], {
      env: { ...process.env, GILSIM_REPORT_RUSAGE: '1' }, encoding: 'utf8',
    });
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (child.status !== 0) throw new Error(`gilsim failed: ${child.stderr}`);
    const rss = /maxRSS=(\d+)/.exec(child.stderr);
    const metrics = JSON.parse(child.stdout);
    runs.push({ elapsedMs, maxRssMb: rss ? Number(rss[1]) / 1024 : NaN, metrics });
  }
  const best = runs.reduce((a, b) => (a.elapsedMs < b.elapsedMs ? a : b));
  console.log('\n10^8 bytecodes, old GIL, 2 threads on 2 CPUs, through `gilsim run --json` (whole process, best of 3)');
  console.log(`  real time ${best.elapsedMs.toFixed(0)} ms, peak RSS ${best.maxRssMb.toFixed(0)} MB; simulated ${best.metrics.wallMs.toFixed(1)} ms, ${best.metrics.simEvents} events, ${best.metrics.failedAcquires} failed acquisitions, ${best.metrics.gilHandoffs} hand-offs`);
}

function playgroundFigures() {
  const script = join(root, 'bench/playground.mjs');
  if (!existsSync(script)) return;
  if (!existsSync(join(root, 'dist/index.html')) || !existsSync('/usr/bin/chromium')) {
    console.log('\nPlayground timings skipped: needs `npm run build` and /usr/bin/chromium');
    return;
  }
  spawnSync(process.execPath, [script], { stdio: 'inherit' });
}

console.log(`node ${process.version}, ${new Date().toISOString()}`);
await simulatorFigures();
cliFigures();
playgroundFigures();
