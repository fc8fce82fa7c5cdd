import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { mentionExclude } from '../../../src/chat/mentionExclude';

const hidden = (glob: string | undefined, file: string) =>
  glob !== undefined && path.matchesGlob(file, glob);

describe('what the # list leaves out', () => {
  it("leaves out search.exclude's node_modules and files.exclude's .git together", () => {
    const glob = mentionExclude({ '**/.git': true }, { '**/node_modules': true });
    assert.equal(glob, '{**/.git,**/node_modules}');
    assert.ok(hidden(glob, 'node_modules'));
    assert.ok(hidden(glob, 'packages/app/node_modules'));
    assert.ok(!hidden(glob, 'src/index.ts'));
  });

  it('leaves exclusion to findFiles (files.exclude with its when entries) when search.exclude turns nothing on', () => {
    assert.equal(mentionExclude({ '**/.git': true }, {}), undefined);
    assert.equal(mentionExclude({ '**/.git': true }, { '**/node_modules': false }), undefined);
  });

  it("expands a pattern's own braces: a glob holds one level", () => {
    const glob = mentionExclude({}, { '**/{dist,out}': true, '**/*.{log,tmp}': true });
    assert.equal(glob, '{**/dist,**/out,**/*.log,**/*.tmp}');
    for (const file of ['dist', 'a/out', 'x.log', 'b/y.tmp']) assert.ok(hidden(glob, file), file);
    assert.ok(!hidden(glob, 'src/out.ts'));
  });

  it('skips what one glob cannot hold: when entries, commas in a class, too many braces', () => {
    const glob = mentionExclude(
      { '**/*.js': { when: '$(basename).ts' } },
      { '**/[,]x': true, [`${'{a,b}'.repeat(8)}`]: true, '**/build': true, '**/build ': 'yes' },
    );
    assert.equal(glob, '{**/build}');
    assert.equal(mentionExclude({}, { '[,]': true }), undefined);
  });
});
