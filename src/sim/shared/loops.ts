/**
 * One turn of the loops `increment` runs, bytecode by bytecode, and where CPython
 * may switch threads inside it. Which switch points exist is what decides whether
 * `counter += 1` loses updates on a given version:
 *
 * - up to 3.1 (old GIL) the holder releases the GIL when the check interval runs out,
 *   which is counted in ticks: one before every instruction that is not reached by a
 *   fast dispatch or a prediction (`cpython-old-gil-ceval`);
 * - 3.2 to 3.9 (new GIL) the holder notices a drop request at its next eval-breaker
 *   check, made by `DISPATCH()` after most instructions (`cpython-ceval-gil`);
 * - from 3.10 the eval breaker is checked only on function entry and backward jumps
 *   (`bpo-29988`), so a plain `counter += 1` in a loop is never split, while a call
 *   between the read and the write puts a switch point back inside;
 * - free-threaded builds have no GIL: the OS can stop a thread at any instruction and
 *   the other CPUs go on, so the window is open for its whole length (`pep-703`).
 *
 * The listings are those `dis` shows for the loops of `calibration/races/measure.py`
 * on 2.7.18, 3.9.18, 3.10.13 and 3.12.1 (3.11+ adds a RESUME at the callee's entry,
 * not counted here) [M sources:m-races].
 */

import type { IncrementVia } from '../op-types';

export type { IncrementVia };
/** The ways the loop can update the variable (the type is in op-types.ts, which imports nothing). */
export const incrementVias: readonly IncrementVia[] = ['inline', 'call'];

/** Where a thread switch can land, by interpreter generation. */
export type SwitchRule = 'ticks' | 'dispatch' | 'edges' | 'anywhere';

interface Instruction {
  name: string;
  /** Rules under which a switch may land just before this instruction. */
  switchBefore: readonly SwitchRule[];
}

interface Listing {
  instructions: readonly Instruction[];
  /** Index of the instruction that reads the variable (LOAD_GLOBAL) and of the one that writes it (STORE_GLOBAL). */
  read: number;
  write: number;
}

const all: readonly SwitchRule[] = ['ticks', 'dispatch', 'edges', 'anywhere'];
const op = (name: string, ...switchBefore: SwitchRule[]): Instruction => ({ name, switchBefore: [...switchBefore, 'anywhere'] });

// 2.7 ticks before an instruction reached by `continue`; LOAD_FAST, LOAD_CONST and
// STORE_FAST jump to fast_next_opcode, and FOR_ITER predicts STORE_FAST. 3.x builds use
// computed gotos, which turn PREDICT off, so DISPATCH() checks after FOR_ITER too; it
// still skips the check after FAST_DISPATCH() (LOAD_FAST, LOAD_CONST, STORE_FAST).
// [P sources:cpython-old-gil-ceval, sources:cpython-ceval-gil]
const listings: Record<IncrementVia, Listing> = {
  inline: {
    instructions: [
      { name: 'FOR_ITER', switchBefore: all }, // after the backward jump
      op('STORE_FAST _', 'dispatch'),
      op('LOAD_GLOBAL counter'),
      op('LOAD_CONST 1', 'ticks', 'dispatch'),
      op('INPLACE_ADD'),
      op('STORE_GLOBAL counter', 'ticks', 'dispatch'),
      op('JUMP_ABSOLUTE', 'ticks', 'dispatch'),
    ],
    read: 2,
    write: 5,
  },
  call: {
    instructions: [
      { name: 'FOR_ITER', switchBefore: all },
      op('STORE_FAST _', 'dispatch'),
      op('LOAD_GLOBAL bump'),
      op('LOAD_GLOBAL counter', 'ticks', 'dispatch'),
      op('CALL_FUNCTION 1', 'ticks', 'dispatch'),
      op('LOAD_FAST value', 'ticks', 'dispatch', 'edges'), // bump's first instruction: a function entry
      op('LOAD_CONST 1'),
      op('BINARY_ADD'),
      op('RETURN_VALUE', 'ticks', 'dispatch'),
      op('STORE_GLOBAL counter', 'ticks', 'dispatch'),
      op('JUMP_ABSOLUTE', 'ticks', 'dispatch'),
    ],
    read: 3,
    write: 9,
  },
};

/**
 * What one turn costs in the simulator, in simple bytecodes (`bytecodeNs` each): twice
 * its instructions, since LOAD_GLOBAL and STORE_GLOBAL are dictionary operations and a
 * call builds a frame; a turn took 1.6–4× a turn of the count loop, measured on a
 * loaded machine [U sources:m-races].
 */
export function bytecodesPerTurn(via: IncrementVia): number {
  return 2 * listings[via].instructions.length;
}

/**
 * `with lock:` around the update adds about this many bytecodes a turn (LOAD_GLOBAL,
 * SETUP_WITH, POP_TOP, the exit call and its constants) plus the C calls that acquire
 * and release [U].
 */
export const lockBytecodesPerTurn = 10;

/** Is the switch point before instruction `index` inside the read-modify-write window? */
function inWindow(listing: Listing, index: number): boolean {
  return index > listing.read && index <= listing.write;
}

/**
 * The chance that a switch lands inside the window (the thread has read the variable
 * and not yet written it back). Under the old GIL the check interval runs out at a
 * tick, every tick alike; a drop request or an OS preemption comes at a moment of its
 * own, so a switch point is as likely as the stretch of bytecodes that leads to it.
 */
export function windowChance(via: IncrementVia, rule: SwitchRule): number {
  const listing = listings[via];
  const points = listing.instructions.flatMap((instruction, index) => (instruction.switchBefore.includes(rule) ? [index] : []));
  if (points.length === 0) return 0;
  let total = 0;
  let inside = 0;
  const turn = listing.instructions.length;
  points.forEach((point, i) => {
    const previous = i === 0 ? points[points.length - 1] - turn : points[i - 1];
    const weight = rule === 'ticks' ? 1 : point - previous;
    total += weight;
    if (inWindow(listing, point)) inside += weight;
  });
  return inside / total;
}

/** Which switch rule a runtime follows, from its GIL kind and version. */
export function switchRule(gil: 'old' | 'new' | 'none', runtime: string): SwitchRule {
  if (gil === 'none') return 'anywhere';
  if (gil === 'old') return 'ticks';
  const match = /^cpython-(\d+)\.(\d+)/.exec(runtime);
  const [major, minor] = match ? [Number(match[1]), Number(match[2])] : [3, 12];
  return major > 3 || (major === 3 && minor >= 10) ? 'edges' : 'dispatch';
}

/** The instructions of one turn, for docs and tests. */
export function listing(via: IncrementVia): { names: string[]; read: number; write: number } {
  const { instructions, read, write } = listings[via];
  return { names: instructions.map((instruction) => instruction.name), read, write };
}
