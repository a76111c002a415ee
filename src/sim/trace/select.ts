/**
 * The k-th smallest of a set of numbers in linear time on average (quickselect),
 * for latency percentiles: a long run has hundreds of thousands of samples, and
 * sorting them all to read two ranks costs more than the rest of the summary.
 */

/**
 * Reorder `values[from..to)` so that `values[k]` is the value a full sort would
 * put there, everything before it is <= and everything after it >=; returns it.
 * No NaN in `values`.
 */
export function selectKth(values: Float64Array, k: number, from = 0, to = values.length): number {
  if (!(k >= from && k < to)) throw new RangeError(`rank ${k} outside [${from}, ${to})`);
  let left = from;
  let right = to - 1;
  // Introselect: should the pivots keep being bad, sort what is left instead.
  let budget = 2 * Math.ceil(Math.log2(to - from + 1)) + 8;
  while (right > left) {
    if (budget-- === 0) {
      values.subarray(left, right + 1).sort();
      break;
    }
    const pivot = medianOfThree(values[left], values[(left + right) >> 1], values[right]);
    // Hoare partition around the pivot value.
    let low = left;
    let high = right;
    while (low <= high) {
      while (values[low] < pivot) low++;
      while (values[high] > pivot) high--;
      if (low <= high) {
        const swap = values[low];
        values[low++] = values[high];
        values[high--] = swap;
      }
    }
    // Now [left..high] <= pivot <= [low..right], and anything between equals the pivot.
    if (k <= high) right = high;
    else if (k >= low) left = low;
    else break;
  }
  return values[k];
}

function medianOfThree(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
}
