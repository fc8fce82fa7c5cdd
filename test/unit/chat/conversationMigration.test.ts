import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConversationStore } from '../../../src/chat/conversationStore';
import { CONVERSATION_FILE_VERSION } from '../../../src/chat/model';
import { conversationView } from '../../../src/chat/views';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures');
/** A file as version 1 (today's format before branches) wrote it: one linear list of messages. */
const OLD_FILE = path.join(FIXTURES, 'conversations', 'v1-linear.json');
const OLD_ID = '3f1c2a7e-5b8d-4e0f-9a61-2c7d8e9f0a1b';

interface OldMessage {
  id: string;
  text: string;
  status: string;
}

describe('conversation file format: version 1 files open unchanged', () => {
  let dir: string;
  let store: ConversationStore;
  const old = JSON.parse(fs.readFileSync(OLD_FILE, 'utf8')) as {
    version: number;
    remoteId: string;
    messages: OldMessage[];
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-migrate-'));
    fs.copyFileSync(OLD_FILE, path.join(dir, `${OLD_ID}.json`));
    store = new ConversationStore(dir, () => assert.fail('the old file was reported damaged'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('shows the same messages, in order, with their server conversation, and leaves the file as it was', async () => {
    assert.equal(old.version, 1, 'the fixture is an old file');
    const loaded = await store.load(OLD_ID);
    assert.ok(loaded);
    assert.equal(loaded.version, CONVERSATION_FILE_VERSION);
    assert.equal(loaded.remoteId, old.remoteId);
    const shown = conversationView(loaded).messages;
    assert.deepEqual(
      shown.map((m) => [m.id, m.text, m.status]),
      old.messages.map((m) => [m.id, m.text, m.status]),
    );
    assert.equal(shown[2]?.attachments?.[0]?.name, 'util.ts');
    assert.ok(
      shown.every((m) => !m.siblingIds && !m.branch),
      'one branch, no switcher',
    );
    // Reading does not rewrite the file: an older extension can still open it until a save.
    assert.equal(
      fs.readFileSync(path.join(dir, `${OLD_ID}.json`), 'utf8'),
      fs.readFileSync(OLD_FILE, 'utf8'),
    );
  });

  it('becomes one branch whose messages each follow the one before, and saves as version 2', async () => {
    const loaded = await store.load(OLD_ID);
    assert.ok(loaded);
    assert.deepEqual(
      loaded.messages.map((m) => m.parentId),
      [undefined, 'u1', 'a1', 'u2', 'a2', 'u3'],
    );
    await store.save(loaded);
    const written = JSON.parse(fs.readFileSync(path.join(dir, `${OLD_ID}.json`), 'utf8')) as {
      version: number;
      messages: OldMessage[];
    };
    assert.equal(written.version, 2);
    const reread = await new ConversationStore(dir, () => undefined).load(OLD_ID);
    assert.deepEqual(
      reread?.messages.map((m) => [m.id, m.text, m.parentId]),
      loaded.messages.map((m) => [m.id, m.text, m.parentId]),
    );
  });
});

describe('conversation file format 2: the tree reads back whole', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function fileWith(branch: unknown, hiddenStatus = 'complete'): ConversationStore {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-tree-'));
    const message = (id: string, role: string, extra: object = {}) => ({
      id,
      role,
      text: `text of ${id}`,
      status: 'complete',
      createdAt: 1,
      ...extra,
    });
    const file = {
      version: 2,
      id: 'tree',
      title: 'Tree',
      createdAt: 1,
      updatedAt: 2,
      remoteId: 'original-server-id',
      messages: [
        message('u1', 'user'),
        message('a1', 'assistant', { parentId: 'u1' }),
        message('u2b', 'user', { parentId: 'a1', branch, createdAt: 2 }),
        message('a2b', 'assistant', { parentId: 'u2b', createdAt: 2 }),
      ],
      otherBranches: [
        message('u2', 'user', { parentId: 'a1' }),
        message('a2', 'assistant', { parentId: 'u2', status: hiddenStatus }),
      ],
    };
    fs.writeFileSync(path.join(dir, 'tree.json'), JSON.stringify(file));
    return new ConversationStore(dir, (name) => reported.push(path.basename(name)));
  }
  let reported: string[] = [];
  beforeEach(() => (reported = []));

  it('keeps hidden branches and each branch’s server id; a hidden answer cut off is interrupted', async () => {
    const loaded = await fileWith({ fromMessageId: 'u2', remoteId: 'branch-id' }, 'streaming').load(
      'tree',
    );
    assert.ok(loaded);
    assert.equal(loaded.remoteId, 'original-server-id');
    assert.equal(loaded.messages[2]?.branch?.remoteId, 'branch-id');
    assert.deepEqual(
      loaded.otherBranches?.map((m) => [m.id, m.status]),
      [
        ['u2', 'complete'],
        ['a2', 'interrupted'],
      ],
    );
    assert.deepEqual(conversationView(loaded).messages[2]?.siblingIds, ['u2', 'u2b']);
  });

  it('refuses a file whose branch start is damaged, instead of sending to a wrong conversation', async () => {
    const loaded = await fileWith({ fromMessageId: 'u2', remoteId: 42 }).load('tree');
    assert.equal(loaded, undefined);
    assert.deepEqual(reported, ['tree.json']);
  });
});

describe('conversation file format 2 as @twin wrote it before it linked its exchanges', () => {
  let dir: string;
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads an unlinked list as one branch, each message under the one before', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-unlinked-'));
    const message = (id: string, role: string) => ({
      id,
      role,
      text: `text of ${id}`,
      status: 'complete',
      createdAt: 1,
    });
    const file = {
      version: 2,
      id: 'flat',
      title: 'From the Chat view',
      createdAt: 1,
      updatedAt: 2,
      origin: 'chatView',
      messages: [
        message('u1', 'user'),
        message('a1', 'assistant'),
        message('u2', 'user'),
        message('a2', 'assistant'),
      ],
    };
    fs.writeFileSync(path.join(dir, 'flat.json'), JSON.stringify(file));
    const loaded = await new ConversationStore(dir, () => assert.fail('reported damaged')).load(
      'flat',
    );
    assert.deepEqual(
      loaded?.messages.map((m) => m.parentId),
      [undefined, 'u1', 'a1', 'u2'],
    );
    assert.ok(loaded && conversationView(loaded).messages.every((m) => !m.siblingIds));
  });
});
