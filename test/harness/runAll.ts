import * as fs from 'node:fs';
import { RESULTS_DIR } from './resultsFile';
import { type Suite, runSuites } from './runSuites';

// `npm test` (after `node esbuild.js --tests`): every suite, in this order, even after one fails;
// exits 1 if any failed. `npm run test:summary` then totals what they recorded.
// TWIN_CHAT_SUITES=lint,typecheck,unit runs only the named suites.

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Each suite runs through its own npm script, so `npm test` and `npm run test:x` cannot drift. */
const SUITES: Suite[] = [
  { name: 'lint', kind: 'check', command: npm, args: ['run', 'lint'] },
  { name: 'typecheck', kind: 'check', command: npm, args: ['run', 'typecheck'] },
  { name: 'unit', kind: 'tests', command: npm, args: ['run', 'test:unit'] },
  { name: 'webview', kind: 'tests', command: npm, args: ['run', 'test:webview'] },
  { name: 'integration', kind: 'tests', command: npm, args: ['run', 'test:integration'] },
  { name: 'e2e', kind: 'tests', command: npm, args: ['run', 'test:e2e'] },
  { name: 'bench', kind: 'tests', command: npm, args: ['run', 'test:bench'] },
];

function chosenSuites(): Suite[] {
  const wanted = process.env.TWIN_CHAT_SUITES?.split(',').map((name) => name.trim());
  if (wanted === undefined) return SUITES;
  const unknown = wanted.filter((name) => !SUITES.some((suite) => suite.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `TWIN_CHAT_SUITES names unknown suites: ${unknown.join(', ')} (known: ${SUITES.map((s) => s.name).join(', ')})`,
    );
  }
  return SUITES.filter((suite) => wanted.includes(suite.name));
}

async function main(): Promise<void> {
  // Counts from an earlier run must not join this run's total, even if this one stops here.
  fs.rmSync(RESULTS_DIR, { recursive: true, force: true });
  const suites = chosenSuites();
  const outcomes = await runSuites(suites, { resultsDir: RESULTS_DIR });
  const failed = outcomes.filter((outcome) => outcome.failed > 0).map((outcome) => outcome.suite);
  console.log(
    failed.length === 0
      ? `[suites] all ${outcomes.length} suites passed`
      : `[suites] ${failed.length} of ${outcomes.length} suites failed: ${failed.join(', ')}`,
  );
  process.exitCode = failed.length === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(`[suites] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
