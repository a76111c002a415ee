/**
 * The playhead's caption in words: at time t, who holds the GIL, what each thread is
 * doing and at which line, and the GIL event at or just before t with its cause. DOM-free,
 * so the playground, the chapter figures and the tests read the same sentences.
 */
import type { TraceEvent, TraceThread } from '../sim/result';
import { formatMs } from '../timeline/format';
import type { Moment, ThreadMoment } from '../timeline/moment';
import { stateLabels } from '../timeline/palette';

/** Says why a GIL event happened, given a thread's name by id. */
export type DescribeGilEvent = (event: TraceEvent, nameOf: (thread: number) => string) => string;

export interface Caption {
  /** "At 5.075 ms, count-a holds the GIL." */
  headline: string;
  /** One line per thread shown: "count-a: running Python (line 7)". */
  threads: string[];
  /** "Last GIL event, at 4.98 ms: …", when there was one. */
  event?: string;
  /** Threads left out of `threads` (runs with hundreds of threads). */
  more: number;
}

/** Threads listed by name in the caption; the rest are counted. */
export const captionThreads = 8;

const stateWords: Record<ThreadMoment['state'], string> = {
  ...stateLabels,
  blocked: 'blocked (I/O, sleep, a lock or a join)',
  'not-started': 'not started yet',
  finished: 'finished',
};

/** The playhead's position as a slider reads it aloud. */
export const timeText = (ms: number): string => `${formatMs(ms, 'prose')} ms`;

export function captionAt(moment: Moment, describe: DescribeGilEvent, nameOf: (thread: number) => string): Caption {
  const holders = moment.gilHolders.map(({ thread }) => thread);
  const alive = moment.threads.filter((thread) => thread.state !== 'not-started' && thread.state !== 'finished');
  const headline = `At ${timeText(moment.time)}, ${gilWords(holders)}${freeGilWaiters(holders, alive)}.`;
  // Long runs: the threads doing something come first, then the ones that have not started or have ended.
  const ordered = [...alive, ...moment.threads.filter((thread) => !alive.includes(thread))];
  const threads = ordered.slice(0, captionThreads).map(threadLine);
  const event = moment.gilEvent
    ? `Last GIL event, at ${timeText(moment.gilEvent.time)}: ${describe(moment.gilEvent, nameOf)}`
    : undefined;
  return { headline, threads, event, more: Math.max(0, ordered.length - captionThreads) };
}

function gilWords(holders: (TraceThread | undefined)[]): string {
  if (holders.length === 0) return 'there is no GIL: threads run Python at once';
  if (holders.length === 1) return holders[0] ? `${holders[0].name} holds the GIL` : 'the GIL is free';
  const held = holders.filter((holder): holder is TraceThread => holder !== undefined);
  return held.length ? `${held.map((thread) => thread.name).join(', ')} hold their interpreters' GILs` : 'every GIL is free';
}

/**
 * A free GIL next to threads "waiting for the GIL" reads as a contradiction; it is the
 * instant between a release and the take: the waiter has not woken (or run) yet.
 */
function freeGilWaiters(holders: (TraceThread | undefined)[], alive: ThreadMoment[]): string {
  if (holders.length !== 1 || holders[0]) return '';
  const waiting = alive.filter((thread) => thread.state === 'gil-wait').map((thread) => thread.thread.name);
  if (!waiting.length) return '';
  const names = waiting.length > 3 ? `${waiting.slice(0, 3).join(', ')} and ${waiting.length - 3} more` : waiting.join(', ');
  return ` and ${names} ${waiting.length === 1 ? 'is' : 'are'} about to take it (woken, not yet running)`;
}

function threadLine({ thread, state, line }: ThreadMoment): string {
  return `${thread.name}: ${stateWords[state]}${line ? ` (line ${line})` : ''}`;
}

/** The caption as one paragraph, for the live region (screen readers) and tests. */
export function captionText(caption: Caption): string {
  const more = caption.more ? ` (and ${caption.more.toLocaleString('en-US')} more threads)` : '';
  return [caption.headline, `${caption.threads.join('; ')}${more}.`, caption.event].filter(Boolean).join(' ');
}
