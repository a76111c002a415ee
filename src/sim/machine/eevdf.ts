/**
 * Linux's EEVDF scheduler (6.6 on; this project's VMs run 6.18), kernel/sched/fair.c
 * [P sources:linux-eevdf], for threads of equal weight:
 *
 * - Each runnable thread has a virtual runtime and a virtual deadline, the end of its
 *   current slice (`sysctl_sched_base_slice`). It is eligible while it has not run ahead
 *   of the average virtual runtime (`avg_vruntime`, `entity_eligible`).
 * - A free CPU takes the eligible thread with the earliest deadline (`pick_eevdf`).
 * - A running thread that has used its slice gets the next one (`update_deadline`). The
 *   kernel notices at the scheduler tick (or at a wake-up), and then the best eligible
 *   thread takes the CPU: two CPU-bound threads on one CPU switch every tick.
 * - A waking thread keeps the lag it went to sleep with (`place_entity`, PLACE_LAG), so
 *   a thread that mostly sleeps comes back behind, eligible and with an early deadline,
 *   and preempts at once a running thread that has run ahead of the average; a running
 *   thread that is still eligible keeps the rest of its slice (RUN_TO_PARITY).
 */
import type { Cpu, Placed, RunState, Schedulable, SchedulingPolicy } from './scheduler';

export interface EevdfCosts {
  /** `sysctl_sched_base_slice` as the kernel scaled it for the machine's CPUs, ns. */
  sliceNs: number;
  /** The scheduler tick, 1 / CONFIG_HZ, ns. */
  tickNs: number;
}

export class EevdfPolicy implements SchedulingPolicy {
  constructor(private readonly state: RunState, private readonly costs: EevdfCosts) {}

  /** The runnable threads other than `except`: how many and their virtual runtimes summed. */
  #others(except?: object): { sum: number; count: number } {
    const { cpus, queue } = this.state;
    let sum = 0;
    let count = 0;
    for (const cpu of cpus) if (cpu.thread && cpu.thread !== except) { sum += this.state.vruntimeOn(cpu); count++; }
    // A scan: the run queue stays short (threads mostly wait on the GIL or I/O, not for a CPU).
    for (let index = 0; index < queue.length; index++) {
      const queued = queue.at(index)!;
      if (queued !== except) { sum += queued.vruntime; count++; }
    }
    return { sum, count };
  }

  /** avg_vruntime over the runnable threads, null if there are none. */
  #average(): number | null {
    const { sum, count } = this.#others();
    return count ? sum / count : null;
  }

  joining(thread: Schedulable): void {
    this.placeWoken(thread);
  }

  /**
   * place_entity: the thread keeps the lag it left with. Joining moves the average
   * towards it, so its lag is scaled by (n + 1) / n to be what it was once it has joined.
   */
  placeWoken(thread: Placed): void {
    const { sum, count } = this.#others(thread);
    if (count) thread.vruntime = sum / count - (thread.lag * (count + 1)) / count;
    thread.deadline = thread.vruntime + this.costs.sliceNs;
  }

  /**
   * check_preempt_wakeup_fair: the woken thread takes a CPU at once if it is eligible,
   * its deadline is earlier than the running thread's, and that thread's slice is not
   * protected (RUN_TO_PARITY protects it only while it is eligible itself).
   */
  victimFor(waker: Placed): Cpu | null {
    const { sum, count } = this.#others(waker);
    const average = (sum + waker.vruntime) / (count + 1);
    if (waker.vruntime > average) return null;
    let best: Cpu | null = null;
    for (const cpu of this.state.cpus) {
      if (!cpu.thread) return null;
      const running = this.state.vruntimeOn(cpu);
      if (running < cpu.protectUntil && running <= average) continue;
      this.#renewDeadline(cpu);
      // On a tie pick_eevdf prefers the other thread: the running one must be strictly earlier to stay.
      if (waker.deadline <= cpu.thread.deadline && (!best || cpu.thread.deadline > best.thread!.deadline)) best = cpu;
    }
    return best;
  }

  requeuePreempted(victim: Schedulable): void {
    this.state.queue.pushBack(victim);
  }

  next(): Schedulable | undefined {
    const pick = this.#bestQueued(this.#average());
    if (pick) this.state.queue.remove(pick);
    return pick;
  }

  /** update_entity_lag: the lag it sleeps with, limited as the kernel limits it. */
  leaving(thread: Schedulable, cpu: Cpu): void {
    const average = this.#average() ?? this.state.vruntimeOn(cpu);
    const limit = Math.max(2 * this.costs.sliceNs, this.costs.tickNs);
    thread.lag = Math.max(-limit, Math.min(limit, average - this.state.vruntimeOn(cpu)));
  }

  /** set_next_entity: a used-up slice is renewed, and the rest of it is protected. */
  dispatched(thread: Schedulable, cpu: Cpu): void {
    if (thread.vruntime >= thread.deadline) thread.deadline = thread.vruntime + this.costs.sliceNs;
    cpu.protectUntil = thread.deadline;
  }

  /** Ticks fall on one grid (CONFIG_HZ): a used-up slice is noticed at the first one after it. */
  untilCheck(): number {
    return this.costs.tickNs - (this.state.now % this.costs.tickNs);
  }

  /** The tick: a thread that has used its slice gives way to an eligible queued thread with an earlier deadline. */
  check(cpu: Cpu): Schedulable | undefined {
    if (!this.#renewDeadline(cpu)) return undefined;
    const average = this.#average();
    const challenger = this.#bestQueued(average);
    if (!challenger) return undefined;
    const runningEligible = average === null || this.state.vruntimeOn(cpu) <= average;
    if (runningEligible && cpu.thread!.deadline < challenger.deadline) return undefined;
    this.state.queue.remove(challenger);
    return challenger;
  }

  /** update_deadline: true if `cpu`'s thread had used its slice (it now has the next one). */
  #renewDeadline(cpu: Cpu): boolean {
    const thread = cpu.thread!;
    const running = this.state.vruntimeOn(cpu);
    if (running < thread.deadline) return false;
    thread.deadline = running + this.costs.sliceNs;
    return true;
  }

  /** pick_eevdf over the queue: the eligible thread with the earliest deadline (the least run, if none is eligible). */
  #bestQueued(average: number | null): Schedulable | undefined {
    const { queue } = this.state;
    let best: Schedulable | undefined;
    let leastRun: Schedulable | undefined;
    for (let index = 0; index < queue.length; index++) {
      const queued = queue.at(index)!;
      if (!leastRun || queued.vruntime < leastRun.vruntime) leastRun = queued;
      if (average !== null && queued.vruntime > average) continue;
      if (!best || queued.deadline < best.deadline) best = queued;
    }
    return best ?? leastRun;
  }
}
