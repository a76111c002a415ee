/**
 * Fold repeated runs of lines into loops, so a scenario that did
 * `for (200 times) { sleep; py }` exports as a `for` loop, not 400 lines.
 */

/** A line of code, or a block repeated `times` times. */
export type Block = { line: string } | { times: number; body: Block[] };

/** Longest repeated block looked for, in lines. */
const maxPeriod = 24;

/**
 * Greedy: at each position take the period whose repeats cover the most lines
 * (the shortest period on ties), then fold the repeated block itself the same way.
 */
export function foldRepeats(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    let bestPeriod = 0;
    let bestTimes = 1;
    for (let period = 1; period <= maxPeriod && i + 2 * period <= lines.length; period++) {
      let times = 1;
      while (sameRun(lines, i, i + times * period, period)) times++;
      if (times >= 2 && period * times > bestPeriod * bestTimes) {
        bestPeriod = period;
        bestTimes = times;
      }
    }
    if (bestPeriod === 0) {
      blocks.push({ line: lines[i] });
      i++;
    } else {
      blocks.push({ times: bestTimes, body: foldRepeats(lines.slice(i, i + bestPeriod)) });
      i += bestPeriod * bestTimes;
    }
  }
  return blocks;
}

function sameRun(lines: readonly string[], a: number, b: number, length: number): boolean {
  if (b + length > lines.length) return false;
  for (let k = 0; k < length; k++) if (lines[a + k] !== lines[b + k]) return false;
  return true;
}

/** Indented Python source for `blocks`; loop variables are `_` (the body never reads them). */
export function renderBlocks(blocks: readonly Block[], indent: string): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    if ('line' in block) {
      out.push(indent + block.line);
    } else {
      out.push(`${indent}for _ in range(${block.times}):`);
      out.push(...renderBlocks(block.body, indent + '    '));
    }
  }
  return out;
}
