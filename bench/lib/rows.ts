// Building a benchmark's rows (bench/lib/result.ts).
import type { BenchRow } from './result';

/** A row of `row.value` against a baseline measured in the same run, with their ratio. */
export function versusBaseline(
  row: Omit<BenchRow, 'baseline' | 'ratio'>,
  baseline: { label: string; value: number },
): BenchRow {
  return { ...row, baseline, ratio: row.value / baseline.value };
}
