/** The frontmatter every chapter (content/<slug>/index.mdx) declares. */
import { z } from 'astro/zod';

export const chapterSchema = z.object({
  /** Page title: the heading and the browser tab. */
  title: z.string().min(1),
  /** One sentence for search results and the meta description. */
  description: z.string().min(1),
  /** Position in the reading path, from 1; the first chapter is the home page. */
  order: z.number().int().positive(),
  /** Shorter title for the sidebar and previous/next links, when the title is long. */
  sidebarLabel: z.string().min(1).optional(),
  /** The page's full-width blocks take the whole width beside the sidebar, with "On this page" above (the playground). */
  wide: z.boolean().optional(),
});

export type ChapterFrontmatter = z.infer<typeof chapterSchema>;
