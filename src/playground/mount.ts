/**
 * Entry point every page with a scenario loads. It stays tiny: it registers the
 * `<gil-playground>` element, which shows the static code and result until the
 * reader asks to edit (click, focus or keyboard on the code, or the Edit button);
 * only then does it load the editor, compiler and runner (app.ts and what it
 * imports). A share link in the URL opens its playground straight away, but never
 * runs it.
 */

class GilPlayground extends HTMLElement {
  #activation: Promise<void> | undefined;

  connectedCallback(): void {
    if (this.dataset.state) return;
    this.dataset.state = 'static';
    this.querySelector('[data-action="edit"]')?.addEventListener('click', () => void this.activate());
    const code = this.querySelector<HTMLElement>('.gil-static-code');
    if (code) {
      code.tabIndex = 0;
      code.title = 'Edit this scenario';
      code.addEventListener('click', () => void this.activate());
      code.addEventListener('focus', () => void this.activate());
    }
    if (this.hasAttribute('data-autoload')) void this.activate();
  }

  /** Load the live playground (once). */
  activate(): Promise<void> {
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
        await mountPlayground(this, { plainEditor: this.hasAttribute('data-plain-editor') });
        this.dataset.state = 'ready';
      } catch (error) {
        this.dataset.state = 'failed';
        this.#activation = undefined;
        if (edit) {
          edit.disabled = false;
          edit.textContent = 'The editor failed to load. Try again';
        }
        console.warn('gil-playground:', error);
      } finally {
        this.removeAttribute('aria-busy');
      }
    })();
    return this.#activation;
  }
}

if (!customElements.get('gil-playground')) customElements.define('gil-playground', GilPlayground);

// A share link (#gil1/…) opens the playground it names: the one whose scenario it is,
// else the full playground; decoding needs lz-string, so it is loaded only then.
if (location.hash.startsWith('#gil')) {
  void import('./share').then(({ decodeShare }) => {
    const shared = decodeShare(location);
    const all = [...document.querySelectorAll<GilPlayground>('gil-playground')];
    const id = shared.kind === 'shared' ? shared.shared.scenarioId : undefined;
    const target = all.find((element) => element.dataset.scenarioId === id) ?? all.find((element) => element.hasAttribute('data-full')) ?? all[0];
    void target?.activate();
  });
}

export {};
