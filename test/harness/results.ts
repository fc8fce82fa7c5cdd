import { readAllSuiteCounts } from './resultsFile';

// `--summary` prints each suite's counts and one line totalled over all of them, the line CI reads
// (mocha's own summaries are per suite). A suite that failed without failing tests says why.
if (process.argv.includes('--summary')) {
  const suites = readAllSuiteCounts();
  // An empty folder means the run stopped before any suite (a failed build): that is no pass.
  if (suites.length === 0) {
    suites.push({
      suite: 'npm test',
      passed: 0,
      failed: 1,
      pending: 0,
      reason: 'no suite recorded results',
    });
  }
  for (const s of suites) {
    const reason = s.reason === undefined ? '' : ` (${s.reason})`;
    console.log(
      `  ${s.suite}: ${s.passed} passed, ${s.failed} failed, ${s.pending} skipped${reason}`,
    );
  }
  const passed = suites.reduce((sum, s) => sum + s.passed, 0);
  const failed = suites.reduce((sum, s) => sum + s.failed, 0);
  const pending = suites.reduce((sum, s) => sum + s.pending, 0);
  console.log(`${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
}
