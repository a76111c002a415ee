/**
 * The little HTML a figure's markup builders need: escaping. The builders make strings,
 * not DOM, so the build (through the Astro components) and the browser (a knob redraw)
 * produce the same markup from the same code.
 */

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` safe inside an element or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character]);
}
