// Stable counting sort of positions by small whole-number keys: linear in the rows, for the bulk paths.

/** `positions` reordered by `values[position]` (small whole numbers), equal values keeping their order. */
export function stableSortBy(positions: Int32Array, values: Int32Array): Int32Array {
  const n = positions.length;
  let max = 0;
  for (let i = 0; i < n; i++) max = Math.max(max, values[positions[i] ?? 0] ?? 0);
  // starts[v] = where the next position with value v goes.
  const starts = new Int32Array(max + 2);
  for (let i = 0; i < n; i++) {
    const next = (values[positions[i] ?? 0] ?? 0) + 1;
    starts[next] = (starts[next] ?? 0) + 1;
  }
  for (let v = 1; v <= max + 1; v++) starts[v] = (starts[v] ?? 0) + (starts[v - 1] ?? 0);
  const sorted = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const position = positions[i] ?? 0;
    const value = values[position] ?? 0;
    const at = starts[value] ?? 0;
    sorted[at] = position;
    starts[value] = at + 1;
  }
  return sorted;
}

/** 0, 1, …, n − 1: every position, to sort. */
export const allPositions = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);
