/**
 * Items in the order they were added, where any item can be removed and the
 * k-th can be found, both in O(log n): the new GIL's waiters, from which the OS
 * wakes one at random (an array needs O(n) `indexOf` + `splice` per removal,
 * which thousands of waiting threads make quadratic).
 *
 * Each item has a slot in arrival order; a Fenwick tree over the slots counts
 * the live ones, so "the k-th live item" is a walk down the tree. When the slots
 * run out they are renumbered in order, which keeps every item's rank.
 */

/** An item that remembers its slot (the list sets it). */
export interface Slotted {
  slot: number;
}

const MIN_CAPACITY = 64;

export class IndexedList<T extends Slotted> {
  #items: (T | undefined)[] = new Array(MIN_CAPACITY);
  /** Fenwick tree, 1-based: #tree[i] counts live slots in (i - lowbit(i), i]. */
  #tree = new Int32Array(MIN_CAPACITY + 1);
  /** Next unused slot. */
  #next = 0;
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(item: T): void {
    if (this.#next === this.#items.length) this.#renumber();
    item.slot = this.#next++;
    this.#items[item.slot] = item;
    this.#add(item.slot, 1);
    this.#length++;
  }

  /** Remove `item` (which must be in the list). */
  remove(item: T): void {
    if (this.#items[item.slot] !== item) throw new Error('invariant: removing an item that is not in the list');
    this.#items[item.slot] = undefined;
    this.#add(item.slot, -1);
    this.#length--;
  }

  /** The item of rank `rank` (0: the earliest added still in the list). */
  at(rank: number): T {
    if (!(rank >= 0 && rank < this.#length)) throw new RangeError(`rank ${rank} outside a list of ${this.#length}`);
    const tree = this.#tree;
    const capacity = this.#items.length;
    let position = 0;
    let left = rank;
    for (let step = capacity; step > 0; step >>= 1) {
      const next = position + step;
      if (next <= capacity && tree[next] <= left) {
        position = next;
        left -= tree[next];
      }
    }
    return this.#items[position]!;
  }

  #add(slot: number, delta: number): void {
    const tree = this.#tree;
    for (let index = slot + 1; index < tree.length; index += index & -index) tree[index] += delta;
  }

  /** Out of slots: move the live items to the first slots, in order, in a list at most half full. */
  #renumber(): void {
    let capacity = this.#items.length;
    while (this.#length * 2 > capacity) capacity *= 2;
    // In place when the capacity stays: an item only ever moves to a lower slot.
    const items = capacity === this.#items.length ? this.#items : new Array<T | undefined>(capacity);
    let slot = 0;
    for (let from = 0; from < this.#items.length; from++) {
      const item = this.#items[from];
      if (!item) continue;
      this.#items[from] = undefined;
      item.slot = slot;
      items[slot++] = item;
    }
    this.#items = items;
    this.#next = slot;
    // Linear-time Fenwick build: each node passes its count up to its parent.
    const tree = capacity + 1 === this.#tree.length ? this.#tree.fill(0) : new Int32Array(capacity + 1);
    for (let index = 1; index <= capacity; index++) {
      if (index <= slot) tree[index] += 1;
      const parent = index + (index & -index);
      if (parent <= capacity) tree[parent] += tree[index];
    }
    this.#tree = tree;
  }
}
