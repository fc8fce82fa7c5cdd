import * as fs from 'node:fs';
import { RESULTS_DIR, readAllSuiteCounts } from './resultsFile';

// `--reset` clears the results folder before a run; `--summary` prints one line totalled over all
// suites, the line CI reads (mocha's own summaries are per suite).
if (process.argv.includes('--reset')) {
  fs.rmSync(RESULTS_DIR, { recursive: true, force: true });
}
if (process.argv.includes('--summary')) {
  const suites = readAllSuiteCounts();
  for (const s of suites) {
    console.log(`  ${s.suite}: ${s.passed} passed, ${s.failed} failed, ${s.pending} skipped`);
  }
  const passed = suites.reduce((sum, s) => sum + s.passed, 0);
  const failed = suites.reduce((sum, s) => sum + s.failed, 0);
  const pending = suites.reduce((sum, s) => sum + s.pending, 0);
  console.log(`${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
}
