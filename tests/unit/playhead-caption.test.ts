/** The playhead's caption: what it says at an instant agrees with itself and with the trace. */
import { describe, expect, test } from 'vitest';
import { runScenario } from 'gilsim';
import { captionAt, captionText } from '../../src/playhead/caption';
import { describeGilEvent } from '../../src/timeline/gil-causes';
import { MomentIndex } from '../../src/timeline/moment';
import { cpuThreads } from '../helpers/scenarios';

function captionsOf(runtime: 'cpython-3.12' | 'cpython-2.7') {
  const { trace } = runScenario(cpuThreads(2, 2e6), { runtime, cpus: 2 });
  const index = new MomentIndex(trace);
  const nameOf = (id: number) => index.thread(id)?.name ?? `thread ${id}`;
  return { trace, at: (time: number) => captionText(captionAt(index.at(time), describeGilEvent, nameOf)) };
}

describe('playhead caption', () => {
  test('at 0 ms main waits for a free GIL: the caption says it is about to take it, not just "free" and "waiting"', () => {
    const { trace, at } = captionsOf('cpython-3.12');
    const main = trace.intervals.find((interval) => interval.thread === 0)!;
    expect(main.state).toBe('gil-wait');
    expect(at(0)).toMatch(/^At 0 ms, the GIL is free and main is about to take it \(woken, not yet running\)\./);
  });

  test('while a thread holds the GIL the headline names it and adds nothing about free-GIL waiters', () => {
    const { trace, at } = captionsOf('cpython-2.7');
    const held = trace.gil.find((interval) => interval.end - interval.start > 0.1)!;
    const holder = trace.threads.find((thread) => thread.id === held.thread)!;
    const text = at((held.start + held.end) / 2);
    expect(text).toContain(`${holder.name} holds the GIL.`);
    expect(text).not.toContain('about to take it');
  });
});
