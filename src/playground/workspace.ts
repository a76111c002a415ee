/**
 * The state of one playground: the original scenario, the reader's code and
 * control settings, whether they differ (the "modified" badge), and Reset with
 * its undo. Saves through persistence.ts; knows nothing of the DOM or the editor.
 */
import type { RunControls } from './controls';
import { clearEdit, isModified, loadEdit, saveEdit } from './persistence';

export class Workspace {
  readonly scenarioId: string;
  readonly original: string;
  #code: string;
  #controls: RunControls;
  #storage: Storage | undefined;
  #beforeReset: { code: string; controls: RunControls } | undefined;
  /** False once a save failed (storage full or blocked): the page says edits will not survive a reload. */
  saving = true;

  constructor(scenarioId: string, original: string, storage: Storage | undefined) {
    this.scenarioId = scenarioId;
    this.original = original;
    this.#storage = storage;
    const saved = loadEdit(storage, scenarioId);
    this.#code = saved?.code ?? original;
    this.#controls = saved?.controls ?? {};
  }

  get code(): string {
    return this.#code;
  }

  get controls(): RunControls {
    return this.#controls;
  }

  get modified(): boolean {
    return isModified(this.#code, this.#controls, this.original);
  }

  /** Can the last Reset be undone? */
  get canUndoReset(): boolean {
    return this.#beforeReset !== undefined;
  }

  /** The reader changed the code: keep it. */
  setCode(code: string): void {
    if (code === this.#code) return;
    this.#code = code;
    this.#beforeReset = undefined;
    this.#save();
  }

  /** The reader changed the controls: keep them. */
  setControls(controls: RunControls): void {
    this.#controls = controls;
    this.#save();
  }

  /** Show code that came from elsewhere (a share link) without saving it over the reader's own edit. */
  adopt(code: string, controls: RunControls): void {
    this.#code = code;
    this.#controls = controls;
  }

  /** Back to the published scenario; remembers the edit for `undoReset`. */
  reset(): void {
    if (!this.modified) return;
    this.#beforeReset = { code: this.#code, controls: this.#controls };
    this.#code = this.original;
    this.#controls = {};
    clearEdit(this.#storage, this.scenarioId);
  }

  /** Bring back the edit the last Reset discarded. */
  undoReset(): { code: string; controls: RunControls } | undefined {
    const previous = this.#beforeReset;
    if (!previous) return undefined;
    this.#beforeReset = undefined;
    this.#code = previous.code;
    this.#controls = previous.controls;
    this.#save();
    return previous;
  }

  #save(): void {
    this.saving = saveEdit(this.#storage, this.scenarioId, { code: this.#code, controls: this.#controls, original: this.original, now: Date.now() });
  }
}
