/**
 * The state of one playground: the original scenario, the code and control settings
 * on show, whether they differ (the "modified" badge), and Reset with its undo.
 * The code on show is either the reader's own edit or a share link's code; each is
 * saved under its own key (storage-keys.ts), so a link never overwrites the reader's
 * edit. Saves through persistence.ts; knows nothing of the DOM or the editor.
 */
import type { RunControls } from './controls';
import { editKey, isModified, linkId, loadEdit, saveEdit, sharedEditKey } from './persistence';

/** What the page should tell the reader about the state it just loaded. */
export interface Loaded {
  /** An earlier edit (of the scenario, or of this link) came back. */
  restored: boolean;
  /** What was wrong with the stored entry (damaged, invalid settings dropped). */
  problems: string[];
}

export class Workspace {
  readonly scenarioId: string;
  readonly original: string;
  /** What the constructor found in storage. */
  readonly loaded: Loaded;
  #code: string;
  #controls: RunControls = {};
  #storage: Storage | undefined;
  /** Where changes are saved: the reader's own entry, or the open link's. */
  #key: string;
  #fromLink = false;
  /** What is shown when nothing is saved under the key: the original, or the link's code. */
  #base: { code: string; controls: RunControls };
  #beforeReset: { code: string; controls: RunControls } | undefined;
  /** False once a save failed (storage full or blocked): the page says edits will not survive a reload. */
  saving = true;

  constructor(scenarioId: string, original: string, storage: Storage | undefined) {
    this.scenarioId = scenarioId;
    this.original = original;
    this.#storage = storage;
    this.#code = original;
    this.#key = editKey(scenarioId);
    this.#base = { code: original, controls: {} };
    this.loaded = this.#load();
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

  /** Is a share link's code on show (rather than the reader's own)? */
  get fromLink(): boolean {
    return this.#fromLink;
  }

  /** Has the reader a saved edit of their own for this scenario? */
  get hasOwnEdit(): boolean {
    return loadEdit(this.#storage, editKey(this.scenarioId)).kind === 'edit';
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

  /**
   * Show a share link's code. Changes to it are saved under the link's own key, and
   * come back when the same link is opened again; the reader's own edit is untouched.
   */
  openLink(code: string, controls: RunControls): Loaded {
    this.#fromLink = true;
    this.#key = sharedEditKey(this.scenarioId, linkId(code, controls));
    this.#base = { code, controls };
    return this.#load();
  }

  /** Back from a link to the reader's own edit (or the original when they have none). */
  leaveLink(): Loaded {
    this.#fromLink = false;
    this.#key = editKey(this.scenarioId);
    this.#base = { code: this.original, controls: {} };
    return this.#load();
  }

  /**
   * Make the code on show the reader's own edit. This replaces their saved edit:
   * the caller asks first when `hasOwnEdit`. Returns false if it could not be saved.
   */
  keepAsOwn(): boolean {
    this.#fromLink = false;
    this.#key = editKey(this.scenarioId);
    this.#base = { code: this.original, controls: {} };
    this.#beforeReset = undefined;
    this.#save();
    return this.saving;
  }

  /**
   * Back to the published scenario; remembers what was on show for `undoReset`.
   * On a link, the link's entry then holds the original (so a reload keeps it); the
   * reader's own edit is untouched.
   */
  reset(): void {
    if (!this.modified) return;
    this.#beforeReset = { code: this.#code, controls: this.#controls };
    this.#code = this.original;
    this.#controls = {};
    this.#save();
  }

  /** Bring back what the last Reset discarded. */
  undoReset(): { code: string; controls: RunControls } | undefined {
    const previous = this.#beforeReset;
    if (!previous) return undefined;
    this.#beforeReset = undefined;
    this.#code = previous.code;
    this.#controls = previous.controls;
    this.#save();
    return previous;
  }

  /** Show what is saved under the current key, else the base (nothing is written). */
  #load(): Loaded {
    this.#beforeReset = undefined;
    const saved = loadEdit(this.#storage, this.#key);
    const what = this.#fromLink ? 'Your saved changes to this shared code' : 'Your saved edit of this scenario';
    if (saved.kind === 'edit') {
      this.#code = saved.edit.code;
      this.#controls = saved.edit.controls;
      const problems = saved.dropped.length ? [`Some saved settings were not valid and are not used (the scenario's own apply): ${saved.dropped.join(' ')}`] : [];
      return { restored: true, problems };
    }
    this.#code = this.#base.code;
    this.#controls = this.#base.controls;
    return { restored: false, problems: saved.kind === 'damaged' ? [`${what} could not be read (the stored entry is damaged), so ${this.#fromLink ? "the link's code" : 'the original'} is shown.`] : [] };
  }

  #save(): void {
    this.saving = saveEdit(this.#storage, this.#key, { code: this.#code, controls: this.#controls, base: this.#base, now: Date.now() });
  }
}
