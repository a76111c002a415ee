#!/usr/bin/env node
// `npm run calibrate`: bundle the TypeScript driver (scripts/calibrate/run.ts) with
// esbuild, resolving "gilsim" to the simulator's source, and run it.
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = join(mkdtempSync(join(tmpdir(), 'gil-lab-calibrate-bundle-')), 'calibrate.mjs');
await build({
  entryPoints: [join(root, 'scripts/calibrate/run.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile,
  alias: { gilsim: join(root, 'src/sim/index.ts') },
  logLevel: 'warning',
});
const { main } = await import(pathToFileURL(outfile).href);
process.chdir(root);
try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(`calibrate: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
