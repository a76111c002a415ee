/**
 * A shared variable's value during one run, and the bookkeeping that loses updates.
 *
 * A loop of a million increments is one stretch of bytecode work, not a million
 * events: the engine tells the counter when a thread's loop starts running on a CPU
 * and when it stops (paused by a thread switch or preemption, or done), and the
 * counter works out what happened in between.
 *
 * - With a GIL only the holder runs bytecode, so between two stops of one thread
 *   nobody else wrote: the turns it completed each add one. When it stops, the switch
 *   may have landed inside the read-modify-write window (`windowChance`, drawn from
 *   the run's seeded random source): it has read the value and will write it back
 *   plus one when it runs again, wiping out whatever the other threads added
 *   meanwhile. That stale write is the lost update the timeline marks.
 * - Without a GIL the threads' windows overlap in real time: for the part of a
 *   stretch during which another thread was updating the same variable on another
 *   CPU, each update is lost with the window's share of a turn (an update is lost when
 *   its write lands inside another thread's window).
 */

import type { Random } from '../engine/rng';
import type { Recorder } from '../trace/recorder';
import type { SharedResult } from '../result';

/** One thread's increment loop on one variable, while it lasts. */
export class IncrementLoop {
  /** Turns completed (each wrote the variable). */
  #done = 0;
  /** Value read by the turn in progress when the thread was stopped inside the window. */
  #stale: number | null = null;
  #resumedAt = 0;
  /** The coming stale write is already marked on the timeline. */
  #marked = false;
  /** Time, within the current stretch, that another thread was updating the variable too. */
  concurrentNs = 0;

  constructor(
    readonly counter: SharedCounter,
    readonly thread: number,
    readonly times: number,
    readonly bytecodesPerTurn: number,
    /** Chance that a stop lands between the read and the write (0 with a lock). */
    readonly windowChance: number,
    /** Without a GIL: the share of a turn during which the read value is not yet written. */
    readonly overlapLoss: number,
  ) {}

  /** The loop starts or resumes running on a CPU. */
  resumed(): void {
    this.counter.settle();
    this.#resumedAt = this.counter.now();
    this.concurrentNs = 0;
    this.counter.running.add(this);
    // With a GIL nobody writes between now and this thread's first write, so if the
    // value moved since it was read, that write (moments from now) wipes the change out.
    if (this.#stale !== null && !this.#marked && this.counter.value !== this.#stale) {
      this.#marked = true;
      this.counter.lostUpdate(this.thread, this.#resumedAt);
    }
  }

  /** The loop stopped with `unitsLeft` bytecodes still to run (0: done). */
  paused(unitsLeft: number): void {
    const counter = this.counter;
    counter.settle();
    counter.running.delete(this);
    const now = counter.now();
    const finished = unitsLeft <= 0;
    const total = this.times * this.bytecodesPerTurn;
    const doneNow = finished ? this.times : Math.min(this.times, Math.floor((total - unitsLeft) / this.bytecodesPerTurn + 1e-9));
    let turns = doneNow - this.#done;
    this.#done = doneNow;
    counter.expected += turns;
    if (turns > 0 && this.#stale !== null) {
      // The first turn completed writes back the value read before the switch.
      counter.value = this.#stale + 1;
      this.#stale = null;
      this.#marked = false;
      turns--;
    }
    const stretch = now - this.#resumedAt;
    const lost = stretch > 0 && this.overlapLoss > 0 ? counter.draw(turns * this.overlapLoss * Math.min(1, this.concurrentNs / stretch)) : 0;
    counter.value += turns - lost;
    if (lost > 0) counter.lostUpdate(this.thread, now);
    if (!finished && this.#stale === null && this.windowChance > 0 && counter.random.next() < this.windowChance) {
      this.#stale = counter.value;
    }
  }
}

/** One shared variable in one interpreter (each interpreter, and each process, has its own globals). */
export class SharedCounter {
  value: number;
  expected: number;
  /** Loops of this variable running on a CPU right now. */
  readonly running = new Set<IncrementLoop>();
  #settledAt = 0;

  constructor(
    readonly name: string,
    initial: number,
    readonly now: () => number,
    readonly random: Random,
    readonly recorder: Recorder,
  ) {
    this.value = initial;
    this.expected = initial;
  }

  /** Credit the time since the last change to every loop that ran alongside another. */
  settle(): void {
    const now = this.now();
    if (this.running.size >= 2) {
      for (const loop of this.running) loop.concurrentNs += now - this.#settledAt;
    }
    this.#settledAt = now;
  }

  /** A whole number of updates with mean `mean`, rounded up or down by chance. */
  draw(mean: number): number {
    const whole = Math.floor(mean);
    return whole + (this.random.next() < mean - whole ? 1 : 0);
  }

  lostUpdate(thread: number, atNs: number): void {
    this.recorder.event('lost-update', thread, atNs);
  }

  result(): SharedResult {
    return { name: this.name, value: this.value, expected: this.expected, lost: this.expected - this.value };
  }
}
