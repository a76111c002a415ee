/**
 * Keeping the reader's edits: one localStorage entry per scenario (and one per share
 * link the reader edited), holding the code and the control settings. Pure: every
 * function takes the `Storage` to use; a storage that throws (private mode, quota)
 * is reported, never fatal, and whatever is read back is validated, never trusted.
 */
import { controlsFromUnknown, declaredRuntime, sameControls, type RunControls } from './controls';

export { editKey, sharedEditKey } from './storage-keys';

/** A saved edit. */
export interface SavedEdit {
  code: string;
  controls: RunControls;
  /** When it was saved (ms since the epoch). */
  savedAt: number;
}

/** What reading an entry found. */
export type LoadedEdit =
  | { kind: 'none' }
  /** `dropped`: settings that were not valid (an unknown runtime...) and were left out. */
  | { kind: 'edit'; edit: SavedEdit; dropped: string[] }
  /** The entry is there but damaged; it is left in place, and the original is shown. */
  | { kind: 'damaged' };

/** The saved edit under `key`, validated. Never throws. */
export function loadEdit(storage: Storage | undefined, key: string): LoadedEdit {
  let text: string | null = null;
  try {
    text = storage?.getItem(key) ?? null;
  } catch {
    return { kind: 'none' };
  }
  if (!text) return { kind: 'none' };
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch {
    return { kind: 'damaged' };
  }
  if (!saved || typeof saved !== 'object' || typeof (saved as { code?: unknown }).code !== 'string') return { kind: 'damaged' };
  const entry = saved as { code: string; controls?: unknown; savedAt?: unknown };
  // Entries saved before the interval control was split hold one `interval`.
  const { controls, dropped } = controlsFromUnknown(entry.controls, { scenarioRuntime: declaredRuntime(entry.code) });
  const savedAt = typeof entry.savedAt === 'number' && Number.isFinite(entry.savedAt) ? entry.savedAt : 0;
  return { kind: 'edit', edit: { code: entry.code, controls, savedAt }, dropped };
}

/**
 * Save the edit under `key`, or forget the entry when the edit is just `base` (what
 * is shown when nothing is saved: the original, or a link's code). Returns false if
 * the storage refused it.
 */
export function saveEdit(storage: Storage | undefined, key: string, edit: { code: string; controls: RunControls; base: { code: string; controls: RunControls }; now: number }): boolean {
  if (!storage) return false;
  try {
    if (edit.code === edit.base.code && sameControls(edit.controls, edit.base.controls)) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify({ code: edit.code, controls: edit.controls, savedAt: edit.now } satisfies SavedEdit));
    return true;
  } catch {
    return false;
  }
}

/** Does this differ from the scenario as published (the "modified" badge)? */
export function isModified(code: string, controls: RunControls, original: string): boolean {
  return code !== original || Object.values(controls).some((value) => value !== undefined && value !== '');
}

/**
 * A short, stable name for a share link's content (FNV-1a, twice with different
 * offsets, over its code and settings), so the edits made to one link come back
 * when the same link is opened again. A link with one interval setting hashes as it
 * did when there was one interval control, so edits to links made then still come back.
 */
export function linkId(code: string, controls: RunControls): string {
  const intervals = [controls.switchIntervalMs, controls.checkInterval].filter((value) => value !== undefined);
  const interval = intervals.length > 1 ? intervals : intervals[0];
  const text = JSON.stringify([code, controls.runtime, controls.cpus, interval, controls.seed]);
  const fnv = (offset: number) => {
    let hash = offset;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
    return hash.toString(36);
  };
  return `${fnv(0x811c9dc5)}${fnv(0x2f6b1d37)}`;
}
