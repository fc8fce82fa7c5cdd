import type { Suite } from 'mocha';

/**
 * For a suite whose tests are the steps of one journey, each building on the last: once a step
 * fails, the rest of this suite is skipped (reported as pending). Mocha's own `bail` is not the
 * tool: a suite with `bail` set is skipped whole whenever any earlier test of the run failed, in
 * any file, so one broken journey silently hid the others.
 */
export function stepsInOrder(suite: Suite): void {
  let failed = false;
  suite.afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });
  suite.beforeEach(function () {
    if (failed) this.skip();
  });
}
