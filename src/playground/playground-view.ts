/**
 * The live playground's own DOM, around the editor, the controls and the results:
 * the toolbar, the link bar, the status line, the messages, the share box and the
 * out-of-date note; `render` shows a session's state in them. No behaviour here:
 * app.ts wires the buttons to the session (session.ts).
 */
import { longBudget } from './budget';
import type { ControlsView } from './controls-view';
import type { CodeEditor, CodeMarker } from './editor/code-editor';
import { LinkBar } from './link-bar';
import type { ResultsView } from './results-view';
import type { Messages, Outcome, SessionState } from './session';

function button(label: string, action: string, title?: string): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  element.dataset.action = action;
  if (title) element.title = title;
  return element;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
  const made = document.createElement(tag);
  made.className = className;
  return made;
}

export interface ViewParts {
  editor: CodeEditor;
  controls: ControlsView;
  results: ResultsView;
  exportMenu: HTMLElement;
  /** The link bar's buttons. */
  link: { keep: () => void; leave: () => void };
}

export class PlaygroundView {
  readonly buttons = {
    run: button('Run', 'run', 'Run (Ctrl+Enter / ⌘+Enter)'),
    longer: button('Run longer', 'run-longer', `Run again with up to ${longBudget.maxEvents.toLocaleString('en-US')} simulator events and ${longBudget.wallMs / 1000} s`),
    stop: button('Stop', 'stop', 'Stop the run'),
    reset: button('Reset', 'reset', 'Restore the original scenario'),
    undo: button('Undo reset', 'undo-reset'),
    share: button('Share', 'share', 'Copy a link with this code and these settings'),
  };
  readonly #host: HTMLElement;
  readonly #parts: ViewParts;
  readonly #linkBar: LinkBar;
  readonly #badge = element('span', 'gil-modified');
  readonly #status = element('p', 'gil-status');
  readonly #messages = element('div', 'gil-messages');
  readonly #shareField = element('input', 'gil-share-url');
  /** Above the result on show while it no longer matches the code and settings. */
  readonly #staleNote = element('p', 'gil-stale');
  /** The result the page was built with, until the first run replaces it. */
  readonly #staticResult: HTMLElement | null;
  /** What is on show now, so a render touches the editor and the messages only when they change. */
  #markers: readonly CodeMarker[] = [];
  #shownMessages: Messages = { kind: 'note', items: [] };

  constructor(host: HTMLElement, parts: ViewParts) {
    this.#host = host;
    this.#parts = parts;
    const { editor, controls, results, exportMenu } = parts;
    const toolbar = element('div', 'gil-toolbar');
    toolbar.setAttribute('role', 'toolbar');
    toolbar.setAttribute('aria-label', 'Playground');
    const b = this.buttons;
    b.run.classList.add('gil-primary');
    b.longer.hidden = true;
    b.stop.disabled = true;
    b.undo.hidden = true;
    this.#badge.textContent = 'modified';
    toolbar.append(b.run, b.longer, b.stop, this.#badge, b.reset, b.undo, b.share, exportMenu);
    this.#linkBar = new LinkBar(parts.link);
    this.#status.setAttribute('role', 'status');
    this.#status.setAttribute('aria-live', 'polite');
    this.#messages.setAttribute('aria-live', 'polite');
    this.#shareField.readOnly = true;
    this.#shareField.hidden = true;
    this.#shareField.setAttribute('aria-label', 'Share link');
    this.#staleNote.hidden = true;

    const hint = element('p', 'gil-hint');
    hint.textContent = editor.kind === 'monaco' ? 'Ctrl/⌘+Enter runs. Escape then Tab leaves the editor.' : 'Ctrl/⌘+Enter runs.';
    const editorPane = element('div', 'gil-editor-pane');
    // Everything that answers the toolbar sits between it and the editor: on a phone the editor is
    // taller than the screen, and a status, message or share link under it would be out of sight.
    editorPane.append(toolbar, this.#shareField, this.#linkBar.element, this.#status, this.#messages, hint, editor.element);
    const live = element('div', 'gil-live');
    live.append(editorPane, controls.element, results.element);

    const staticCode = host.querySelector<HTMLElement>('.gil-static-code');
    this.#staticResult = host.querySelector<HTMLElement>('.gil-result');
    host.querySelector<HTMLElement>('[data-action="edit"]')?.setAttribute('hidden', '');
    if (staticCode) {
      staticCode.hidden = true;
      staticCode.before(live);
    } else host.prepend(live);
    host.dataset.editor = editor.kind;
  }

  /** Show the session's state. */
  render(state: SessionState): void {
    const host = this.#host;
    const b = this.buttons;
    this.#badge.hidden = !state.modified;
    this.#badge.textContent = state.fromLink ? 'shared code' : 'modified';
    b.undo.hidden = !state.canUndoReset;
    host.toggleAttribute('data-modified', state.modified);
    host.toggleAttribute('data-shared', state.fromLink);
    this.#linkBar.update(state.fromLink, () => state.ownEdit);
    this.#parts.controls.scenarioRuntime = state.scenarioRuntime;
    // Only on a change: the status line is a live region, read out whenever its text is set.
    if (this.#status.textContent !== state.status) this.#status.textContent = state.status;
    this.#showMessages(state.messages);
    if (state.markers !== this.#markers && (state.markers.length || this.#markers.length)) this.#parts.editor.setMarkers([...state.markers]);
    this.#markers = state.markers;

    b.run.disabled = state.running;
    b.stop.disabled = !state.running;
    b.longer.hidden = !state.runLonger;
    host.toggleAttribute('data-running', state.running);
    this.#parts.exportMenu.hidden = !state.exportable;

    if (state.result === 'live' && this.#staticResult) this.#staticResult.hidden = true;
    const result = state.result === 'published' ? this.#staticResult : state.result === 'live' ? this.#parts.results.element : null;
    const notice = result && !result.hidden ? state.stale : undefined;
    if (result && this.#staleNote.nextElementSibling !== result) result.before(this.#staleNote);
    this.#staleNote.hidden = !notice;
    this.#staleNote.textContent = notice ?? '';
    host.toggleAttribute('data-stale', Boolean(notice));
  }

  /** A run ended: what tests and the bench wait for. */
  showOutcome(outcome: Outcome, runs: number): void {
    this.#host.dataset.outcome = outcome;
    if (runs) this.#host.dataset.runs = String(runs);
  }

  /** A share link to copy: in the box, selected. */
  showShareLink(url: string): void {
    this.#shareField.value = url;
    this.#shareField.hidden = false;
    this.#shareField.select();
  }

  #showMessages(messages: Messages): void {
    if (messages === this.#shownMessages) return;
    const empty = !messages.items.length && !this.#shownMessages.items.length;
    this.#shownMessages = messages;
    if (empty) return;
    this.#messages.replaceChildren(...messages.items.map((text) => {
      const item = element('p', `gil-message gil-message-${messages.kind}`);
      item.textContent = text;
      return item;
    }));
  }
}
