/** What every GIL model is built with. */
import type { Environment } from '../engine/env';
import type { Random } from '../engine/rng';
import type { Scheduler } from '../machine/scheduler';
import type { SimParams } from '../params';
import type { Recorder } from '../trace/recorder';

export interface GilContext {
  env: Environment;
  scheduler: Scheduler;
  random: Random;
  recorder: Recorder;
  params: SimParams;
  /** Interpreter this GIL belongs to (for the trace). */
  interpreter: number;
}

export const NS_PER_US = 1e3;
export const NS_PER_MS = 1e6;
