/**
 * Linux's Completely Fair Scheduler (to 6.5), the rules the simulator used first and
 * still uses for the machines whose figures were fitted with them (the MacBooks):
 *
 * - The run queue is first-in, first-out; a thread that has run for a time slice while
 *   others queue goes to its back.
 * - A woken thread preempts the running thread whose virtual runtime exceeds its own by
 *   the most, if by at least the wake-up granularity (`sysctl_sched_wakeup_granularity`);
 *   the preempted thread waits at the queue's front, as CFS would pick it next.
 * - A thread that slept is placed at most the sleeper credit behind the others
 *   (`place_entity` with GENTLE_FAIR_SLEEPERS).
 */
import type { Cpu, Placed, RunState, Schedulable, SchedulingPolicy } from './scheduler';

export interface CfsCosts {
  timeSliceNs: number;
  wakeupGranularityNs: number;
  sleeperCreditNs: number;
}

export class CfsPolicy implements SchedulingPolicy {
  constructor(private readonly state: RunState, private readonly costs: CfsCosts) {}

  joining(): void {}

  placeWoken(thread: Placed): void {
    const { cpus, queue } = this.state;
    let min = Infinity;
    for (const cpu of cpus) if (cpu.thread && cpu.thread !== thread) min = Math.min(min, this.state.vruntimeOn(cpu));
    // A scan: the run queue stays short (threads mostly wait on the GIL or I/O, not for a CPU).
    for (let index = 0; index < queue.length; index++) min = Math.min(min, queue.at(index)!.vruntime);
    if (min < Infinity) thread.vruntime = Math.max(thread.vruntime, min - this.costs.sleeperCreditNs);
  }

  victimFor(waker: Placed): Cpu | null {
    let best: Cpu | null = null;
    let bestGap = this.costs.wakeupGranularityNs;
    for (const cpu of this.state.cpus) {
      if (!cpu.thread) return null;
      const gap = this.state.vruntimeOn(cpu) - waker.vruntime;
      if (gap >= bestGap) {
        best = cpu;
        bestGap = gap;
      }
    }
    return best;
  }

  requeuePreempted(victim: Schedulable): void {
    this.state.queue.pushFront(victim);
  }

  next(): Schedulable | undefined {
    return this.state.queue.popFront();
  }

  leaving(): void {}

  dispatched(): void {}

  untilCheck(cpu: Cpu): number {
    return Math.max(0, cpu.since + this.costs.timeSliceNs - this.state.now);
  }

  check(): Schedulable | undefined {
    return this.state.queue.popFront();
  }
}
