/**
 * The chapter "Is my code thread-safe?": where it sits, what its figures show, and
 * that its table of real CPython results agrees with the measurement it cites
 * (`m-races` in docs/sources.md) and with the simulator.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { runScenario, type RuntimeName, type Scenario } from 'gilsim';
import { readingPath } from '../../src/site/navigation';
import { chapterFiles } from './content-files';
import plusEquals from '../../content/is-my-code-thread-safe/plus-equals';
import throughACall from '../../content/is-my-code-thread-safe/through-a-call';
import withALock from '../../content/is-my-code-thread-safe/with-a-lock';
import oneOwner from '../../content/is-my-code-thread-safe/one-owner';
import countThenCombine from '../../content/is-my-code-thread-safe/count-then-combine';

const slug = 'is-my-code-thread-safe';
const chapters = chapterFiles();
const chapter = chapters.find((candidate) => candidate.slug === slug)!;
const sources = readFileSync(new URL('../../docs/sources.md', import.meta.url), 'utf8');

const lost = (scenario: Scenario, runtime: RuntimeName) => runScenario(scenario, { runtime }).shared.reduce((sum, variable) => sum + variable.lost, 0);

describe('the chapter', () => {
  test('comes right after "When a thread blocks" in the reading path and the home page lists it', () => {
    const path = readingPath(chapters.map((file) => ({ slug: file.slug, ...(file.frontmatter as { title: string; order: number }) })), '/');
    const index = path.findIndex((item) => item.slug === slug);
    expect(path[index - 1].slug).toBe('when-a-thread-blocks');
    const home = chapters.find((file) => (file.frontmatter as { order: number }).order === 1)!;
    expect(home.body).toContain('(../is-my-code-thread-safe/)');
  });

  test('cites the 3.10 change, PEP 703, the FAQ and the measurement', () => {
    for (const link of ['https://github.com/python/cpython/pull/18334', 'https://peps.python.org/pep-0703/', '../sources/#m-races']) {
      expect(chapter.body).toContain(link);
    }
  });

  test('its table says nothing is lost inline exactly where the measurement found zeros', () => {
    const rows = [...chapter.body.matchAll(/^\| (\d\.\d+\.\d+) \| ([^|]+) \|/gm)].map(([, version, inline]) => [version, inline.trim()] as const);
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const [version, inline] of rows) {
      const measured = new RegExp(`^\\| ${version.replace(/\./g, '\\.')} \\| ([^|]+) \\|`, 'm').exec(sources)?.[1].trim();
      expect(measured, `${version} in m-races`).toBeDefined();
      expect(inline.startsWith('nothing lost'), version).toBe(/^0\b|^0 /.test(measured!));
    }
  });
});

describe('its figures', () => {
  test('counter += 1 loses updates on 2.7, 3.9 and free-threaded, none on 3.12', () => {
    for (const runtime of ['cpython-2.7', 'cpython-3.9', 'cpython-3.13t'] as const) expect(lost(plusEquals, runtime), runtime).toBeGreaterThan(0);
    expect(lost(plusEquals, 'cpython-3.12')).toBe(0);
  });

  test('counter = bump(counter) loses updates on 3.9, 3.11 and 3.12', () => {
    for (const runtime of ['cpython-3.9', 'cpython-3.11', 'cpython-3.12'] as const) expect(lost(throughACall, runtime), runtime).toBeGreaterThan(0);
  });

  test('every fix loses nothing on every runtime', () => {
    for (const scenario of [withALock, oneOwner, countThenCombine]) {
      for (const runtime of ['cpython-2.7', 'cpython-3.9', 'cpython-3.12', 'cpython-3.13t', 'cpython-3.14t'] as const) {
        const result = runScenario(scenario, { runtime });
        expect(result.shared.length, `${scenario.title} on ${runtime}`).toBeGreaterThan(0);
        expect(result.shared.every((variable) => variable.lost === 0 && variable.value === variable.expected), `${scenario.title} on ${runtime}`).toBe(true);
      }
    }
  });
});
