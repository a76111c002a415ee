import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { readKnobValues, knob } from 'gilsim';
import { figureKey, readFigureParams, writeFigureParams } from '../../src/site/knob-url';

describe('knob values in the URL', () => {
  const defaults = { cpus: 2, runtime: 'cpython-2.7' };

  test("a figure's name is its scenario file's name", () => {
    expect(figureKey('two-cpus/gil-battle')).toBe('gil-battle');
  });

  test('only values off their default are written; other parameters and figures stay', () => {
    const search = writeFigureParams('?q=1&convoy.io=3&gil-battle.cpus=3', 'gil-battle', { cpus: 4, runtime: 'cpython-2.7' }, defaults);
    expect(search).toBe('?q=1&convoy.io=3&gil-battle.cpus=4');
    expect(writeFigureParams(search, 'gil-battle', defaults, defaults)).toBe('?q=1&convoy.io=3');
    expect(writeFigureParams('?gil-battle.cpus=4', 'gil-battle', defaults, defaults)).toBe('');
  });

  test("reading gives each of the figure's parameters as raw text, and nothing of other figures", () => {
    expect(readFigureParams('?gil-battle.cpus=4&gil-battle.runtime=cpython-3.12&convoy.io=3&gil-battle.=x', 'gil-battle'))
      .toEqual({ cpus: '4', runtime: 'cpython-3.12' });
  });

  test('a link naming __proto__ or constructor gets a message for each, and pollutes nothing', () => {
    const read = readFigureParams('?fig.__proto__=1&fig.constructor=x&fig.cpus=3', 'fig');
    expect(Object.keys(read)).toEqual(['__proto__', 'constructor', 'cpus']);
    const { values, problems } = readKnobValues({ cpus: knob.number({ label: 'CPUs', min: 1, max: 4, step: 1, default: 2 }) }, read);
    expect(values).toEqual({ cpus: 3 });
    expect(problems.join('\n')).toMatch(/"__proto__" is not a knob/);
    expect(problems.join('\n')).toMatch(/"constructor" is not a knob/);
    expect(({} as Record<string, unknown>).cpus).toBeUndefined();
  });

  test('what is written reads back the same', () => {
    fc.assert(fc.property(fc.dictionary(fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,8}$/), fc.oneof(fc.integer(), fc.string())), (values) => {
      const search = writeFigureParams('?other=1', 'fig', values, {});
      const read = readFigureParams(search, 'fig');
      expect(read).toEqual(Object.fromEntries(Object.entries(values).map(([name, value]) => [name, String(value)])));
      expect(new URLSearchParams(search).get('other')).toBe('1');
    }));
  });
});
