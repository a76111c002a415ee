/**
 * Source citations: the keys of docs/sources.md and the `[TAG sources:key]`
 * syntax that code comments, the calibration data and the site's parameter table
 * use to cite them. One definition of the syntax, shared by the build (which links
 * each key to the site's Sources page) and tests/content/sources.test.ts (which
 * checks every citation names a key that exists).
 */

import { inlineToHtml } from './doc-text';
import { withBase } from '../site/navigation';

/** Confidence tags: primary, secondary, measured here, fitted, unverified. */
export type SourceTag = 'P' | 'S' | 'M' | 'F' | 'U';

/** A key: lower-case words joined by single hyphens, so its heading anchor is the key itself. */
export const sourceKeyPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `[M sources:m-handoff]`, `[F sources:m-gil-battle, sources:beazley-2010]`. */
const citationPattern = /\[([PSMFU]) (sources:[a-z0-9-]+(?:, sources:[a-z0-9-]+)*)\]/g;

/** Anything shaped like a tag: a tag letter in brackets, alone or followed by a space and text. Finds malformed citations. */
const tagLikePattern = /\[([PSMFU])(?:\s[^\]\n]*)?\]/g;

export interface Citation {
  tag: SourceTag;
  keys: string[];
  /** Offset of the opening bracket in the text. */
  index: number;
  /** The citation as written. */
  text: string;
}

/** Every well-formed keyed citation in `text`, in order. */
export function citationsIn(text: string): Citation[] {
  return [...text.matchAll(citationPattern)].map((match) => ({
    tag: match[1] as SourceTag,
    keys: match[2].split(', ').map((part) => part.slice('sources:'.length)),
    index: match.index,
    text: match[0],
  }));
}

/** Tag-shaped brackets that are neither a bare tag (`[F]`) nor a well-formed keyed citation. */
export function malformedCitationsIn(text: string): string[] {
  const wellFormed = new Set(citationsIn(text).map((citation) => citation.index));
  return [...text.matchAll(tagLikePattern)]
    .filter((match) => match[0].length > 3 && !wellFormed.has(match.index))
    .map((match) => match[0]);
}

/** Bare tags (a tag letter alone in brackets) in `text`: a claim that names no source. */
export function bareTagsIn(text: string): SourceTag[] {
  return [...text.matchAll(tagLikePattern)].filter((match) => match[0].length === 3).map((match) => match[1] as SourceTag);
}

/** The tag of the first citation or bare tag in `text`, or null if there is none. */
export function firstTagIn(text: string): SourceTag | null {
  return (/\[([PSMFU])[\] ]/.exec(text)?.[1] as SourceTag | undefined) ?? null;
}

/** The site's URL of a key's entry on the Sources page. */
export function sourceHref(key: string, base?: string): string {
  return `${withBase('sources/', base)}#${key}`;
}

/**
 * `text` as HTML (backticks become code, markup is escaped) with each key of each
 * citation made a link to its entry on the Sources page; the tag and brackets stay.
 */
export function citationHtml(text: string, base?: string): string {
  return inlineToHtml(text).replace(citationPattern, (_whole, tag: string, keys: string) => {
    const links = keys.split(', ').map((part) => {
      const key = part.slice('sources:'.length);
      return `<a href="${sourceHref(key, base)}">${key}</a>`;
    });
    return `[${tag} ${links.join(', ')}]`;
  });
}

/** One entry of docs/sources.md: a `### key` heading and the lines under it. */
export interface SourceEntry {
  key: string;
  /** The tag the entry's first line starts with, or null if it has none. */
  tag: SourceTag | null;
  /** The `## ` section the entry is in. */
  section: string;
  /** The entry's text, heading excluded. */
  body: string;
}

/** The entries of docs/sources.md, in file order (a pure parse; the caller reads the file). */
export function parseSources(markdown: string): SourceEntry[] {
  const entries: SourceEntry[] = [];
  let section = '';
  let current: { key: string; section: string; lines: string[] } | null = null;
  const finish = () => {
    if (!current) return;
    const body = current.lines.join('\n').trim();
    const tag = /^\[([PSMFU])\]/.exec(body)?.[1] as SourceTag | undefined;
    entries.push({ key: current.key, tag: tag ?? null, section: current.section, body });
    current = null;
  };
  for (const line of markdown.split('\n')) {
    const heading = /^(#{2,3}) (.+?)\s*$/.exec(line);
    if (heading) {
      finish();
      if (heading[1] === '##') section = heading[2];
      else current = { key: heading[2], section, lines: [] };
    } else if (current) {
      current.lines.push(line);
    }
  }
  finish();
  return entries;
}
