import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { mentionGlob } from '../../../src/chat/mentionGlob';

describe('the # list search pattern', () => {
  it('matches file names containing the query in any case, in any folder', () => {
    const glob = mentionGlob('rea');
    assert.equal(glob, '**/*[rR][eE][aA]*');
    for (const file of ['README.md', 'src/reader.ts', 'docs/deep/AREA.txt'])
      assert.ok(path.matchesGlob(file, glob), file);
    for (const file of ['src/rae.ts', 'r/e/a.ts']) assert.ok(!path.matchesGlob(file, glob), file);
  });

  it('takes the query as a name: glob characters are dropped, not obeyed', () => {
    assert.equal(mentionGlob('a*{b,c}/?[d]!'), '**/*[aA][bB][cC][dD]*');
    assert.equal(mentionGlob(''), '**/**');
    assert.equal(mentionGlob('x'.repeat(500)).length, '**/**'.length + 100 * 4);
  });
});
