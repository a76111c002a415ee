/**
 * The timeline's thread colours (GIL and CPU lanes) must never be mistaken for a
 * thread state (the thread lanes): every thread colour differs from every state
 * colour of the same theme by a clearly visible amount, measured as CIEDE2000 ΔE
 * (culori's implementation). ΔE 2.3 is a just-noticeable difference; 20 is "another
 * colour", not "another shade".
 */
import { describe, expect, test } from 'vitest';
import { differenceCiede2000 } from 'culori';
import { stateColours, threadColours, type Theme } from '../../src/timeline';

const deltaE = differenceCiede2000();
/** The least difference between a thread colour and a state colour. */
const minFromStates = 20;
/** The least difference between two thread colours (threads need telling apart too, if less starkly). */
const minBetweenThreads = 10;

describe.each(['light', 'dark'] as Theme[])('the %s theme', (theme) => {
  test(`every thread colour is at least ΔE ${minFromStates} from every state colour`, () => {
    const tooClose = threadColours[theme].flatMap((thread, index) => Object.entries(stateColours[theme])
      .map(([state, colour]) => ({ pair: `thread ${index} ${thread} vs ${state} ${colour}`, distance: deltaE(thread, colour) }))
      .filter(({ distance }) => distance < minFromStates)
      .map(({ pair, distance }) => `${pair}: ΔE ${distance.toFixed(1)}`));
    expect(tooClose).toEqual([]);
  });

  test(`thread colours are at least ΔE ${minBetweenThreads} apart`, () => {
    const colours = threadColours[theme];
    const tooClose: string[] = [];
    for (let i = 0; i < colours.length; i++) {
      for (let j = i + 1; j < colours.length; j++) {
        const distance = deltaE(colours[i], colours[j]);
        if (distance < minBetweenThreads) tooClose.push(`threads ${i} and ${j} (${colours[i]}, ${colours[j]}): ΔE ${distance.toFixed(1)}`);
      }
    }
    expect(tooClose).toEqual([]);
  });

  test('both themes give every thread a colour (same number of entries)', () => {
    expect(threadColours[theme]).toHaveLength(threadColours.light.length);
  });
});

test('the distance measure separates what it should: a state colour is far from grey, near itself', () => {
  expect(deltaE(stateColours.light.python, stateColours.light.python)).toBe(0);
  expect(deltaE(stateColours.light['cpu-wait'], stateColours.light.blocked)).toBeGreaterThan(minFromStates);
});
