import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { type SuiteCounts, readSuiteCounts, resultsPath, writeSuiteCounts } from './resultsFile';

/**
 * One step of `npm test`. A `tests` suite records its own counts through the counting reporter; a
 * `check` (lint, typecheck) has no tests to count, so it counts as one that passed or failed.
 */
export interface Suite {
  name: string;
  kind: 'tests' | 'check';
  command: string;
  args: string[];
}

/** How a suite's process ended: its exit code or signal, or why it could not be started at all. */
export type SuiteExit =
  { code: number | null; signal: NodeJS.Signals | null } | { startError: string };

export interface RunOptions {
  resultsDir: string;
  log?: (line: string) => void;
}

/**
 * Runs every suite in order, whatever the earlier ones did, each with live output, and records
 * for each the counts that tell the truth about it. A suite that crashed or never started is
 * recorded as failed with a reason, so that no total can leave it out.
 */
export async function runSuites(suites: Suite[], options: RunOptions): Promise<SuiteCounts[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const outcomes: SuiteCounts[] = [];
  for (const suite of suites) {
    // A file left by an earlier run must not stand in for this one.
    fs.rmSync(resultsPath(suite.name, options.resultsDir), { force: true });
    log(`[suites] ${suite.name}: ${[suite.command, ...suite.args].join(' ')}`);
    const exit = await runProcess(suite, options.resultsDir);
    const outcome = reconcile(suite, exit, readSuiteCounts(suite.name, options.resultsDir));
    writeSuiteCounts(outcome, options.resultsDir);
    log(`[suites] ${suite.name}: ${describeOutcome(outcome)}`);
    outcomes.push(outcome);
  }
  return outcomes;
}

/** The counts a suite earns from how its process ended and what (if anything) it recorded. */
export function reconcile(
  suite: Suite,
  exit: SuiteExit,
  recorded: SuiteCounts | string,
): SuiteCounts {
  const abnormalEnd = describeAbnormalEnd(exit);
  const name = suite.name;
  if (suite.kind === 'check') {
    return abnormalEnd === undefined
      ? { suite: name, passed: 1, failed: 0, pending: 0 }
      : { suite: name, passed: 0, failed: 1, pending: 0, reason: abnormalEnd };
  }
  if (typeof recorded === 'string') {
    return {
      suite: name,
      passed: 0,
      failed: 1,
      pending: 0,
      reason: `${abnormalEnd ?? 'exited with code 0'} with ${recorded} (it could not start or crashed; see its output)`,
    };
  }
  // Failed tests already explain a failing exit; only a suite whose counts claim success needs a reason.
  if (recorded.failed > 0) return { ...recorded, suite: name };
  const problems: string[] = [];
  if (abnormalEnd !== undefined) problems.push(`${abnormalEnd} although no test failed`);
  if (recorded.passed === 0) problems.push('ran no tests');
  if (problems.length === 0) return { ...recorded, suite: name };
  return { ...recorded, suite: name, failed: 1, reason: problems.join('; ') };
}

function describeAbnormalEnd(exit: SuiteExit): string | undefined {
  if ('startError' in exit) return `could not start: ${exit.startError}`;
  if (exit.signal !== null) return `was killed by ${exit.signal}`;
  if (exit.code !== 0) return `exited with code ${String(exit.code)}`;
  return undefined;
}

function describeOutcome(counts: SuiteCounts): string {
  const tally = `${counts.passed} passed, ${counts.failed} failed, ${counts.pending} skipped`;
  return counts.reason === undefined ? tally : `${tally}: ${counts.reason}`;
}

function runProcess(suite: Suite, resultsDir: string): Promise<SuiteExit> {
  return new Promise((resolve) => {
    const child = spawn(suite.command, suite.args, {
      stdio: 'inherit',
      env: { ...process.env, TWIN_CHAT_RESULTS_DIR: resultsDir },
    });
    // A process that cannot be spawned reports 'error' and may then 'close' too; the first word counts.
    let settled = false;
    const settle = (exit: SuiteExit): void => {
      if (settled) return;
      settled = true;
      resolve(exit);
    };
    child.once('error', (error) => settle({ startError: error.message }));
    child.once('close', (code, signal) => settle({ code, signal }));
  });
}
