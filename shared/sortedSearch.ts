/**
 * Index of the first item whose key is at or after `at`, in items sorted by that key (a lower
 * bound; items.length when there is none). Snippet windows and quotation matching both walk
 * sorted runs of positions from a point on.
 */
export function firstIndexAtOrAfter<T>(items: readonly T[], at: number, keyOf: (item: T) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (keyOf(items[middle]!) < at) low = middle + 1;
    else high = middle;
  }
  return low;
}
