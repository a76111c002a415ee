/**
 * One collection: the chapters, read from top-level `content/<slug>/index.mdx`.
 * Scenario files (`content/<slug>/<name>.ts`) sit beside them and are not entries.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { chapterSchema } from './site/chapter-schema';

const chapters = defineCollection({
  loader: glob({
    pattern: '**/index.mdx',
    base: './content',
    // The chapter's folder is its slug: "two-cpus/index.mdx" → "two-cpus".
    generateId: ({ entry }) => entry.replace(/\/index\.mdx$/, ''),
  }),
  // Fields are documented in chapter-schema.ts (title, description, order, sidebarLabel).
  schema: chapterSchema,
});

export const collections = { chapters };
