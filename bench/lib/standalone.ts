// Lets every bench file run on its own (`node out/bench/<name>.js [--quick]`) as well as from
// `npm run bench`: it prints the rows in the same words the results table uses.
import * as path from 'node:path';
import { withinBudget, type Benchmark, type BenchRow } from './result';

function figure(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '-';
  const abs = Math.abs(value);
  return value.toFixed(abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3);
}

export function budgetText(row: BenchRow): string {
  if (!row.budget) return '-';
  const sign = row.budget.kind === 'max' ? '≤' : '≥';
  const unit = row.budget.on === 'ratio' ? 'x' : ` ${row.unit}`;
  return `${sign} ${figure(row.budget.limit)}${unit}`;
}

export function describeRow(row: BenchRow): {
  value: string;
  baseline: string;
  ratio: string;
  budget: string;
  within: string;
} {
  const within = withinBudget(row);
  return {
    value: `${figure(row.value)} ${row.unit}`,
    baseline: row.baseline
      ? `${figure(row.baseline.value)} ${row.unit} (${row.baseline.label})`
      : '-',
    ratio: row.ratio === undefined ? '-' : `${figure(row.ratio)}x`,
    budget: budgetText(row),
    within: within === undefined ? '-' : within ? 'yes' : 'NO',
  };
}

export function printRows(rows: readonly BenchRow[]): void {
  for (const row of rows) {
    const d = describeRow(row);
    console.log(`${row.bench}: ${row.metric}`);
    console.log(`  ${d.value}   baseline ${d.baseline}   ratio ${d.ratio}`);
    console.log(`  budget ${d.budget}   within budget: ${d.within}   runs: ${row.runs}`);
    if (row.note) console.log(`  ${row.note}`);
  }
}

/**
 * Whether out/bench/<name>.js is the program. Not `require.main === module`: bench/run.ts bundles
 * every benchmark into one file (bench/benches.ts imports them), where that holds for each of them.
 */
export function isProgram(name: string): boolean {
  const script = process.argv[1] ?? '';
  return path.basename(script, '.js') === name && path.basename(path.dirname(script)) === 'bench';
}

/** Runs `bench` when bench/<name>.ts is the program (`node out/bench/<name>.js [--quick]`). */
export function runStandalone(name: string, bench: Benchmark): void {
  if (!isProgram(name)) return;
  bench({ quick: process.argv.includes('--quick') }).then(printRows, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
