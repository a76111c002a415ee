/**
 * Build-time side of `<Scenario>`: find a scenario file under content/ by id
 * ("two-cpus/gil-battle" → content/two-cpus/gil-battle.ts), read its source, and
 * run it (once per variant) on the simulator. Runs are deterministic, so every
 * build renders the same result.
 */
import type { Scenario } from 'gilsim';
import type { LabelledRun } from '../timeline';
import { runFigure, type KnobValueMap, type ScenarioVariant } from './figure/figure-runs';

export type { ScenarioVariant };

const modules = import.meta.glob<{ default?: unknown }>('/content/**/*.ts', { eager: true });
const sources = import.meta.glob<string>('/content/**/*.ts', { eager: true, query: '?raw', import: 'default' });

const pathOf = (id: string) => `/content/${id}.ts`;

/** The id of a scenario file path ("/content/a/b.ts" → "a/b"). */
export function scenarioIdOf(path: string): string {
  return path.replace(/^\/content\//, '').replace(/\.ts$/, '');
}

function isScenario(value: unknown): value is Scenario {
  return typeof value === 'object' && value !== null && (value as Scenario).kind === 'gilsim-scenario';
}

/** The scenario and its source text; throws a message naming the id when it is missing or malformed. */
export function loadScenario(id: string): { scenario: Scenario; source: string } {
  const module = modules[pathOf(id)];
  if (!module) {
    const known = Object.keys(modules).map(scenarioIdOf).join(', ');
    throw new Error(`<Scenario id="${id}">: no file content/${id}.ts (scenarios: ${known})`);
  }
  if (!isScenario(module.default)) {
    throw new Error(`<Scenario id="${id}">: content/${id}.ts must \`export default defineScenario({...})\``);
  }
  return { scenario: module.default, source: sources[pathOf(id)] ?? '' };
}

/**
 * Run the scenario as written, or once per variant, with the knobs at `knobs` (their
 * defaults when left out). A failing run stops the build with the id and message.
 */
export function runVariants(id: string, scenario: Scenario, variants?: readonly ScenarioVariant[], knobs: KnobValueMap = {}): LabelledRun[] {
  const runs = variants && variants.length > 0 ? variants : [undefined];
  return runs.map((variant) => {
    try {
      return runFigure(scenario, variant ? [variant] : undefined, knobs)[0];
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`Scenario "${id}"${variant?.label ? ` (variant "${variant.label}")` : ''} failed at build time: ${message}`);
    }
  });
}
