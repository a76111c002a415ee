/**
 * Seeded pseudo-random numbers (mulberry32). The simulator's only source of
 * randomness: wake-up jitter, which waiter the OS wakes, whether a woken waiter
 * lands in the holder's release window. Same seed, same run.
 */
export class Random {
  #state: number;
  constructor(seed: number) {
    // Spread small seeds (1, 2, 3...) over the state space.
    this.#state = (Math.imul(Math.floor(seed) ^ 0x9e3779b9, 0x85ebca6b) >>> 0) || 1;
  }
  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** `mean` scaled by a uniform factor in [1 - spread, 1 + spread]. */
  jitter(mean: number, spread = 0.5): number {
    return mean * (1 - spread + 2 * spread * this.next());
  }
  /** A uniformly chosen index below `length`. */
  index(length: number): number {
    return Math.floor(this.next() * length);
  }
}
