import { describe, expect, test } from 'vitest';
import { RequestCounter, type RunnerReply } from '../../src/playground/protocol';

const result = (id: number): RunnerReply => ({ type: 'result', id, runs: [], elapsedMs: 1 });

describe('request ids', () => {
  test('only the latest request\'s replies are current', () => {
    const requests = new RequestCounter();
    const first = requests.next();
    const second = requests.next();
    expect(second).toBeGreaterThan(first);
    expect(requests.isCurrent(result(first))).toBe(false);
    expect(requests.isCurrent(result(second))).toBe(true);
    expect(requests.isCurrent({ type: 'status', id: first, text: 'late' })).toBe(false);
  });

  test('after Stop, the stopped request\'s late reply is dropped', () => {
    const requests = new RequestCounter();
    const id = requests.next();
    requests.cancel();
    expect(requests.isCurrent(result(id))).toBe(false);
    expect(requests.isCurrent({ type: 'ready' })).toBe(true);
  });
});
