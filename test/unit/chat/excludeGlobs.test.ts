import * as assert from 'node:assert/strict';
import { excludedBy } from '../../../src/chat/excludeGlobs';

describe('files.exclude applied to a dropped folder', () => {
  const cases: [pattern: string, hidden: string[], shown: string[]][] = [
    ['**/.git', ['.git', 'a/.git', 'a/.git/config'], ['a/.github/x.yml', 'git']],
    ['**/*.log', ['x.log', 'a/b/x.log'], ['x.log.txt', 'a/log']],
    ['out', ['out', 'out/main.js'], ['src/out', 'output']],
    ['build/**', ['build/a.js', 'build/x/y.js'], ['src/build/a.js']],
    ['**/*.{js,map}', ['a/b.js', 'b.map'], ['b.ts', 'b.json']],
    ['**/file?.txt', ['a/file1.txt'], ['a/file10.txt', 'a/file.txt']],
    ['**/[ab].ts', ['x/a.ts', 'b.ts'], ['c.ts', 'ab.ts']],
    ['**/[!ab].ts', ['c.ts'], ['a.ts']],
    ['./docs/*.md', ['docs/a.md'], ['docs/a/b.md', 'x/docs/a.md']],
    ['**/a+b (1).txt', ['x/a+b (1).txt'], ['x/aab (1).txt']],
  ];
  for (const [pattern, hidden, shown] of cases) {
    it(`${pattern} hides ${hidden.join(', ')} and not ${shown.join(', ')}`, () => {
      const excluded = excludedBy({ [pattern]: true });
      for (const file of hidden) assert.equal(excluded(file), true, file);
      for (const file of shown) assert.equal(excluded(file), false, file);
    });
  }

  it('counts only patterns set to true (false switches a default off; when-clauses are ignored)', () => {
    const excluded = excludedBy({
      '**/.git': false,
      '**/*.js': { when: '$(basename).ts' },
      '**/.DS_Store': true,
    });
    assert.equal(excluded('.git/config'), false);
    assert.equal(excluded('src/a.js'), false);
    assert.equal(excluded('src/.DS_Store'), true);
  });
});
