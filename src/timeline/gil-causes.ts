/**
 * GIL events in words: one sentence per trace event, naming why it happened in
 * CPython's own terms (the `cause` the engine records; see `GilCause` in
 * src/sim/result.ts). For the playhead's caption and the list of a run's GIL
 * events. DOM-free.
 */
import type { GilCause, TraceEvent } from '../sim/result';
import { formatMs } from './format';

/** What a sentence is made from: the event, with its threads named. */
interface Named {
  kind: TraceEvent['kind'];
  /** The thread of the event. */
  who: string;
  /** The other thread (see `TraceEvent.other`), or undefined. */
  other: string | undefined;
  /** "5 ms " when the switch interval is known, else "". */
  interval: string;
}

/** "… and signals worker-2", or nothing when the release woke nobody. */
const signalling = (other: string | undefined) => (other ? ` and signals ${other}` : '');

/** How the thread got the GIL: from the previous holder (a hand-off) or back to itself. */
const taking = ({ kind, other }: Named) => (kind === 'handoff' && other ? ` from ${other}` : '');

/** One sentence builder per cause: a new cause is a compile error here until it has words. */
const sentences: Record<GilCause, (event: Named) => string> = {
  'gil-free': (e) => `${e.who} takes the GIL${taking(e)}: it was free when it asked`,
  'woken-waiter': (e) => `${e.who} was signalled by the release and takes the GIL${taking(e)}`,
  'timed-out-wait': (e) => (e.kind === 'drop-request'
    ? `${e.who}'s ${e.interval}wait timed out: it sets the drop request${e.other ? `, asking ${e.other} to drop the GIL` : ''}`
    : `${e.who}'s ${e.interval}wait timed out with the GIL free: it takes it${taking(e)}`),
  'forced-switch': (e) => `a forced switch: ${e.other ?? 'the holder'} dropped the GIL on request and waits until ${e.who} has taken it`,
  'signal-window': (e) => `${e.who} takes the GIL while ${e.other ?? 'the holder'} is still inside sem_post's futex wake (it won the semaphore race)`,
  'release-window': (e) => `${e.who} landed between ${e.other ?? 'the holder'}'s release and re-acquire at a check, and takes the GIL`,
  'wake-up-preemption': (e) => `the OS preempts ${e.other ?? 'the holder'} between its release and re-acquire at a check: ${e.who} takes the GIL`,
  'io-release': (e) => `${e.who} releases the GIL for blocking I/O${signalling(e.other)}`,
  'sleep-release': (e) => `${e.who} releases the GIL for time.sleep${signalling(e.other)}`,
  'native-release': (e) => `${e.who} releases the GIL to run C code (Py_BEGIN_ALLOW_THREADS)${signalling(e.other)}`,
  'lock-wait-release': (e) => `${e.who} releases the GIL while it waits (a lock, an event, a queue, a join or a thread's start)${signalling(e.other)}`,
  'exit-release': (e) => `${e.who} exits and releases the GIL${signalling(e.other)}`,
  'drop-request-honoured': (e) => `${e.who} sees the drop request and drops the GIL${e.other ? `, signalling ${e.other}` : ''}`,
  'check-interval': (e) => `the check interval ran out: ${e.who} releases and re-acquires${e.other ? `, waking ${e.other}` : ''}`,
  'failed-acquire-retaken': (e) => `${e.who} woke up but ${e.other ?? 'the holder'} took the GIL back first (a failed acquire)`,
  'failed-acquire-taken': (e) => `${e.who} woke up but ${e.other ?? 'another thread'} took the GIL first (a failed acquire)`,
};

/** Events without a cause (other kinds, or traces from before causes were recorded). */
const plain: Record<TraceEvent['kind'], (event: Named) => string> = {
  acquire: (e) => `${e.who} takes the GIL`,
  release: (e) => `${e.who} releases the GIL`,
  handoff: (e) => `the GIL passes to ${e.who}${e.other ? ` from ${e.other}` : ''}`,
  'drop-request': (e) => `${e.who} sets the drop request`,
  'failed-acquire': (e) => `${e.who} woke up but found the GIL taken (a failed acquire)`,
  'io-done': (e) => `${e.who}'s I/O or sleep completes`,
  spawn: (e) => `${e.who} starts`,
  exit: (e) => `${e.who} exits`,
  'lost-update': (e) => `${e.who} writes back a stale value of a shared variable: the other threads' updates since its read are lost`,
};

/** What a sentence may say beyond the event itself. */
export interface GilEventContext {
  /** The new GIL's switch interval, to say how long a timed-out wait was. */
  switchIntervalMs?: number;
}

/**
 * One sentence for `event`, e.g. "worker-2's 5 ms wait timed out: it sets the drop
 * request, asking worker-1 to drop the GIL" or "count-b woke up but count-a took
 * the GIL back first (a failed acquire)". `threadName` names a thread by id; an
 * unknown id is called "thread N". Never empty, whatever the event holds.
 */
export function describeGilEvent(event: TraceEvent, threadName: (id: number) => string | undefined, context: GilEventContext = {}): string {
  const name = (id: number) => threadName(id) || `thread ${id}`;
  const { switchIntervalMs } = context;
  const named: Named = {
    kind: event.kind,
    who: name(event.thread),
    other: event.other === undefined ? undefined : name(event.other),
    interval: switchIntervalMs !== undefined && Number.isFinite(switchIntervalMs) ? `${formatMs(switchIntervalMs)} ` : '',
  };
  const sentence = Object.hasOwn(sentences, event.cause ?? '') ? sentences[event.cause as GilCause] : Object.hasOwn(plain, event.kind) ? plain[event.kind] : undefined;
  return sentence ? sentence(named) : `${named.who}: ${String(event.kind)}`;
}
