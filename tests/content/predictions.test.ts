/**
 * Predict, then reveal, in the chapters: each question chapter named below asks for a
 * guess before the figure that answers it (`<Predict id>` wraps `<Scenario id>` of the
 * same id), and every question in src/page-data/predictions.ts is asked somewhere.
 */
import { describe, expect, test } from 'vitest';
import { predictionIds } from '../../src/page-data/predictions';
import { chapterFiles, scenarioIdsIn } from './content-files';

const chapters = chapterFiles();

/** Each `<Predict id="…">…</Predict>` of an MDX body: its id and what it wraps. */
function predictBlocks(mdx: string): { id: string; body: string }[] {
  return [...mdx.matchAll(/<Predict\b[^>]*?\bid=["']([^"']+)["'][^>]*>([\s\S]*?)<\/Predict>/g)].map((match) => ({ id: match[1], body: match[2] }));
}

describe('predict, then reveal', () => {
  test.each(['two-cpus', 'when-a-thread-blocks', 'is-my-code-thread-safe', 'removing-the-gil'])('%s asks for a guess around the figure that answers it', (slug) => {
    const chapter = chapters.find((candidate) => candidate.slug === slug);
    expect(chapter, `content/${slug}/index.mdx`).toBeDefined();
    const blocks = predictBlocks(chapter!.body);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      // The answering figure sits inside the block, so the question comes first and Reveal shows it.
      expect(scenarioIdsIn(block.body)).toEqual([block.id]);
      expect(predictionIds).toContain(block.id);
    }
  });

  test('every question is asked in a chapter', () => {
    const asked = chapters.flatMap((chapter) => predictBlocks(chapter.body).map((block) => block.id));
    expect([...predictionIds].sort()).toEqual([...new Set(asked)].sort());
  });

  test('predictBlocks finds a block and what it wraps', () => {
    expect(predictBlocks('<Predict id="a/b">\n\n<Scenario id="a/b" />\n\n</Predict>')).toEqual([{ id: 'a/b', body: '\n\n<Scenario id="a/b" />\n\n' }]);
  });
});
