/**
 * The playground's localStorage keys, in one place: persistence.ts reads and writes
 * the entries, and mount.ts (which must stay tiny) only checks whether the reader
 * has a saved edit, to mark the static block "edited".
 */

/** The reader's own edit of a scenario. */
export function editKey(scenarioId: string): string {
  return `gil-lab:playground:v1:${scenarioId}`;
}

/**
 * The reader's edits to the code of one share link (`link` identifies the link's
 * content), kept apart from their own edit so opening a link never overwrites it.
 */
export function sharedEditKey(scenarioId: string, link: string): string {
  return `gil-lab:playground-shared:v1:${scenarioId}#${link}`;
}
