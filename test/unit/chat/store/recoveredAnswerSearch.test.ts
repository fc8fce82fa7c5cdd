// After a crash, the part of an answer recovered from its journal must be found by search.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StoreFolder } from './storeFixture';

const WRITER = path.join(__dirname, 'searchDuringStreamWriter.js');

describe('an answer recovered from its journal after a crash', function () {
  this.timeout(30_000);
  let folder: StoreFolder;
  beforeEach(() => (folder = new StoreFolder()));
  afterEach(() => folder.remove());

  it('is found by search, before and after the conversation is opened', async () => {
    const child = spawn(process.execPath, [WRITER, folder.dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (c: Buffer) => c.toString().includes('ready') && resolve()),
    );
    child.kill('SIGKILL');
    await exited;
    assert.ok(fs.existsSync(folder.file('search.index')), 'the index was written before the crash');
    assert.ok(fs.readFileSync(folder.file('live.journal'), 'utf8').includes('zebracorn'));

    const store = folder.open();
    await store.list();
    await store.whenSearchIndexCaughtUp();
    const before = await store.search('zebracorn');
    // Opening the conversation shows the word (its journal is folded into the file)...
    const opened = await store.load('live');
    assert.ok(opened?.messages[1]?.text.includes('zebracorn'));
    await store.flush();
    const after = await store.search('zebracorn');
    assert.deepEqual(
      { before: before.map((h) => h.conversationId), after: after.map((h) => h.conversationId) },
      { before: ['live'], after: ['live'] },
    );
  });
});
