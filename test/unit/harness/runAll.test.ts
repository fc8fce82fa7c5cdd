import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../../harness/repoRoot';
import type { SuiteCounts } from '../../harness/resultsFile';

// The real `npm test` entry (out/test/harness/runAll.js) and the real closing line
// (results.js --summary), with a stand-in `npm` first on PATH that plays each suite's script.

const harness = path.join(repoRoot(), 'out', 'test', 'harness');

interface Play {
  /** The results file the script writes, as the counting reporter would; none when it crashes. */
  counts?: SuiteCounts;
  exit?: number;
}

const FAKE_NPM = `
const fs = require('node:fs'), path = require('node:path');
const script = process.argv[3];
fs.appendFileSync(path.join(__dirname, 'ran.log'), script + '\\n');
const play = JSON.parse(fs.readFileSync(path.join(__dirname, 'plays.json'), 'utf8'))[script] ?? {};
if (play.counts) {
  fs.mkdirSync(process.env.TWIN_CHAT_RESULTS_DIR, { recursive: true });
  const file = path.join(process.env.TWIN_CHAT_RESULTS_DIR, play.counts.suite + '.json');
  fs.writeFileSync(file, JSON.stringify(play.counts));
}
process.exit(play.exit ?? 0);
`;

const passing = (suite: string, passed: number): Play => ({
  counts: { suite, passed, failed: 0, pending: 0 },
});

describe('npm test entry (runAll) and its closing line', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-runall-'));
    fs.writeFileSync(path.join(dir, 'npm.js'), FAKE_NPM);
    const npm = path.join(dir, 'npm');
    fs.writeFileSync(npm, `#!/bin/sh\nexec "${process.execPath}" "${dir}/npm.js" "$@"\n`);
    fs.chmodSync(npm, 0o755);
    const results = path.join(dir, 'results');
    env = { ...process.env, PATH: `${dir}${path.delimiter}${process.env.PATH ?? ''}` };
    env.TWIN_CHAT_RESULTS_DIR = results;
    delete env.TWIN_CHAT_SUITES;
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function node(script: string, args: string[] = [], extraEnv: NodeJS.ProcessEnv = {}) {
    const result = spawnSync(process.execPath, [path.join(harness, script), ...args], {
      env: { ...env, ...extraEnv },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: result.status, stdout: result.stdout };
  }
  const ran = () => fs.readFileSync(path.join(dir, 'ran.log'), 'utf8').split('\n').filter(Boolean);
  const plays = (map: Record<string, Play>) =>
    fs.writeFileSync(path.join(dir, 'plays.json'), JSON.stringify(map));
  const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);

  it('runs all seven suites after failures, exits 1, and the closing line counts every one with reasons', () => {
    // A count left from an earlier run must not reach this run's total.
    fs.mkdirSync(path.join(dir, 'results'));
    fs.writeFileSync(
      path.join(dir, 'results', 'old.json'),
      JSON.stringify({ suite: 'old', passed: 100, failed: 0, pending: 0 }),
    );
    plays({
      lint: { exit: 1 },
      'test:unit': passing('unit', 10),
      'test:webview': { exit: 1 }, // the browser did not launch: no results file
      'test:integration': {
        counts: { suite: 'integration', passed: 0, failed: 1, pending: 0, reason: 'no server' },
        exit: 1,
      },
      'test:e2e': passing('e2e', 9),
      'test:bench': passing('bench', 4),
    });

    const run = node('runAll.js');
    assert.equal(run.status, 1);
    assert.deepEqual(ran(), [
      'lint',
      'typecheck',
      'test:unit',
      'test:webview',
      'test:integration',
      'test:e2e',
      'test:bench',
    ]);
    assert.equal(lastLine(run.stdout), '[suites] 3 of 7 suites failed: lint, webview, integration');

    const closing = node('results.js', ['--summary']).stdout;
    assert.equal(lastLine(closing), `${1 + 10 + 9 + 4} passed, 3 failed`);
    assert.match(closing, /lint: 0 passed, 1 failed, 0 skipped \(exited with code 1\)/);
    assert.match(
      closing,
      /webview: 0 passed, 1 failed, 0 skipped \(exited with code 1 with no results file/,
    );
    assert.match(closing, /integration: 0 passed, 1 failed, 0 skipped \(no server\)/);
    assert.doesNotMatch(closing, /old/);
  });

  it('exits 0 when every suite passes', () => {
    plays({
      'test:unit': passing('unit', 1),
      'test:webview': passing('webview', 1),
      'test:integration': passing('integration', 1),
      'test:e2e': passing('e2e', 1),
      'test:bench': passing('bench', 1),
    });
    const run = node('runAll.js');
    assert.equal(run.status, 0);
    assert.equal(lastLine(run.stdout), '[suites] all 7 suites passed');
  });

  it('runs only the suites TWIN_CHAT_SUITES names', () => {
    plays({ 'test:unit': passing('unit', 2) });
    const run = node('runAll.js', [], { TWIN_CHAT_SUITES: 'lint,unit' });
    assert.equal(run.status, 0);
    assert.deepEqual(ran(), ['lint', 'test:unit']);
  });

  it('ends with a failing line when no suite recorded results', () => {
    const closing = node('results.js', ['--summary']).stdout;
    assert.match(closing, /no suite recorded results/);
    assert.equal(lastLine(closing), '0 passed, 1 failed');
  });
});
