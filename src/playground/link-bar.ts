/**
 * The bar above the editor while a share link's code is on show: it says the
 * reader's own edit is kept apart, and offers to keep the shared code as their edit
 * or to go back to theirs. A thin view: the workspace does the work (app.ts wires it).
 */
export class LinkBar {
  readonly element: HTMLParagraphElement;
  #text: HTMLSpanElement;
  #leave: HTMLButtonElement;

  constructor(actions: { keep: () => void; leave: () => void }) {
    this.element = document.createElement('p');
    this.element.className = 'gil-link-bar';
    this.element.hidden = true;
    this.#text = document.createElement('span');
    const keep = document.createElement('button');
    keep.type = 'button';
    keep.dataset.action = 'keep-link';
    keep.textContent = 'Keep as my edit';
    keep.title = 'Save this shared code as your own edit of the scenario';
    keep.addEventListener('click', actions.keep);
    this.#leave = document.createElement('button');
    this.#leave.type = 'button';
    this.#leave.dataset.action = 'leave-link';
    this.#leave.addEventListener('click', actions.leave);
    this.element.append(this.#text, keep, this.#leave);
  }

  /** Show the bar while a link is open; `ownEdit`: the reader has a saved edit of their own. */
  update(fromLink: boolean, ownEdit: () => boolean): void {
    this.element.hidden = !fromLink;
    if (!fromLink) return;
    const own = ownEdit();
    this.#text.textContent = own
      ? 'This code came from a share link; your own edit of this scenario is kept apart, untouched.'
      : 'This code came from a share link; changes to it are saved with the link.';
    this.#leave.textContent = own ? 'Back to my edit' : 'Back to the original';
  }
}
