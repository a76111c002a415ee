#!/usr/bin/env node
// @ts-check
// gilsim's launcher. The CLI is TypeScript (src/cli/main.ts), which Node runs as it is from
// 22.18 (type stripping). An older Node hands the command to the project's own Node (the
// `node` devDependency, which npx and npm scripts put first on the PATH).
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const projectNode = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));

if (process.features.typescript) {
  const { main } = await import('../src/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
} else if (process.execPath === projectNode) {
  process.stderr.write('gilsim: needs Node\'s type stripping, which is turned off here (--no-experimental-strip-types?)\n');
  process.exitCode = 2;
} else {
  const child = spawn(projectNode, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) process.on(signal, () => child.kill(signal));
  child.on('error', () => {
    process.stderr.write(`gilsim: needs Node 22.18 or newer, or the project's own (run \`npm ci\`); this is Node ${process.versions.node}\n`);
    process.exitCode = 2;
  });
  child.on('close', (code, signal) => (process.exitCode = code ?? 128 + (signal ? constants.signals[signal] : 0)));
}
