/**
 * TSDoc text to HTML for the API reference: the comments in src/sim are plain
 * prose with `inline code`, so escaping, code spans and paragraphs are all the
 * markup they need.
 */

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for HTML content or attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => escapes[character]);
}

/** One paragraph: escaped, with `code spans` as <code>. An unmatched backtick stays literal. */
export function inlineToHtml(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

/** A TSDoc comment body as paragraphs: blank lines separate them, single newlines are spaces. */
export function docToHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${inlineToHtml(paragraph)}</p>`)
    .join('\n');
}
