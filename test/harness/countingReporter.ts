import * as Mocha from 'mocha';
import { writeSuiteCounts } from './resultsFile';

/**
 * Mocha's spec output plus a results file per suite. The suite name comes from the reporter
 * option `suite` (in .mocharc.json) so that every runner, including the one inside VS Code,
 * records into the same folder.
 */
class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
    super(runner, options);
    const suite = String(
      (options.reporterOptions as { suite?: string } | undefined)?.suite ?? 'unknown',
    );
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const stats = runner.stats;
      writeSuiteCounts({
        suite,
        passed: stats?.passes ?? 0,
        failed: stats?.failures ?? 0,
        pending: stats?.pending ?? 0,
      });
    });
  }
}

export = CountingReporter;
