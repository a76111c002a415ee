/**
 * `threading.Event`: the class scenario authors use, its state in a run, and what
 * setting and waiting do.
 *
 * An `Event` object is only an identity plus methods that build operations; its
 * flag lives in the run (`SyncStates`).
 */

import type { Immediate } from '../blocking-call';
import { recordLine } from '../call-site';
import type { EventSetOp, EventWaitOp } from '../op-types';
import { syncIds, type Block, type StateKind, type SyncStates, type Waiter, type Woke } from './primitive';

/**
 * A flag threads can wait for, like `threading.Event`. Waiting releases the GIL.
 * @example
 * const ready = new Event();
 * yield ready.wait();   // in one thread
 * yield ready.set();    // in another
 */
export class Event {
  /** Identifies the event inside a run. */
  readonly id = syncIds.next++;
  constructor(readonly name = `event-${syncIds.next - 1}`) {}
  /** Set the flag and wake every thread waiting for it. */
  set(): EventSetOp { return recordLine<EventSetOp>({ op: 'eventSet', event: this }); }
  /** Block (GIL released) until the flag is set; returns at once if it already is. */
  wait(): EventWaitOp { return recordLine<EventWaitOp>({ op: 'eventWait', event: this }); }
}

/** An event in a run: its flag and the threads waiting for it. */
export interface EventState { set: boolean; waiters: Waiter[] }

const eventState: StateKind<EventState> = { create: () => ({ set: false, waiters: [] }) };

/** `event.set()`: raise the flag and wake every waiter, in the order they came. */
export function setEvent(_thread: Waiter, op: EventSetOp, states: SyncStates): Woke {
  const event = states.of(eventState, op.event);
  event.set = true;
  const waiters = event.waiters.splice(0);
  for (const waiter of waiters) waiter.resumeWith?.(true);
  return { value: undefined, woke: waiters.length };
}

/** `event.wait()`: go on at once if the flag is up, else sleep (GIL released) until it is set. */
export function waitEvent<T extends Waiter>(thread: T, op: EventWaitOp, states: SyncStates, block: Block<T>): Immediate | undefined {
  const event = states.of(eventState, op.event);
  if (event.set) return { value: true };
  block(thread, (resume) => { thread.resumeWith = resume; event.waiters.push(thread); }, op.event.name,
    () => (event.set ? { value: true } : undefined));
  return undefined;
}
