import { describe, expect, test } from 'vitest';
import { missingPython, pythonVerdict } from './export-helpers';

describe('the Pythons the export tests need', () => {
  test('a missing interpreter skips its tests off CI and fails them under CI', () => {
    const absent = '/nonexistent/.pyenv/versions/2.7.18/bin/python';
    expect(pythonVerdict(absent, false)).toBe('skip');
    expect(pythonVerdict(absent, true)).toBe('fail');
    expect(pythonVerdict('no-such-python-on-the-path', true)).toBe('fail');
    expect(pythonVerdict(process.execPath, true)).toBe('run'); // any interpreter that is there runs
  });

  test('the failure names the interpreter, where it was looked for, and how to install it', () => {
    expect(missingPython('2.7')).toMatch(/^Python 2\.7 is not installed \(looked for .*\.pyenv\/versions\/2\.7\.18\/bin\/python\).*pyenv install 2\.7\.18/);
    expect(missingPython('3.12')).toMatch(/pyenv install 3\.12\.1/);
    expect(missingPython('python3')).toMatch(/`python3` is on the PATH/);
  });
});
