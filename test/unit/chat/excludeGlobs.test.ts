import * as assert from 'node:assert/strict';
import { excludedBy, StepCounter } from '../../../src/chat/excludeGlobs';
import { MAX_BRACE_EXPANSIONS, MAX_GLOB_CHARACTERS } from '../../../src/chat/globParse';

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
    // The forms code.visualstudio.com/docs/editor/glob-patterns documents.
    ['{**/*.html,**/*.txt}', ['a/b.html', 'c.txt'], ['a.md', 'a/html']],
    ['example.[0-9]', ['example.0', 'example.9'], ['example.a', 'example.10']],
    ['example.[!0-9]', ['example.a'], ['example.0', 'example./']],
    [
      'src/routes/post/[[]id[]]/**',
      ['src/routes/post/[id]/page.ts'],
      ['src/routes/post/i/page.ts'],
    ],
    ['**/a**b', ['x/ab', 'x/acb'], ['x/a/b']],
    ['out/', ['out/main.js'], ['src/out/main.js']],
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

  it('treats an upper-case letter as its lower case only where VS Code does (Windows, macOS)', () => {
    const setting = { '**/.DS_Store': true };
    assert.equal(excludedBy(setting, { ignoreCase: true })('a/.ds_store'), true);
    assert.equal(excludedBy(setting, { ignoreCase: false })('a/.ds_store'), false);
  });

  it('never lets [!x] take the / between two segments (a[!x]b does not hide a/b)', () => {
    const excluded = excludedBy({ 'a[!x]b': true });
    assert.equal(excluded('a/b'), false);
    assert.equal(excluded('a/b/c.ts'), false);
    assert.equal(excluded('acb'), true);
    assert.equal(excluded('axb'), false);
  });

  it('skips a pattern it cannot match ([z-a]), says which, and still applies the others', () => {
    const skipped: string[] = [];
    const excluded = excludedBy(
      { '[z-a]': true, '**/*.log': true, 'a[b-a]c/**': true, '[y-x]': false },
      { onSkipped: (glob) => skipped.push(glob) },
    );
    assert.deepEqual(skipped, ['[z-a]', 'a[b-a]c/**'], 'only the patterns that are on');
    assert.equal(excluded('x/y.log'), true);
    assert.equal(excluded('z'), false);
    assert.equal(excluded('a-c/x.ts'), false);
  });

  it(`expands braces up to ${MAX_BRACE_EXPANSIONS} alternatives and skips a pattern past that`, () => {
    const sixGroups = '{a,b}'.repeat(6); // 2^6 = 64 alternatives
    assert.equal(excludedBy({ [sixGroups]: true })('abbaab'), true);
    const sevenGroups = '{a,b}'.repeat(7); // 128: skipped, so it hides nothing
    assert.equal(excludedBy({ [sevenGroups]: true })('abbaaba'), false);
    const steps = new StepCounter(1000);
    const fortyGroups = '{a,b}'.repeat(40); // 2^40 if expanded in full
    assert.equal(excludedBy({ [fortyGroups]: true, 'x/**': true }, { steps })('x/y'), true);
  });

  it(`skips a pattern longer than ${MAX_GLOB_CHARACTERS} characters, with its braces expanded`, () => {
    const long = 'x'.repeat(MAX_GLOB_CHARACTERS);
    assert.equal(excludedBy({ [long]: true })(long), true);
    assert.equal(excludedBy({ [`${long}y`]: true })(`${long}y`), false);
    // 64 alternatives of about 300 characters each: short to write, about 19,000 to match.
    const wide = `{${'a'.repeat(100)},b}`.repeat(6);
    const first = 'a'.repeat(600);
    assert.ok(wide.length < MAX_GLOB_CHARACTERS);
    assert.equal(excludedBy({ [wide]: true })(first), false);
    assert.equal(excludedBy({ [wide.slice(0, wide.length / 2)]: true })(first.slice(0, 300)), true);
  });

  describe('bounded work for patterns from an untrusted workspace', () => {
    const name = 'a'.repeat(200);
    const deep = 'a/'.repeat(100) + 'y';
    const cases: [pattern: string, path: string][] = [
      ['*a*a*a*a*a*a*b', name],
      ['**/*a*a*a*a*a*a*b/**', `d/${name}/e.ts`],
      ['**/**/**/**/**/**/x', deep],
      ['**/**/**/**/**/**/x', name],
      ['**/a/**/a/**/a/**/a/**/b', deep],
      ['[!b]*[!b]*[!b]*[!b]*[!b]*b', name],
    ];
    for (const [pattern, path] of cases) {
      // A backtracking regular expression needs about length^stars steps here; the matcher
      // needs at most a step per pattern character per path character.
      it(`${pattern} against a ${path.length}-character path`, () => {
        const steps = new StepCounter(pattern.length * (path.length + 1));
        assert.equal(excludedBy({ [pattern]: true }, { steps })(path), false);
        assert.ok(steps.count > 0, 'the matcher counted its steps');
      });
    }
  });
});
