/**
 * The chapters' knobs (issue 10, item 1): every question chapter has a figure with
 * knobs, every number in the prose names a knob of a figure on its page, every knob
 * runs at both ends of its range, and turning each one shows what the chapter says.
 */
import { describe, expect, test } from 'vitest';
import { runScenario, type Knob, type RunOptions, type Scenario } from 'gilsim';
import { loadScenario } from '../../src/components/scenario-runs';
import { runFigure } from '../../src/components/figure/figure-runs';
import { chapterFiles } from './content-files';

const questionChapters = ['the-thread', 'os-threads', 'two-cpus', 'when-a-thread-blocks', 'removing-the-gil'];
const chapters = chapterFiles();
const modules = import.meta.glob<{ default?: Scenario }>('/content/**/*.ts', { eager: true });
const withKnobs = Object.entries(modules).filter(([, module]) => module.default?.knobs && Object.keys(module.default.knobs).length > 0);

/** `<Scenario ...>` tags of a chapter, with their id and whether they turned knobs off. */
function scenarioTags(body: string): { id: string; knobsOff: boolean }[] {
  return [...body.matchAll(/<Scenario\b([\s\S]*?)\/>/g)].map((match) => ({
    id: /\bid=["']([^"']+)["']/.exec(match[1])?.[1] ?? '',
    knobsOff: /\bknobs=\{false\}/.test(match[1]),
  }));
}

describe('chapters', () => {
  test.each(questionChapters)('%s has a figure with knobs', (slug) => {
    const chapter = chapters.find((candidate) => candidate.slug === slug);
    expect(chapter, slug).toBeDefined();
    const knobbed = scenarioTags(chapter!.body).filter((tag) => !tag.knobsOff && Object.keys(loadScenario(tag.id).scenario.knobs ?? {}).length > 0);
    expect(knobbed.length).toBeGreaterThan(0);
  });

  test.each(chapters.map((chapter) => [chapter.slug, chapter] as const))('every <KnobValue> in %s names a knob of a figure on the page', (_slug, chapter) => {
    const ids = new Set(scenarioTags(chapter.body).map((tag) => tag.id));
    const wrong = [...chapter.body.matchAll(/<KnobValue\b([\s\S]*?)\/>/g)].flatMap((match) => {
      const figure = /\bfigure=["']([^"']+)["']/.exec(match[1])?.[1] ?? '';
      const knob = /\bknob=["']([^"']+)["']/.exec(match[1])?.[1] ?? '';
      return ids.has(figure) && loadScenario(figure).scenario.knobs?.[knob] ? [] : [`${figure} ${knob}`];
    });
    expect(wrong).toEqual([]);
  });
});

describe('every knob runs at both ends of its range', () => {
  const cases = withKnobs.flatMap(([path, module]) => Object.entries(module.default!.knobs as Record<string, Knob>).flatMap(([name, spec]) => {
    const values = spec.kind === 'number' ? [spec.min, spec.max] : Object.keys(spec.choices);
    return values.map((value) => [`${path} ${name}=${value}`, module.default!, { [name]: value }] as const);
  }));
  test.each(cases)('%s', (_name, scenario, knobs) => {
    const result = runScenario(scenario, { knobs, maxEvents: 2_000_000 });
    expect(result.metrics.wallMs).toBeGreaterThan(0);
  });
});

/** Wall time of run `index` of a figure's runs. */
const wall = (id: string, knobs: RunOptions['knobs'], variants?: Parameters<typeof runFigure>[1], index = 0) =>
  runFigure(loadScenario(id).scenario, variants, knobs)[index].result.metrics.wallMs;
const threadWait = (id: string, knobs: RunOptions['knobs'], runtime: RunOptions['runtime'], thread: string) =>
  runFigure(loadScenario(id).scenario, [{ label: '', runtime }], knobs)[0].result.metrics.threads.find((entry) => entry.name === thread)!.gilWaitMs;

describe('turning a knob shows what its chapter says', () => {
  test('the GIL battle: under 2.7 a second CPU makes the threads slower; under 3.12 it does not', () => {
    expect(wall('two-cpus/gil-battle', { cpus: 2 })).toBeGreaterThan(1.3 * wall('two-cpus/gil-battle', { cpus: 1 }));
    expect(wall('two-cpus/gil-battle', { cpus: 2, runtime: 'cpython-3.12' })).toBeLessThan(1.1 * wall('two-cpus/gil-battle', { cpus: 1, runtime: 'cpython-3.12' }));
  });

  test('the GIL battle: a longer check interval means fewer offers, so less battle', () => {
    expect(wall('two-cpus/gil-battle', { checkInterval: 1000 })).toBeLessThan(wall('two-cpus/gil-battle', { checkInterval: 100 }));
  });

  test("2002: giving David Brown's machine its second CPU makes the same work slower", () => {
    expect(wall('the-thread/python-2002', { cpus: 2 })).toBeGreaterThan(1.3 * wall('the-thread/python-2002', { cpus: 1 }));
  });

  test('switch interval: a shorter interval means more hand-offs', () => {
    const handoffs = (interval: number) => runFigure(loadScenario('os-threads/switch-interval').scenario, undefined, { interval })[0].result.metrics.gilHandoffs;
    expect(handoffs(0.5)).toBeGreaterThan(2 * handoffs(5));
  });

  test('the convoy: the I/O thread beside the hog waits about an interval per read, whatever the read', () => {
    const wait = (interval: number, readMs: number) => threadWait('when-a-thread-blocks/convoy', { interval, readMs }, 'cpython-3.12', 'io (beside hog)');
    expect(wait(10, 0.1)).toBeGreaterThan(3 * wait(2, 0.1));
    expect(wait(5, 2) / wait(5, 0.1)).toBeGreaterThan(0.5);
    expect(wait(5, 2) / wait(5, 0.1)).toBeLessThan(2);
    // The old GIL has no such penalty.
    expect(threadWait('when-a-thread-blocks/convoy', { interval: 5, readMs: 0.1 }, 'cpython-2.7', 'io (beside hog)')).toBeLessThan(wait(5, 0.1) / 10);
  });

  test('processes: with small jobs the start-up outweighs the gain; with big ones two processes win', () => {
    const variants = [{ label: 'sequential', knobs: { how: 'sequential' } }, { label: 'processes' }];
    const ratio = (work: number, startMethod: string) =>
      wall('two-cpus/processes', { work, startMethod }, variants, 1) / wall('two-cpus/processes', { work, startMethod }, variants, 0);
    expect(ratio(10_000_000, 'fork')).toBeLessThan(0.8);
    expect(ratio(100_000, 'spawn')).toBeGreaterThan(1);
  });

  test('free-threaded break-even: on 4 CPUs, 3.14t gains from more threads up to the CPUs, not beyond', () => {
    const freeThreaded = [{ label: '', runtime: 'cpython-3.14t' as const, cpus: 4 }];
    const at = (threads: number) => wall('removing-the-gil/break-even', { threads }, freeThreaded);
    expect(at(4)).toBeLessThan(at(1) / 2);
    expect(at(8)).toBeGreaterThan(at(4) * 0.9);
  });
});
