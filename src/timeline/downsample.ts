/**
 * Reduce a lane's intervals to what a given pixel width can show. A long run can
 * record hundreds of thousands of intervals; drawing each would make the SVG
 * megabytes of sub-pixel rectangles. Each pixel column keeps the key (state or
 * thread) that covers most of it, and neighbouring columns with the same key
 * merge into one segment. One exception: a thread that is blocked most of a column
 * but does some work in it shows the work, so short bursts between long waits (a
 * heartbeat, an I/O loop) stay visible at any zoom.
 */

/** The key that gives way to any other key present in a column: a sleeping thread. */
export const yieldingKey = 'blocked';

/**
 * Index of the key a column shows, from each key's coverage of the column (-1 if
 * nothing covers it): the largest, unless that is `yieldingKey` and some other key
 * covers part of the column too. Ties go to the lower index.
 */
export function pickKey(coverage: ArrayLike<number>, keys: readonly string[]): number {
  let best = -1;
  let bestActive = -1;
  for (let index = 0; index < coverage.length; index++) {
    const amount = coverage[index];
    if (!(amount > 0)) continue;
    if (best < 0 || amount > coverage[best]) best = index;
    if (keys[index] !== yieldingKey && (bestActive < 0 || amount > coverage[bestActive])) bestActive = index;
  }
  return best >= 0 && keys[best] === yieldingKey && bestActive >= 0 ? bestActive : best;
}

/** An interval of a lane, in ms, tagged with what it shows (a state, a thread colour). */
export interface KeyedInterval {
  start: number;
  end: number;
  key: string;
}

/** A drawable run of whole pixel columns, in plot coordinates. */
export interface Segment {
  x: number;
  width: number;
  key: string;
}

/**
 * Downsample `intervals` to `columns` pixel columns of `msPerPixel` each, starting at 0 ms.
 * Columns nothing covers stay empty. Ties go to the key seen first, so the output is deterministic.
 */
export function downsample(intervals: readonly KeyedInterval[], msPerPixel: number, columns: number): Segment[] {
  if (!(msPerPixel > 0) || columns <= 0) return [];
  const keys: string[] = [];
  const keyIndex = new Map<string, number>();
  const coverage: Float64Array[] = [];
  for (const interval of intervals) {
    const x0 = Math.max(0, interval.start / msPerPixel);
    const x1 = Math.min(columns, interval.end / msPerPixel);
    if (!(x1 > x0)) continue;
    let index = keyIndex.get(interval.key);
    if (index === undefined) {
      index = keys.length;
      keys.push(interval.key);
      keyIndex.set(interval.key, index);
      coverage.push(new Float64Array(columns));
    }
    const covered = coverage[index];
    for (let column = Math.floor(x0); column < x1; column++) {
      covered[column] += Math.min(x1, column + 1) - Math.max(x0, column);
    }
  }

  const segments: Segment[] = [];
  const column = new Float64Array(keys.length);
  for (let x = 0; x < columns; x++) {
    for (let index = 0; index < keys.length; index++) column[index] = coverage[index][x];
    const best = pickKey(column, keys);
    if (best < 0) continue;
    const last = segments[segments.length - 1];
    if (last && last.key === keys[best] && last.x + last.width === x) last.width += 1;
    else segments.push({ x, width: 1, key: keys[best] });
  }
  return segments;
}
