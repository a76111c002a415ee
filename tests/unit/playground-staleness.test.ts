import { describe, expect, test } from 'vitest';
import { staleNotice, type RunInputs } from '../../src/playground/staleness';

const ran: RunInputs = { code: 'code', controls: { cpus: 2 }, compare: '' };

describe('stale results', () => {
  test('a result made from what is on show is current', () => {
    expect(staleNotice(ran, { ...ran, controls: { cpus: 2 } }, false)).toBeUndefined();
  });

  test('an edit, new settings or another compare set make it out of date, with a visible reason', () => {
    expect(staleNotice(ran, { ...ran, code: 'code2' }, false)).toBe('Out of date: the code changed since this ran. Run to update.');
    expect(staleNotice(ran, { ...ran, controls: { cpus: 4 } }, false)).toBe('Out of date: the settings changed since this ran. Run to update.');
    expect(staleNotice(ran, { ...ran, compare: '[["cpython-2.7","2"]]' }, false)).toMatch(/settings changed/);
    expect(staleNotice(ran, { code: 'other', controls: {}, compare: '' }, false)).toMatch(/code and settings changed/);
  });

  test('the published result is out of date as soon as the code on show differs from the original', () => {
    expect(staleNotice({ code: 'original', controls: {}, compare: '' }, { code: 'mine', controls: {}, compare: '' }, true)).toMatch(/^Out of date: this is the published result/);
  });

  test('changing the code back makes it current again', () => {
    expect(staleNotice(ran, { ...ran }, false)).toBeUndefined();
  });
});
