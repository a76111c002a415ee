/**
 * The engine's data structures behave exactly like the plain arrays they replace
 * (the simulator's results must not change by a bit): random sequences of
 * operations, long enough to make them grow and renumber, checked step by step
 * against an array doing the same; selection against a full sort.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { Deque } from '../../src/sim/engine/deque';
import { IndexedList } from '../../src/sim/engine/indexed-list';
import { selectKth } from '../../src/sim/trace/select';
import { summarize } from '../../src/sim/trace/recorder';

describe('Deque', () => {
  test('push and pop at both ends, and indexing, match an array', () => {
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('pushBack' as const), value: fc.integer() }),
      fc.record({ kind: fc.constant('pushFront' as const), value: fc.integer() }),
      fc.record({ kind: fc.constant('popFront' as const) }),
    );
    fc.assert(fc.property(fc.array(operation, { minLength: 50, maxLength: 400, size: 'max' }), (operations) => {
      const deque = new Deque<number>();
      const model: number[] = [];
      for (const op of operations) {
        if (op.kind === 'pushBack') { deque.pushBack(op.value); model.push(op.value); }
        else if (op.kind === 'pushFront') { deque.pushFront(op.value); model.unshift(op.value); }
        else expect(deque.popFront()).toBe(model.shift());
        expect(deque.length).toBe(model.length);
      }
      expect(Array.from({ length: deque.length + 1 }, (_, index) => deque.at(index))).toEqual([...model, undefined]);
    }));
  });
});

describe('IndexedList', () => {
  interface Item { id: number; slot: number }

  test('the k-th item after adds and removals anywhere is the k-th of an array spliced the same way', () => {
    const operation = fc.oneof(
      { arbitrary: fc.record({ kind: fc.constant('push' as const) }), weight: 3 },
      { arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }) }), weight: 2 },
    );
    fc.assert(fc.property(fc.array(operation, { minLength: 100, maxLength: 800, size: 'max' }), (operations) => {
      const list = new IndexedList<Item>();
      const model: Item[] = [];
      let id = 0;
      for (const op of operations) {
        if (op.kind === 'push') {
          const item = { id: id++, slot: -1 };
          list.push(item);
          model.push(item);
        } else if (model.length) {
          const rank = Math.floor(op.pick * model.length);
          const item = list.at(rank);
          expect(item).toBe(model[rank]);
          list.remove(item);
          model.splice(rank, 1);
        }
        expect(list.length).toBe(model.length);
      }
      expect(model.map((_, rank) => list.at(rank).id)).toEqual(model.map((item) => item.id));
    }));
  });

  test('refuses to remove an item twice and to look past its end', () => {
    const list = new IndexedList<Item>();
    const item = { id: 0, slot: -1 };
    list.push(item);
    list.remove(item);
    expect(() => list.remove(item)).toThrow(/not in the list/);
    expect(() => list.at(0)).toThrow(RangeError);
  });
});

describe('selectKth', () => {
  const samples = fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 1e9, noNaN: true })), { minLength: 1, maxLength: 3000, size: 'max' });

  test('finds the value a sort puts at each rank, with many ties or none', () => {
    fc.assert(fc.property(samples, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (values, pick) => {
      const sorted = Float64Array.from(values).sort();
      const k = Math.floor(pick * values.length);
      expect(selectKth(Float64Array.from(values), k)).toBe(sorted[k]);
    }));
  });

  test('latency percentiles are the nearest-rank values of the sorted samples', () => {
    fc.assert(fc.property(samples, (values) => {
      const sorted = [...values].sort((a, b) => a - b);
      const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] / 1e6;
      expect(summarize(values)).toEqual({ count: values.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] / 1e6 });
    }));
  });
});
