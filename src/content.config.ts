/**
 * One collection: the chapters, read from top-level `content/<slug>/index.mdx`.
 * Scenario files (`content/<slug>/<name>.ts`) sit beside them and are not entries.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const chapters = defineCollection({
  loader: glob({
    pattern: '**/index.mdx',
    base: './content',
    // The chapter's folder is its slug: "two-cpus/index.mdx" → "two-cpus".
    generateId: ({ entry }) => entry.replace(/\/index\.mdx$/, ''),
  }),
  schema: z.object({
    /** Page title: the heading and the browser tab. */
    title: z.string().min(1),
    /** One sentence for search results and the meta description. */
    description: z.string().min(1),
    /** Position in the reading path, from 1; chapter 1 is the home page. */
    order: z.number().int().positive(),
    /** Shorter title for the sidebar and previous/next links, when the title is long. */
    sidebarLabel: z.string().min(1).optional(),
  }),
});

export const collections = { chapters };
