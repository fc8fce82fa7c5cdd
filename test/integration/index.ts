import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

// Loaded by VS Code as the extension tests entry: runs every compiled *.test.js beside it inside
// the real extension host, recording counts like the other suites.

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 60_000,
    color: true,
    reporter: path.join(__dirname, '..', 'harness', 'countingReporter.js'),
    reporterOptions: { suite: 'integration' },
  });
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) =>
      failures > 0 ? reject(new Error(`${failures} integration tests failed`)) : resolve(),
    );
  });
}
