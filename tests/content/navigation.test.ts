import { describe, expect, test } from 'vitest';
import { neighbours, normalizeBase, readingPath, withBase } from '../../src/site/navigation';
import { siteLink } from '../../src/site/site-links';

const chapters = [
  { slug: 'two-cpus', title: 'Two CPUs, one GIL', order: 3 },
  { slug: 'the-thread', title: 'The thread', sidebarLabel: 'The 2002 thread', order: 1 },
  { slug: 'os-threads', title: 'OS threads, not its own scheduler', sidebarLabel: 'OS threads', order: 2 },
];

describe('reading path', () => {
  test('chapters in order; the first is the home page; labels prefer sidebarLabel', () => {
    expect(readingPath(chapters, '/')).toEqual([
      { slug: 'the-thread', label: 'The 2002 thread', href: '/', order: 1 },
      { slug: 'os-threads', label: 'OS threads', href: '/os-threads/', order: 2 },
      { slug: 'two-cpus', label: 'Two CPUs, one GIL', href: '/two-cpus/', order: 3 },
    ]);
  });

  test('every URL sits under the base path', () => {
    expect(readingPath(chapters, '/gil-lab').map((item) => item.href)).toEqual(['/gil-lab/', '/gil-lab/os-threads/', '/gil-lab/two-cpus/']);
  });

  test('two chapters with one order is an error naming both', () => {
    expect(() => readingPath([...chapters, { slug: 'dup', title: 'Dup', order: 2 }], '/')).toThrow(/"os-threads" and "dup" both have order 2|"dup" and "os-threads" both have order 2/);
  });

  test('previous and next follow the order', () => {
    const path = readingPath(chapters, '/');
    expect(neighbours(path, 'the-thread')).toEqual({ previous: undefined, next: path[1] });
    expect(neighbours(path, 'two-cpus')).toEqual({ previous: path[1], next: undefined });
    expect(neighbours(path, 'missing')).toEqual({});
  });
});

describe('base paths', () => {
  test.each([['/', '/'], ['', '/'], ['/gil-lab', '/gil-lab/'], ['gil-lab/', '/gil-lab/'], ['/a/b/', '/a/b/']])('normalizeBase(%j) = %j', (base, expected) => {
    expect(normalizeBase(base)).toBe(expected);
  });

  test('withBase joins without doubling slashes', () => {
    expect(withBase('/favicon.svg', '/gil-lab/')).toBe('/gil-lab/favicon.svg');
    expect(withBase('', '/')).toBe('/');
  });

  test('chapter links resolve under the base from any page', () => {
    expect(siteLink('../two-cpus/', '/gil-lab/')).toBe('/gil-lab/two-cpus/');
    expect(siteLink('../os-threads/#the-new-gil', '/')).toBe('/os-threads/#the-new-gil');
    expect(siteLink('../', '/gil-lab/')).toBe('/gil-lab/');
    expect(siteLink('/api/', '/gil-lab/')).toBe('/gil-lab/api/');
    expect(siteLink('/gil-lab/api/', '/gil-lab/')).toBe('/gil-lab/api/');
    expect(siteLink('#local', '/gil-lab/')).toBe('#local');
    expect(siteLink('https://bugs.python.org/issue7946', '/gil-lab/')).toBe('https://bugs.python.org/issue7946');
    expect(siteLink('//cdn.example/x', '/')).toBe('//cdn.example/x');
  });
});
