import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

// Loaded by VS Code as the extension tests entry: runs every compiled *.test.js beside it inside
// the real extension host, recording counts like the other suites. test/harness/runIntegration.ts
// passes `--file <name>` and `--grep <pattern>` here as TWIN_CHAT_TEST_FILE and TWIN_CHAT_TEST_GREP.

function testFiles(only: string | undefined): string[] {
  const all = fs.readdirSync(__dirname).filter((file) => file.endsWith('.test.js'));
  const chosen = only
    ? all.filter((file) => file === `${only.replace(/\.test\.[jt]s$/, '')}.test.js`)
    : all;
  if (chosen.length === 0)
    throw new Error(`no integration test file "${only}"; there are ${all.join(', ')}`);
  return chosen.sort();
}

export function run(): Promise<void> {
  const grep = process.env.TWIN_CHAT_TEST_GREP;
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 60_000,
    color: true,
    reporter: path.join(__dirname, '..', 'harness', 'countingReporter.js'),
    reporterOptions: { suite: 'integration' },
    ...(grep ? { grep } : {}),
    failZero: true, // a filter that matches nothing must not read as a green run
  });
  for (const file of testFiles(process.env.TWIN_CHAT_TEST_FILE)) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      if (runner.total === 0) reject(new Error(`no integration test matches --grep "${grep}"`));
      else if (failures > 0) reject(new Error(`${failures} integration tests failed`));
      else resolve();
    });
  });
}
