/**
 * "What happened": the run's GIL events with their causes, in a disclosure under the
 * timeline. Choosing one moves the playhead to it; the event at or before the playhead
 * is marked current. The list is built when first opened (a run may have thousands).
 */
import { formatMs } from '../timeline/format';
import type { DescribeGilEvent } from './caption';
import type { Playhead } from './playhead';

/** Events listed; a note says how many more the run had. */
export const listedEvents = 300;

export class GilEventList {
  readonly element: HTMLDetailsElement;
  #playhead: Playhead;
  #describe: DescribeGilEvent;
  #buttons: HTMLButtonElement[] = [];
  #current = -1;
  #stop: () => void;

  constructor(playhead: Playhead, describe: DescribeGilEvent) {
    this.#playhead = playhead;
    this.#describe = describe;
    const { gilEvents: events, trace } = playhead.index;
    this.element = document.createElement('details');
    this.element.className = 'gil-events';
    const summary = document.createElement('summary');
    // Events beyond the trace's cap were counted but not kept; say so rather than undercount.
    const dropped = trace.eventsDropped ? ` (and ${trace.eventsDropped.toLocaleString('en-US')} more not recorded)` : '';
    summary.textContent = `What happened: ${events.length.toLocaleString('en-US')} GIL events${dropped}`;
    this.element.append(summary);
    this.element.addEventListener('toggle', () => {
      if (this.element.open && this.#buttons.length === 0 && events.length) this.#build();
    });
    this.#stop = playhead.onMove((time) => this.#follow(time));
  }

  dispose(): void {
    this.#stop();
    this.element.remove();
  }

  #build(): void {
    const events = this.#playhead.index.gilEvents;
    const nameOf = (id: number) => this.#playhead.index.thread(id)?.name ?? `thread ${id}`;
    const list = document.createElement('ol');
    for (const event of events.slice(0, listedEvents)) {
      const item = document.createElement('li');
      const choose = document.createElement('button');
      choose.type = 'button';
      const time = document.createElement('time');
      time.textContent = `${formatMs(event.time, 'prose')} ms`;
      choose.append(time, this.#describe(event, nameOf));
      choose.addEventListener('click', () => this.#playhead.seek(event.time));
      item.append(choose);
      list.append(item);
      this.#buttons.push(choose);
    }
    this.element.append(list);
    if (events.length > listedEvents) {
      const note = document.createElement('p');
      note.textContent = `Showing the first ${listedEvents} of ${events.length.toLocaleString('en-US')}; move the playhead to see the rest in the caption.`;
      this.element.append(note);
    }
    this.#follow(this.#playhead.time);
  }

  #follow(time: number): void {
    if (!this.#buttons.length) return;
    const events = this.#playhead.index.gilEvents;
    let current = -1;
    for (let i = 0; i < Math.min(events.length, listedEvents); i++) {
      if (events[i]!.time <= time + 1e-9) current = i;
      else break;
    }
    if (current === this.#current) return;
    this.#buttons[this.#current]?.removeAttribute('aria-current');
    this.#buttons[current]?.setAttribute('aria-current', 'true');
    this.#current = current;
  }
}
