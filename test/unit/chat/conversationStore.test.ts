import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConversationStore } from '../../../src/chat/conversationStore';
import { newConversation, type Conversation } from '../../../src/chat/model';

function conversation(id: string, text: string, updatedAt = 1): Conversation {
  const c = newConversation(id, updatedAt, { provider: 'twinexpert', id: 't1', label: 'Ada' });
  c.title = `About ${id}`;
  c.messages.push(
    { id: `${id}-u`, role: 'user', text, status: 'complete', createdAt: updatedAt },
    {
      id: `${id}-a`,
      role: 'assistant',
      text: `Answer to ${text}`,
      status: 'complete',
      createdAt: updatedAt,
    },
  );
  return c;
}

describe('conversation store', () => {
  let dir: string;
  let corrupt: string[];
  let store: ConversationStore;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-store-'));
    corrupt = [];
    store = new ConversationStore(dir, (file) => corrupt.push(path.basename(file)));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('saves one file per conversation plus an index, newest first, with no temp files left', async () => {
    await Promise.all([
      store.save(conversation('a', 'alpha', 1)),
      store.save(conversation('b', 'beta', 2)),
    ]);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['a.json', 'b.json', 'index.json']);
    assert.deepEqual(
      (await store.list()).map((s) => s.id),
      ['b', 'a'],
    );
    assert.equal((await store.load('a'))?.messages[0]?.text, 'alpha');
  });

  it('reports a corrupt file and skips it without losing the others', async () => {
    await store.save(conversation('good', 'fine'));
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"id": "bad", "messages": [');
    fs.rmSync(path.join(dir, 'index.json'));
    const fresh = new ConversationStore(dir, (file) => corrupt.push(path.basename(file)));
    assert.deepEqual(
      (await fresh.list()).map((s) => s.id),
      ['good'],
    );
    assert.ok(corrupt.includes('bad.json'));
    assert.equal(await fresh.load('bad'), undefined);
    assert.ok(fs.existsSync(path.join(dir, 'bad.json')), 'the damaged file is left for the user');
  });

  it('reports a conversation file it cannot read as unreadable, not damaged, and lists the others', async () => {
    await store.save(conversation('good', 'fine'));
    // The tests run as root, which no file mode stops: a folder where a file should be fails the
    // read just as a file without permission does.
    fs.mkdirSync(path.join(dir, 'locked.json'));
    fs.rmSync(path.join(dir, 'index.json'));
    const reports: string[][] = [];
    const fresh = new ConversationStore(dir, (file, detail, kind) =>
      reports.push([path.basename(file), kind, detail]),
    );
    assert.deepEqual(
      (await fresh.list()).map((s) => s.id),
      ['good'],
    );
    assert.deepEqual(
      reports.map(([file, kind]) => [file, kind]),
      [['locked.json', 'unreadable']],
    );
    assert.match(reports[0]?.[2] ?? '', /EISDIR/);
  });

  it('reports an index it cannot read as unreadable, and lists the conversations from their files', async () => {
    await store.save(conversation('a', 'alpha'));
    fs.rmSync(path.join(dir, 'index.json'));
    fs.mkdirSync(path.join(dir, 'index.json'));
    const kinds: string[] = [];
    const fresh = new ConversationStore(dir, (file, _detail, kind) =>
      kinds.push(`${path.basename(file)} ${kind}`),
    );
    assert.deepEqual(
      (await fresh.list()).map((s) => s.id),
      ['a'],
    );
    assert.deepEqual(kinds, ['index.json unreadable']);
  });

  it('reports a damaged file once, not again at every write of the index', async () => {
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"id": "bad", "messages": [');
    const fresh = new ConversationStore(dir, (file) => corrupt.push(path.basename(file)));
    await fresh.list();
    // Each save writes the index, reading again the files it does not list.
    await fresh.save(conversation('a', 'alpha', 1));
    await fresh.save(conversation('b', 'beta', 2));
    assert.deepEqual(corrupt, ['bad.json']);
  });

  it('rebuilds a damaged index from the conversation files', async () => {
    await store.save(conversation('a', 'alpha'));
    fs.writeFileSync(path.join(dir, 'index.json'), 'not json');
    const fresh = new ConversationStore(dir, (file) => corrupt.push(path.basename(file)));
    assert.deepEqual(
      (await fresh.list()).map((s) => s.id),
      ['a'],
    );
    assert.deepEqual(corrupt, ['index.json']);
  });

  it('marks an answer that was still streaming as interrupted when loaded', async () => {
    const c = conversation('s', 'question');
    c.messages[1]!.status = 'streaming';
    await store.save(c);
    assert.equal((await store.load('s'))?.messages[1]?.status, 'interrupted');
  });

  it('searches the full text of every conversation, case-insensitively, one hit each', async () => {
    await store.save(conversation('a', 'How do closures work?'));
    await store.save(conversation('b', 'Unrelated'));
    const hits = await store.search('CLOSURES');
    // Both messages of "a" match: one row for the conversation, which counts them (issue 21).
    assert.deepEqual(
      hits.map((h) => [h.conversationId, h.messageId, h.matches]),
      [['a', 'a-u', 2]],
    );
    assert.match(hits[0]?.excerpt ?? '', /closures/);
  });

  it('deletes a conversation and its index entry', async () => {
    await store.save(conversation('a', 'alpha'));
    await store.delete('a');
    assert.deepEqual(await store.list(), []);
    assert.ok(!fs.existsSync(path.join(dir, 'a.json')));
  });

  it('refuses ids that could escape the folder', async () => {
    await assert.rejects(store.save(conversation('../evil', 'x')), /Invalid conversation id/);
  });
});
