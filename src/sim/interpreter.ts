/**
 * An interpreter: one GIL domain. The main program has one; each process has its
 * own; each subinterpreter has its own from 3.12 (PEP 684) and shares its
 * creator's before.
 */

import type { GilModel } from './gil/model';

export class Interpreter {
  /** CPU that last executed this interpreter's bytecode (-1: none yet); moving costs cold caches. */
  lastPythonCpu = -1;
  constructor(
    readonly id: number,
    readonly name: string,
    /** OS process it lives in. */
    readonly process: number,
    readonly gil: GilModel,
  ) {}
}
