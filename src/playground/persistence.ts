/**
 * Keeping the reader's edits: one localStorage entry per scenario, holding the code
 * and the control settings. Pure: every function takes the `Storage` to use, and a
 * storage that throws (private mode, quota) is reported, never fatal.
 */
import type { RunControls } from './controls';

/** A saved edit. */
export interface SavedEdit {
  code: string;
  controls: RunControls;
  /** When it was saved (ms since the epoch). */
  savedAt: number;
}

const keyPrefix = 'gil-lab:playground:v1:';

/** The storage key for a scenario's edit. */
export function editKey(scenarioId: string): string {
  return keyPrefix + scenarioId;
}

/** The saved edit for a scenario, or undefined if none (or unreadable). */
export function loadEdit(storage: Storage | undefined, scenarioId: string): SavedEdit | undefined {
  let text: string | null = null;
  try {
    text = storage?.getItem(editKey(scenarioId)) ?? null;
  } catch {
    return undefined;
  }
  if (!text) return undefined;
  try {
    const saved = JSON.parse(text) as Partial<SavedEdit>;
    if (typeof saved.code !== 'string') return undefined;
    return { code: saved.code, controls: saved.controls && typeof saved.controls === 'object' ? saved.controls : {}, savedAt: Number(saved.savedAt) || 0 };
  } catch {
    return undefined;
  }
}

/**
 * Save (or, when the code is the original and no control is set, forget) a
 * scenario's edit. Returns false if the storage refused it.
 */
export function saveEdit(storage: Storage | undefined, scenarioId: string, edit: { code: string; controls: RunControls; original: string; now: number }): boolean {
  if (!storage) return false;
  try {
    if (!isModified(edit.code, edit.controls, edit.original)) storage.removeItem(editKey(scenarioId));
    else storage.setItem(editKey(scenarioId), JSON.stringify({ code: edit.code, controls: edit.controls, savedAt: edit.now } satisfies SavedEdit));
    return true;
  } catch {
    return false;
  }
}

/** Forget a scenario's edit. */
export function clearEdit(storage: Storage | undefined, scenarioId: string): void {
  try {
    storage?.removeItem(editKey(scenarioId));
  } catch {
    // Nothing to forget if the storage is unavailable.
  }
}

/** Does this differ from the scenario as published (the "modified" badge)? */
export function isModified(code: string, controls: RunControls, original: string): boolean {
  return code !== original || Object.values(controls).some((value) => value !== undefined && value !== '');
}
