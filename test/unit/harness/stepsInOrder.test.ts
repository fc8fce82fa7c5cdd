import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// Real mocha over two journey files, the first with a failing step: the second journey must still
// run whole, and only the steps after the failure in the first are skipped. (With mocha's own
// `bail`, the second file was skipped without a word once the first had failed.)

const helper = path.resolve(__dirname, '../../harness/stepsInOrder.js');

function journey(name: string, failAt: number | undefined): string {
  const steps = [1, 2, 3].map(
    (n) =>
      `  it('${name} step ${n}', () => { ${n === failAt ? "throw new Error('broken');" : ''} });`,
  );
  return [
    `const { stepsInOrder } = require(${JSON.stringify(helper)});`,
    `describe('${name}', function () {`,
    '  stepsInOrder(this);',
    ...steps,
    '});',
  ].join('\n');
}

interface Report {
  passes: { title: string }[];
  failures: { title: string }[];
  pending: { title: string }[];
}

describe('stepsInOrder: a failed step ends its own journey, never another', function () {
  this.timeout(60_000);

  it('skips the rest of the failing journey and runs the next journey whole', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steps-in-order-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.test.js'), journey('first', 2));
      fs.writeFileSync(path.join(dir, 'b.test.js'), journey('second', undefined));
      const mocha = require.resolve('mocha/bin/mocha.js');
      const run = spawnSync(
        process.execPath,
        [
          mocha,
          '--no-config',
          '--reporter',
          'json',
          path.join(dir, 'a.test.js'),
          path.join(dir, 'b.test.js'),
        ],
        { encoding: 'utf8' },
      );
      const report = JSON.parse(run.stdout) as Report;
      const titles = (list: { title: string }[]) => list.map((t) => t.title);
      assert.deepEqual(titles(report.failures), ['first step 2']);
      assert.deepEqual(titles(report.pending), ['first step 3']);
      assert.deepEqual(titles(report.passes), [
        'first step 1',
        'second step 1',
        'second step 2',
        'second step 3',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
