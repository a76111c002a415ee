/**
 * A double-ended queue on a ring buffer: push and pop at both ends in O(1)
 * (an array's `unshift`, or `splice` at the front, moves every element). The run
 * queue puts preempted threads back at its front; the old GIL puts a holder that
 * lost the lock back at the front of its sleepers.
 */
export class Deque<T> {
  #items: (T | undefined)[] = new Array(16);
  /** Slot of the front item. */
  #head = 0;
  #length = 0;

  get length(): number {
    return this.#length;
  }

  /** The item `index` places from the front (0: the front), or undefined. */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.#length) return undefined;
    return this.#items[(this.#head + index) & (this.#items.length - 1)];
  }

  pushBack(item: T): void {
    if (this.#length === this.#items.length) this.#grow();
    this.#items[(this.#head + this.#length) & (this.#items.length - 1)] = item;
    this.#length++;
  }

  pushFront(item: T): void {
    if (this.#length === this.#items.length) this.#grow();
    this.#head = (this.#head - 1) & (this.#items.length - 1);
    this.#items[this.#head] = item;
    this.#length++;
  }

  /** Remove and return the front item (undefined when empty). */
  popFront(): T | undefined {
    if (this.#length === 0) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head] = undefined;
    this.#head = (this.#head + 1) & (this.#items.length - 1);
    this.#length--;
    return item;
  }

  /** Remove `item` wherever it is (O(n): the items behind it move up); false if absent. */
  remove(item: T): boolean {
    const mask = this.#items.length - 1;
    for (let index = 0; index < this.#length; index++) {
      if (this.at(index) !== item) continue;
      for (let rest = index; rest < this.#length - 1; rest++) {
        this.#items[(this.#head + rest) & mask] = this.#items[(this.#head + rest + 1) & mask];
      }
      this.#items[(this.#head + this.#length - 1) & mask] = undefined;
      this.#length--;
      return true;
    }
    return false;
  }

  /** Double the ring (its size stays a power of two, so positions wrap with a mask). */
  #grow(): void {
    const items: (T | undefined)[] = new Array(this.#items.length * 2);
    for (let index = 0; index < this.#length; index++) items[index] = this.at(index);
    this.#items = items;
    this.#head = 0;
  }
}
