import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type SuiteCounts, readAllSuiteCounts, writeSuiteCounts } from '../../harness/resultsFile';
import { type Suite, runSuites } from '../../harness/runSuites';

// The runner over real child processes: tiny `node -e` scripts that behave like a suite that
// passes, fails, crashes, is killed or runs nothing. Each notes in ran.log that it ran, so the
// tests see which suites really started, not only what the runner recorded.

interface Behaviour {
  /** What the suite writes to its results file: counts, or raw text to stand for a corrupt file. */
  counts?: Omit<SuiteCounts, 'suite'> | string;
  exit?: number;
  killedBy?: NodeJS.Signals;
}

function fakeSuite(name: string, kind: Suite['kind'], behaviour: Behaviour, dir: string): Suite {
  const results =
    typeof behaviour.counts === 'string'
      ? behaviour.counts
      : JSON.stringify({ suite: name, ...behaviour.counts });
  const script = [
    `const fs = require('node:fs'), path = require('node:path');`,
    `fs.appendFileSync(${JSON.stringify(path.join(dir, 'ran.log'))}, ${JSON.stringify(`${name}\n`)});`,
    behaviour.counts === undefined
      ? ''
      : `fs.writeFileSync(path.join(process.env.TWIN_CHAT_RESULTS_DIR, ${JSON.stringify(`${name}.json`)}),` +
        ` ${JSON.stringify(results)});`,
    behaviour.killedBy === undefined ? '' : `process.kill(process.pid, '${behaviour.killedBy}');`,
    `process.exit(${behaviour.exit ?? 0});`,
  ].join('\n');
  return { name, kind, command: process.execPath, args: ['-e', script] };
}

describe('runSuites: every suite runs and tells the truth', () => {
  let dir: string;
  let resultsDir: string;
  const log: string[] = [];
  const run = (suites: Suite[]) =>
    runSuites(suites, { resultsDir, log: (line) => void log.push(line) });
  const ran = () => fs.readFileSync(path.join(dir, 'ran.log'), 'utf8').split('\n').filter(Boolean);
  const byName = (outcomes: SuiteCounts[]) => new Map(outcomes.map((o) => [o.suite, o]));

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-runner-'));
    resultsDir = path.join(dir, 'results');
    fs.mkdirSync(resultsDir);
    log.length = 0;
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs every suite after failing and crashing ones and records a reason for each breakage', async () => {
    const suites = [
      fakeSuite('lint', 'check', { exit: 1 }, dir),
      fakeSuite('typecheck', 'check', { exit: 0 }, dir),
      fakeSuite('unit', 'tests', { counts: { passed: 5, failed: 2, pending: 1 }, exit: 2 }, dir),
      fakeSuite('webview', 'tests', { exit: 1 }, dir),
      fakeSuite(
        'integration',
        'tests',
        { counts: { passed: 3, failed: 0, pending: 0 }, exit: 1 },
        dir,
      ),
      fakeSuite('e2e', 'tests', { counts: { passed: 0, failed: 0, pending: 4 } }, dir),
      fakeSuite('killed', 'tests', { killedBy: 'SIGKILL' }, dir),
      fakeSuite('bench', 'tests', { counts: { passed: 7, failed: 0, pending: 0 } }, dir),
    ];
    const outcomes = await run(suites);

    assert.deepEqual(
      ran(),
      suites.map((s) => s.name),
      'every suite started, in order',
    );
    assert.deepEqual(
      outcomes.map((o) => o.suite),
      suites.map((s) => s.name),
    );
    const o = byName(outcomes);
    assert.deepEqual(o.get('lint'), {
      suite: 'lint',
      passed: 0,
      failed: 1,
      pending: 0,
      reason: 'exited with code 1',
    });
    assert.deepEqual(o.get('typecheck'), { suite: 'typecheck', passed: 1, failed: 0, pending: 0 });
    assert.deepEqual(o.get('unit'), { suite: 'unit', passed: 5, failed: 2, pending: 1 });
    assert.match(o.get('webview')?.reason ?? '', /^exited with code 1 with no results file/);
    assert.equal(o.get('webview')?.failed, 1);
    assert.deepEqual(o.get('integration'), {
      suite: 'integration',
      passed: 3,
      failed: 1,
      pending: 0,
      reason: 'exited with code 1 although no test failed',
    });
    assert.deepEqual(o.get('e2e'), {
      suite: 'e2e',
      passed: 0,
      failed: 1,
      pending: 4,
      reason: 'ran no tests',
    });
    assert.match(o.get('killed')?.reason ?? '', /^was killed by SIGKILL with no results file/);
    assert.deepEqual(o.get('bench'), { suite: 'bench', passed: 7, failed: 0, pending: 0 });

    // What the summary totals is what the runner wrote, one file per suite, none left out.
    const recorded = readAllSuiteCounts(resultsDir);
    assert.deepEqual(recorded.map((r) => r.suite).sort(), suites.map((s) => s.name).sort());
    const total = (key: 'passed' | 'failed') => recorded.reduce((sum, r) => sum + r[key], 0);
    assert.deepEqual([total('passed'), total('failed')], [1 + 5 + 3 + 7, 1 + 2 + 1 + 1 + 1 + 1]);
    assert.ok(
      log.some((line) =>
        line.includes('webview: 0 passed, 1 failed, 0 skipped: exited with code 1'),
      ),
    );
  });

  it('records a suite whose command cannot be started as failed, and runs the next', async () => {
    const missing: Suite = {
      name: 'unit',
      kind: 'tests',
      command: path.join(dir, 'no-such-tool'),
      args: [],
    };
    const outcomes = await run([
      missing,
      fakeSuite('bench', 'tests', { counts: { passed: 1, failed: 0, pending: 0 } }, dir),
    ]);

    assert.deepEqual(ran(), ['bench']);
    assert.equal(outcomes[0]?.failed, 1);
    assert.match(outcomes[0]?.reason ?? '', /^could not start: .*ENOENT/);
    assert.equal(outcomes[1]?.failed, 0);
  });

  it('does not take a results file left by an earlier run for this run', async () => {
    writeSuiteCounts({ suite: 'unit', passed: 40, failed: 0, pending: 0 }, resultsDir);
    const [outcome] = await run([fakeSuite('unit', 'tests', { exit: 1 }, dir)]);

    assert.equal(outcome?.passed, 0);
    assert.equal(outcome?.failed, 1);
    assert.match(outcome?.reason ?? '', /no results file/);
  });

  it('counts a malformed results file as a failure', async () => {
    const corrupt = '{"suite":"unit","passed":"3","failed":0,"pending":0}';
    const [outcome] = await run([fakeSuite('unit', 'tests', { counts: corrupt }, dir)]);

    assert.equal(outcome?.failed, 1);
    assert.match(outcome?.reason ?? '', /exited with code 0 with a malformed results file/);
  });
});
