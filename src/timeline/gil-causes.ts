/**
 * GIL events in words (placeholder by event kind until the engine records causes).
 */
import type { TraceEvent } from '../sim/result';

export function describeGilEvent(event: TraceEvent, nameOf: (thread: number) => string): string {
  const name = nameOf(event.thread);
  switch (event.kind) {
    case 'drop-request': return `${name}'s wait for the GIL timed out: it sets the drop request`;
    case 'failed-acquire': return `${name} woke up but the GIL had been taken again (a failed acquire)`;
    case 'handoff': return `${name} takes the GIL`;
    default: return `${name}: ${event.kind}`;
  }
}
