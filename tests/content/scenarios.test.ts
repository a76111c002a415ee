import { relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runScenario, type Scenario } from 'gilsim';
import { contentDir, filesUnder } from './content-files';

/** The step budget each embedded scenario must finish within (the build runs them all). */
const maxEvents = 2_000_000;

const scenarioFiles = filesUnder(contentDir, '.ts').map((path) => [relative(contentDir, path).replace(/\.ts$/, ''), path] as const);

describe('scenario files under content/', () => {
  test.each(scenarioFiles)('%s default-exports a scenario that runs within the step budget', async (_id, path) => {
    const module = (await import(path)) as { default?: Scenario };
    expect(module.default?.kind, 'default export must be defineScenario({...})').toBe('gilsim-scenario');
    const result = runScenario(module.default!, { maxEvents });
    expect(result.metrics.wallMs).toBeGreaterThan(0);
    expect(result.trace.threads.length).toBeGreaterThan(0);
  });
});
