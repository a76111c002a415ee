/**
 * The one bundling helper (src/cli/bundle.ts) the CLI, the benchmark and the calibration
 * run share: "gilsim" is the simulator's source and `?raw` a file's text, as in Vite, for
 * the repository's code; a scenario file still reaches nothing but "gilsim".
 */
import { describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { runtimeNames } from 'gilsim';
import { bundleForSandbox, importBundled } from '../../src/cli/bundle';

const prelude = fileURLToPath(new URL('../../src/python-export/prelude.py', import.meta.url));
const entries = fileURLToPath(new URL('../../src/cli/sandboxed/', import.meta.url));

function tempFile(name: string, source: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gilsim-bundle-')), name);
  writeFileSync(file, source);
  return file;
}

describe('importBundled (the benchmark and the calibration run)', () => {
  test('a TypeScript entry gets the simulator as "gilsim" and a file\'s text through ?raw', async () => {
    const entry = tempFile('entry.ts', `import { runtimeNames } from 'gilsim';
import text from ${JSON.stringify(`${prelude}?raw`)};
export const names: readonly string[] = runtimeNames;
export const prelude: string = text;`);
    const bundled = await importBundled<{ names: string[]; prelude: string }>(entry);
    expect(bundled.names).toEqual([...runtimeNames]);
    expect(bundled.prelude).toBe(readFileSync(prelude, 'utf8'));
  });
});

describe('bundleForSandbox (the CLI)', () => {
  test('the export entry carries the prelude\'s text into the script the scenario process runs', async () => {
    const scenario = tempFile('scenario.ts', 'import { defineScenario, py } from "gilsim";\nexport default defineScenario({ *main() { yield py(1); } });');
    const bundle = await bundleForSandbox(join(entries, 'export.ts'), { scale: 1 }, scenario);
    expect(bundle.ok).toBe(true);
    if (!bundle.ok) return;
    // A bare context, as in the scenario process.
    const context = vm.createContext({});
    vm.runInContext(bundle.code, context);
    expect(context.gilsimOutput).toContain(readFileSync(prelude, 'utf8').trim());
  });

  test('a scenario cannot read a file through ?raw: only "gilsim" imports', async () => {
    const secret = tempFile('secret.txt', 'not for the scenario');
    const scenario = tempFile('scenario.ts', `import text from ${JSON.stringify(`${secret}?raw`)};
import { defineScenario, py } from "gilsim";
export default defineScenario({ title: text, *main() { yield py(1); } });`);
    const bundle = await bundleForSandbox(join(entries, 'run.ts'), { options: {}, json: false }, scenario);
    expect(bundle).toEqual({
      ok: false,
      messages: [expect.stringMatching(/scenario\.ts:1:\d+: error: Only "gilsim" can be imported in a scenario, not ".*secret\.txt\?raw"/)],
    });
  });
});
