#!/usr/bin/env node
// `npm run calibrate`: bundle the TypeScript driver (scripts/calibrate/run.ts) as the CLI
// bundles scenarios (src/cli/bundle.ts: "gilsim" is the simulator's source) and run it.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importBundled } from '../src/cli/bundle.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { main } = await importBundled(join(root, 'scripts/calibrate/run.ts'));
process.chdir(root);
try {
  await main(process.argv.slice(2));
} catch (error) {
  console.error(`calibrate: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
