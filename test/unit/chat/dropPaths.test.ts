import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  MAX_DROPPED_URIS,
  checkDroppedUri,
  listFolder,
  parseUriList,
  realRoots,
} from '../../../src/chat/dropPaths';

const uri = (file: string) => pathToFileURL(file).href;

describe('what the chat page names when files are dropped or mentioned', () => {
  let base: string;
  let workspace: string;
  let outside: string;
  let roots: string[];

  beforeEach(async () => {
    base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'twin-drop-')));
    workspace = path.join(base, 'workspace');
    outside = path.join(base, 'outside');
    fs.mkdirSync(path.join(workspace, 'src', 'deep'), { recursive: true });
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(workspace, 'src', 'a.ts'), 'a');
    fs.writeFileSync(path.join(workspace, 'src', 'deep', 'b.ts'), 'b');
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'not yours');
    roots = await realRoots([workspace]);
  });

  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  it('reads a text/uri-list: one URI a line, comments and blank lines skipped', () => {
    assert.deepEqual(parseUriList('# comment\r\nfile:///a.ts\r\n\r\n  file:///b%20c.ts  \n'), {
      uris: ['file:///a.ts', 'file:///b%20c.ts'],
      beyondLimit: 0,
    });
  });

  it('looks at the first MAX_DROPPED_URIS URIs of a drop and counts the rest', () => {
    const list = Array.from({ length: MAX_DROPPED_URIS + 3 }, (_, i) => `file:///f${i}.txt`);
    const parsed = parseUriList(list.join('\n'));
    assert.deepEqual(parsed.uris, list.slice(0, MAX_DROPPED_URIS));
    assert.equal(parsed.beyondLimit, 3);
  });

  it('takes a file inside the workspace, by its real path', async () => {
    const file = path.join(workspace, 'src', 'a.ts');
    assert.deepEqual(await checkDroppedUri(uri(file), roots), {
      ok: true,
      path: file,
      name: 'a.ts',
      folder: false,
    });
  });

  it('refuses a file outside the workspace, also through ..', async () => {
    const target = path.join(outside, 'secret.txt');
    for (const raw of [uri(target), `${uri(workspace)}/../outside/secret.txt`]) {
      const checked = await checkDroppedUri(raw, roots);
      assert.deepEqual(checked, { ok: false, name: 'secret.txt', reason: 'outside' }, raw);
    }
  });

  it('takes files and folders whose names start with two dots: a name, not a step up', async () => {
    const file = path.join(workspace, '..notes.txt');
    const folder = path.join(workspace, '..config');
    fs.writeFileSync(file, 'notes\n');
    fs.mkdirSync(folder);
    assert.deepEqual(await checkDroppedUri(uri(file), roots), {
      ok: true,
      path: file,
      name: '..notes.txt',
      folder: false,
    });
    assert.equal((await checkDroppedUri(uri(folder), roots)).ok, true);
  });

  it('refuses URI schemes other than file:, and file: URIs naming another host', async () => {
    for (const raw of [
      'https://example.com/a.ts',
      'vscode-remote://ssh-remote+box/home/a.ts',
      'untitled:Untitled-1',
      'javascript:alert(1)',
      'file://evil.example/share/a.ts',
      'not a uri',
    ]) {
      const checked = await checkDroppedUri(raw, roots);
      assert.equal(checked.ok ? 'accepted' : checked.reason, 'scheme', raw);
    }
  });

  it('in a remote window, takes the vscode-remote: URI the Explorer drags, still only inside the workspace', async () => {
    const remote = { remote: true };
    const file = path.join(workspace, 'src', 'a.ts');
    const named = (local: string) =>
      `vscode-remote://127.0.0.1:8080${pathToFileURL(local).pathname}`;
    assert.deepEqual(await checkDroppedUri(named(file), roots, remote), {
      ok: true,
      path: file,
      name: 'a.ts',
      folder: false,
    });
    for (const raw of [
      named(path.join(outside, 'secret.txt')),
      `${named(workspace)}/../outside/secret.txt`,
    ]) {
      const checked = await checkDroppedUri(raw, roots, remote);
      assert.deepEqual(checked, { ok: false, name: 'secret.txt', reason: 'outside' }, raw);
    }
    for (const raw of ['https://example.com/a.ts', 'vscode-vfs://github/a.ts', 'untitled:a.ts']) {
      const checked = await checkDroppedUri(raw, roots, remote);
      assert.equal(checked.ok ? 'accepted' : checked.reason, 'scheme', raw);
    }
  });

  it('refuses a link inside the workspace that leads out of it', async () => {
    const link = path.join(workspace, 'innocent.txt');
    fs.symlinkSync(path.join(outside, 'secret.txt'), link);
    const dirLink = path.join(workspace, 'linked-dir');
    fs.symlinkSync(outside, dirLink);
    assert.deepEqual(await checkDroppedUri(uri(link), roots), {
      ok: false,
      name: 'innocent.txt',
      reason: 'symlinkOut',
    });
    const through = await checkDroppedUri(uri(path.join(dirLink, 'secret.txt')), roots);
    assert.equal(through.ok ? 'accepted' : through.reason, 'symlinkOut');
  });

  it('takes a link that stays inside the workspace, as the file it leads to', async () => {
    const link = path.join(workspace, 'alias.ts');
    fs.symlinkSync(path.join(workspace, 'src', 'a.ts'), link);
    const checked = await checkDroppedUri(uri(link), roots);
    assert.deepEqual(checked, {
      ok: true,
      path: path.join(workspace, 'src', 'a.ts'),
      name: 'a.ts',
      folder: false,
    });
  });

  it('says a file that is gone is missing', async () => {
    const checked = await checkDroppedUri(uri(path.join(workspace, 'gone.ts')), roots);
    assert.equal(checked.ok ? 'accepted' : checked.reason, 'missing');
  });

  it('lists a folder without following links out of the workspace or into folders', async () => {
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(workspace, 'src', 'leak.txt'));
    fs.symlinkSync(outside, path.join(workspace, 'src', 'leak-dir'));
    fs.symlinkSync(path.join(workspace, 'src'), path.join(workspace, 'src', 'deep', 'loop'));
    fs.symlinkSync(path.join(workspace, 'src', 'a.ts'), path.join(workspace, 'src', 'same.ts'));
    fs.mkdirSync(path.join(workspace, 'src', 'node_modules'));
    fs.writeFileSync(path.join(workspace, 'src', 'node_modules', 'dep.js'), '');
    const listing = await listFolder(path.join(workspace, 'src'), roots, 50);
    assert.deepEqual(listing, {
      files: [
        path.join(workspace, 'src', 'a.ts'),
        path.join(workspace, 'src', 'a.ts'),
        path.join(workspace, 'src', 'deep', 'b.ts'),
      ],
      truncated: false,
      skippedLinks: 3,
      skippedExcluded: 0,
    });
  });

  it('leaves out what the exclusion names (files.exclude) before counting, folders unvisited', async () => {
    fs.mkdirSync(path.join(workspace, 'src', 'gen'));
    for (let i = 0; i < 12; i++)
      fs.writeFileSync(path.join(workspace, 'src', 'gen', `g${i}.js`), '');
    fs.writeFileSync(path.join(workspace, 'src', 'debug.log'), '');
    const visited: string[] = [];
    const excluded = (file: string) => {
      visited.push(path.relative(workspace, file));
      return file.endsWith('.log') || path.basename(file) === 'gen';
    };
    const listing = await listFolder(path.join(workspace, 'src'), roots, 2, excluded);
    assert.deepEqual(listing, {
      files: [path.join(workspace, 'src', 'a.ts'), path.join(workspace, 'src', 'deep', 'b.ts')],
      truncated: false,
      skippedLinks: 0,
      skippedExcluded: 2,
    });
    assert.ok(!visited.some((file) => file.startsWith(path.join('src', 'gen', path.sep))));
  });

  it('stops listing a large folder at the limit and says it did', async () => {
    for (let i = 0; i < 12; i++) fs.writeFileSync(path.join(workspace, `f${i}.txt`), '');
    const listing = await listFolder(workspace, roots, 10);
    assert.equal(listing.files.length, 10);
    assert.equal(listing.truncated, true);
  });
});
