import * as assert from 'node:assert/strict';
import { BENCHES, BENCHMARKS } from '../../bench/benches';
import type { BenchRow } from '../../bench/lib/result';

// A smoke run of every benchmark (`quick`: as few iterations as still exercise each code path):
// it checks they run and report well-formed rows, never how fast anything is. Real figures come
// from `npm run bench`. The list is bench/benches.ts's, the one `npm run bench` runs: its static
// imports make a bench file that is missing or stops exporting `run` break the build.

const UNITS: Record<BenchRow['unit'], true> = {
  ms: true,
  KB: true,
  MB: true,
  fps: true,
  x: true,
  'deltas/s': true,
  'MB/s': true,
  count: true,
};

function checkRow(row: BenchRow): void {
  const where = `${row.bench}: ${row.metric}`;
  assert.ok(row.bench && row.metric, `a row without bench or metric: ${JSON.stringify(row)}`);
  assert.ok(Number.isFinite(row.value), `${where}: value ${row.value}`);
  assert.ok(UNITS[row.unit], `${where}: unit ${row.unit}`);
  assert.ok(Number.isInteger(row.runs) && row.runs >= 1, `${where}: runs ${row.runs}`);
  if (row.baseline) {
    assert.ok(row.baseline.label, `${where}: baseline without a label`);
    assert.ok(Number.isFinite(row.baseline.value), `${where}: baseline ${row.baseline.value}`);
  }
  if (row.ratio !== undefined)
    assert.ok(Number.isFinite(row.ratio), `${where}: ratio ${row.ratio}`);
  if (row.budget) {
    assert.ok(Number.isFinite(row.budget.limit), `${where}: budget ${row.budget.limit}`);
    if (row.budget.on === 'ratio')
      assert.ok(row.ratio !== undefined, `${where}: budget on no ratio`);
  }
}

describe('benchmarks, smoke run (they run; speed is not checked)', () => {
  for (const name of BENCHES) {
    it(`${name} reports well-formed rows`, async () => {
      const rows = await BENCHMARKS[name]({ quick: true });
      assert.ok(rows.length > 0, `${name} reported no rows`);
      for (const row of rows) checkRow(row);
    });
  }
});
