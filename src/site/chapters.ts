/** The chapters collection as the reading path (one place that calls getCollection). */
import { getCollection, type CollectionEntry } from 'astro:content';
import { readingPath, type NavItem } from './navigation';

export type Chapter = CollectionEntry<'chapters'>;

/** Chapters sorted by `order`. */
export async function chaptersInOrder(): Promise<Chapter[]> {
  const chapters = await getCollection('chapters');
  return chapters.sort((a, b) => a.data.order - b.data.order);
}

/** The sidebar's items. */
export async function siteNavigation(): Promise<NavItem[]> {
  const chapters = await chaptersInOrder();
  return readingPath(chapters.map((chapter) => ({ slug: chapter.id, ...chapter.data })));
}
