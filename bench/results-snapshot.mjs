#!/usr/bin/env node
/**
 * Before/after check for engine work: run every scenario file (content/,
 * calibration/scenarios/, bench/scenarios/) under its own settings and a matrix of
 * overrides, and hash each full result (trace and metrics, or the error message).
 *
 *   node bench/results-snapshot.mjs record <file.json>    write the hashes
 *   node bench/results-snapshot.mjs compare <file.json>   fail on any difference
 *   … compare <file.json> --ignore-gil-causes            the same, with the GIL events' causes
 *                                                        (cause, other, acquire/release) left out,
 *                                                        to compare with a snapshot made before them
 *
 * A speed-up must not change a single byte of any result: the simulator is
 * deterministic and readers compare its figures across versions.
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const [mode, snapshotFile, ...flags] = process.argv.slice(2);
const ignoreGilCauses = flags.includes('--ignore-gil-causes');
if (!['record', 'compare'].includes(mode) || !snapshotFile) {
  console.error('usage: node bench/results-snapshot.mjs record|compare <file.json> [--ignore-gil-causes]');
  process.exit(2);
}

function tsFilesUnder(dir) {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFilesUnder(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const files = ['content', 'calibration/scenarios', 'bench/scenarios'].flatMap((dir) => tsFilesUnder(join(root, dir)));
/** Overrides each scenario is also run under (besides its own settings); the big bench runs only under their own. */
const matrix = [
  {}, { cpus: 1 }, { cpus: 4 }, { runtime: 'cpython-2.7' }, { runtime: 'cpython-2.7', machine: 'macbook-2009' },
  { runtime: 'cpython-3.12', cpus: 2 }, { runtime: 'cpython-3.14t' }, { seed: 7 },
];

/**
 * The result as it was before GIL events carried causes: no cause or other thread
 * on an event, no acquire or release events. (A run that reaches the cap on kept
 * events still differs: the added events fill it sooner.)
 */
function withoutGilCauses(result) {
  const events = result.trace.events
    .filter((event) => event.kind !== 'acquire' && event.kind !== 'release')
    .map(({ cause, other, ...event }) => event);
  return { ...result, trace: { ...result.trace, events } };
}

const dir = mkdtempSync(join(tmpdir(), 'gilsim-snapshot-'));
try {
  const entry = `${files.map((file, index) => `import * as m${index} from ${JSON.stringify(file)};`).join('\n')}
export const modules = [${files.map((_, index) => `m${index}`).join(', ')}];
export { runScenario } from 'gilsim';`;
  const out = join(dir, 'snapshot.mjs');
  await build({
    stdin: { contents: entry, resolveDir: root, loader: 'js' }, bundle: true, format: 'esm', platform: 'node',
    outfile: out, alias: { gilsim: join(root, 'src/sim/index.ts') }, logLevel: 'warning',
  });
  const { modules, runScenario } = await import(out);
  const hashes = {};
  modules.forEach((module, index) => {
    const name = relative(root, files[index]);
    for (const [exported, scenario] of Object.entries(module)) {
      if (scenario?.kind !== 'gilsim-scenario') continue;
      const variants = name.startsWith('bench/') ? [{}] : matrix;
      for (const options of variants) {
        let text;
        try {
          const result = runScenario(scenario, options);
          text = JSON.stringify(ignoreGilCauses ? withoutGilCauses(result) : result);
        } catch (error) {
          text = `error: ${error.message}`;
        }
        hashes[`${name}#${exported} ${JSON.stringify(options)}`] = createHash('sha256').update(text).digest('hex');
      }
    }
  });
  if (mode === 'record') {
    writeFileSync(snapshotFile, `${JSON.stringify(hashes, null, 1)}\n`);
    console.log(`recorded ${Object.keys(hashes).length} results in ${snapshotFile}`);
  } else {
    const before = JSON.parse(readFileSync(snapshotFile, 'utf8'));
    const keys = new Set([...Object.keys(before), ...Object.keys(hashes)]);
    const changed = [...keys].filter((key) => before[key] !== hashes[key]);
    for (const key of changed) console.log(`differs: ${key}`);
    console.log(`${keys.size - changed.length} of ${keys.size} results identical`);
    if (changed.length) process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
