/**
 * The reading path: chapters in `order`, their URLs, and base-path handling.
 * Every internal URL goes through `withBase`, so the site works at a domain root
 * and under a sub-path (BASE_PATH=/gil-lab/).
 */

/** What navigation needs to know about a chapter. */
export interface ChapterInfo {
  /** Folder name under content/. */
  slug: string;
  title: string;
  sidebarLabel?: string;
  order: number;
}

export interface NavItem {
  slug: string;
  label: string;
  href: string;
  order: number;
}

/** The base path with exactly one trailing slash ("/", "/gil-lab/"). */
export function normalizeBase(base: string): string {
  return `/${base.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
}

/** `path` (relative to the site root, with or without a leading slash) under `base`. */
export function withBase(path: string, base: string = import.meta.env.BASE_URL): string {
  return normalizeBase(base) + path.replace(/^\/+/, '');
}

/** Site-relative path of a chapter: the first chapter is the home page. */
export function chapterPath(chapter: Pick<ChapterInfo, 'slug' | 'order'>, firstOrder: number): string {
  return chapter.order === firstOrder ? '' : `${chapter.slug}/`;
}

/** Chapters in reading order with their URLs. Throws if two chapters share an `order`. */
export function readingPath(chapters: readonly ChapterInfo[], base: string = import.meta.env.BASE_URL): NavItem[] {
  const sorted = [...chapters].sort((a, b) => a.order - b.order);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].order === sorted[i - 1].order) {
      throw new Error(`Chapters "${sorted[i - 1].slug}" and "${sorted[i].slug}" both have order ${sorted[i].order}`);
    }
  }
  const firstOrder = sorted[0]?.order ?? 1;
  return sorted.map((chapter) => ({
    slug: chapter.slug,
    label: chapter.sidebarLabel ?? chapter.title,
    href: withBase(chapterPath(chapter, firstOrder), base),
    order: chapter.order,
  }));
}

/** The chapters before and after `slug` in reading order. */
export function neighbours(path: readonly NavItem[], slug: string): { previous?: NavItem; next?: NavItem } {
  const index = path.findIndex((item) => item.slug === slug);
  if (index < 0) return {};
  return { previous: path[index - 1], next: path[index + 1] };
}
