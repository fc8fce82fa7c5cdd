// The shape every benchmark reports in, so `npm run bench` can put them all in one table.
// A row is one measured figure, printed next to its baseline (measured in the same run) and,
// where the issue sets one, its budget.

export interface BenchRow {
  /** Which benchmark produced it, e.g. "render", "activation". */
  bench: string;
  /** What was measured, in words a reader of the table understands. */
  metric: string;
  /** Median over the runs. */
  value: number;
  unit: 'ms' | 'KB' | 'MB' | 'fps' | 'x' | 'deltas/s' | 'MB/s' | 'count';
  /** The same quantity for the baseline, when there is one. */
  baseline?: { label: string; value: number };
  /** value / baseline.value, when there is a baseline. */
  ratio?: number;
  /** The budget: the figure must stay at or below (or, for "min", at or above) it. */
  budget?: { limit: number; kind: 'max' | 'min'; on: 'value' | 'ratio' };
  /** How many runs the median is over. */
  runs: number;
  /** Anything a reader needs to interpret the figure (profile finding, caveat). */
  note?: string;
}

export interface BenchOptions {
  /** A smoke run for `npm test`: as few iterations as still exercise every code path. */
  quick: boolean;
}

/** A benchmark module's entry point. */
export type Benchmark = (options: BenchOptions) => Promise<BenchRow[]>;

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const at = (i: number): number => sorted[i] ?? NaN;
  return sorted.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

export function withinBudget(row: BenchRow): boolean | undefined {
  if (!row.budget) return undefined;
  const figure = row.budget.on === 'ratio' ? row.ratio : row.value;
  if (figure === undefined) return false;
  return row.budget.kind === 'max' ? figure <= row.budget.limit : figure >= row.budget.limit;
}
