import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { chapterSchema } from '../../src/site/chapter-schema';
import { chapterFiles, contentDir, scenarioIdsIn } from './content-files';

const chapters = chapterFiles();

describe('chapters under content/', () => {
  test('there is at least one chapter', () => {
    expect(chapters.length).toBeGreaterThan(0);
  });

  test.each(chapters.map((chapter) => [chapter.slug, chapter] as const))('%s has valid frontmatter', (_slug, chapter) => {
    expect(chapter.frontmatterError).toBeUndefined();
    const parsed = chapterSchema.safeParse(chapter.frontmatter);
    expect(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([]);
  });

  test('every chapter has its own order, and the reading path starts at 1', () => {
    const orders = chapters.map((chapter) => (chapter.frontmatter as { order?: number } | undefined)?.order).filter((order) => order !== undefined);
    const duplicates = orders.filter((order, index) => orders.indexOf(order) !== index);
    expect(duplicates).toEqual([]);
    expect(Math.min(...orders.map(Number))).toBe(1);
  });

  test.each(chapters.map((chapter) => [chapter.slug, chapter] as const))('every <Scenario id> in %s names a scenario file', (_slug, chapter) => {
    const missing = scenarioIdsIn(chapter.body).filter((id) => !existsSync(join(contentDir, `${id}.ts`)));
    expect(missing).toEqual([]);
  });
});

describe('scenarioIdsIn', () => {
  test('finds ids in single- and multi-line tags, with either quote', () => {
    expect(scenarioIdsIn(`<Scenario id="a/b" />\n<Scenario\n  title="x"\n  id='c/d'\n/>`)).toEqual(['a/b', 'c/d']);
  });
});
