/**
 * Entry point every page with a scenario loads. It stays tiny: it registers the
 * `<gil-playground>` element, which shows the static code and result until the
 * reader asks to edit (the Edit & run button, or a click on the code; never mere
 * focus, so tabbing through a page passes every block); only then does it load the
 * editor, compiler and runner (app.ts and what it imports). A share link in the URL,
 * at load or when the hash changes, opens its playground, but never runs it.
 */
import type { PlaygroundHandle } from './app';
import type { DecodedShare } from './share';
import { editKey } from './storage-keys';

class GilPlayground extends HTMLElement {
  #activation: Promise<PlaygroundHandle | undefined> | undefined;

  connectedCallback(): void {
    if (this.dataset.state) return;
    this.dataset.state = 'static';
    this.querySelector('[data-action="edit"]')?.addEventListener('click', () => void this.activate({ focus: true }));
    const code = this.querySelector<HTMLElement>('.gil-static-code');
    if (code) {
      code.title = 'Click to edit this scenario';
      code.addEventListener('click', () => void this.activate({ focus: true }));
    }
    this.#markEdited();
    // With a share link in the URL, autoloading waits for it (openLinkInHash), so the link's code opens directly.
    if (this.hasAttribute('data-autoload') && !location.hash.startsWith('#gil')) void this.activate();
  }

  /** The static block shows the published code: say so when the reader has a saved edit of it. */
  #markEdited(): void {
    let saved = false;
    try {
      saved = Boolean(localStorage.getItem(editKey(this.dataset.scenarioId || 'scenario')));
    } catch {
      // No storage, no saved edit.
    }
    if (!saved) return;
    this.dataset.edited = '';
    const note = document.createElement('span');
    note.className = 'gil-edited';
    note.textContent = 'edited: you changed this scenario; Edit & run opens your version (shown here is the original).';
    note.style.cssText = 'margin-inline-start:0.6rem;font-size:0.85rem';
    this.querySelector('[data-action="edit"]')?.after(note);
  }

  /** Load the live playground (once). `focus`: the reader asked, so the editor takes the focus. */
  activate(options: { focus?: boolean; share?: DecodedShare } = {}): Promise<PlaygroundHandle | undefined> {
    this.#activation ??= (async () => {
      this.dataset.state = 'loading';
      this.setAttribute('aria-busy', 'true');
      const edit = this.querySelector<HTMLButtonElement>('[data-action="edit"]');
      if (edit) {
        edit.disabled = true;
        edit.textContent = 'Loading the editor…';
      }
      try {
        const { mountPlayground } = await import('./app');
        const handle = await mountPlayground(this, { plainEditor: this.hasAttribute('data-plain-editor'), ...options });
        this.querySelector('.gil-edited')?.remove();
        this.dataset.state = 'ready';
        return handle;
      } catch (error) {
        this.dataset.state = 'failed';
        this.#activation = undefined;
        if (edit) {
          edit.disabled = false;
          edit.textContent = 'The editor failed to load. Try again';
        }
        console.warn('gil-playground:', error);
        return undefined;
      } finally {
        this.removeAttribute('aria-busy');
      }
    })();
    return this.#activation;
  }

  /** Open a share link here: at activation, or in the live playground if it is up already. */
  async openShare(share: DecodedShare): Promise<void> {
    if (!this.#activation) return void (await this.activate({ share }));
    (await this.#activation)?.openShare(share);
  }
}

if (!customElements.get('gil-playground')) customElements.define('gil-playground', GilPlayground);

// A share link (#gil2/…, or an older #gil1/…) opens the playground it names: the one whose scenario it is,
// else the full playground; decoding needs lz-string, so it is loaded only then.
function openLinkInHash(): void {
  if (!location.hash.startsWith('#gil')) return;
  const all = [...document.querySelectorAll<GilPlayground>('gil-playground')];
  void import('./share').then(({ decodeShare }) => {
    const shared = decodeShare(location);
    const id = shared.kind === 'shared' ? shared.shared.scenarioId : undefined;
    const target = all.find((element) => element.dataset.scenarioId === id) ?? all.find((element) => element.hasAttribute('data-full')) ?? all[0];
    void target?.openShare(shared);
  }).finally(() => {
    for (const element of all) if (element.hasAttribute('data-autoload')) void element.activate();
  });
}
openLinkInHash();
addEventListener('hashchange', openLinkInHash);
