import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { ConversationStore } from '../../../../src/chat/conversationStore';
import type { Conversation, StoredMessage } from '../../../../src/chat/model';
import { conversationWith, StoreFolder } from './storeFixture';

/** A conversation of `earlier` complete messages, then a question and an answer streaming. */
function streamingAfter(earlier: number): { conversation: Conversation; answer: StoredMessage } {
  const texts = Array.from({ length: earlier + 1 }, (_, i) => `message ${i} `.repeat(20));
  const conversation = conversationWith('s', texts);
  const answer: StoredMessage = {
    id: 'answer',
    role: 'assistant',
    text: '',
    status: 'streaming',
    createdAt: 1,
  };
  conversation.messages.push(answer);
  return { conversation, answer };
}

function size(file: string): number {
  return fs.existsSync(file) ? fs.statSync(file).size : 0;
}

describe('checkpoint journal', () => {
  let folder: StoreFolder;
  let store: ConversationStore;

  beforeEach(() => {
    folder = new StoreFolder();
    store = folder.open();
  });
  afterEach(async () => {
    await store.flush();
    folder.remove();
  });

  /** Bytes written to the folder by `checkpoints` checkpoints of 50 characters each. */
  async function bytesPerCheckpoint(earlier: number, checkpoints: number): Promise<number> {
    const { conversation, answer } = streamingAfter(earlier);
    await store.save(conversation);
    const fileBefore = fs.readFileSync(folder.file('s.json'));
    for (let i = 0; i < checkpoints; i++) {
      answer.text += 'x'.repeat(50);
      await store.save(conversation);
    }
    assert.deepEqual(
      fs.readFileSync(folder.file('s.json')),
      fileBefore,
      'the file is not rewritten',
    );
    const written = size(folder.file('s.journal'));
    await store.delete('s');
    return written / checkpoints;
  }

  it('writes only the new text per checkpoint, however long the conversation', async () => {
    const short = await bytesPerCheckpoint(1, 20);
    const long = await bytesPerCheckpoint(2000, 20);
    assert.ok(short < 200, `${short} bytes per checkpoint of 50 characters`);
    // The same to within a byte a checkpoint: only the journal's first line, which names the
    // file's message count, has more digits.
    assert.ok(
      Math.abs(long - short) < 1,
      `${long} bytes a checkpoint at 2,000 messages, ${short} at 2`,
    );
  });

  it('folds the journal into the file when the answer ends', async () => {
    const { conversation, answer } = streamingAfter(3);
    await store.save(conversation);
    for (const piece of ['Hello ', 'tiếng ', 'Việt 😀']) {
      answer.text += piece;
      await store.save(conversation);
    }
    assert.ok(fs.existsSync(folder.file('s.journal')));
    Object.assign(answer, { status: 'complete', finishedAt: 2 });
    await store.save(conversation);
    assert.ok(!fs.existsSync(folder.file('s.journal')), 'the journal is gone');
    const onDisk = JSON.parse(fs.readFileSync(folder.file('s.json'), 'utf8')) as Conversation;
    assert.equal(onDisk.messages.at(-1)?.text, 'Hello tiếng Việt 😀');
    assert.equal(onDisk.messages.at(-1)?.status, 'complete');
  });

  it('after a crash, loads the answer from file and journal and folds them at that load', async () => {
    const { conversation, answer } = streamingAfter(3);
    await store.save(conversation);
    for (const piece of ['one ', 'two ', 'three']) {
      answer.text += piece;
      conversation.updatedAt += 1;
      await store.save(conversation);
    }
    // The process dies here: a new store (the next window) reads what is on disk once the journal
    // has rested (a journal written to seconds ago may be another window's, live: not folded).
    const aMinuteAgo = new Date(Date.now() - 60_000);
    fs.utimesSync(folder.file('s.journal'), aMinuteAgo, aMinuteAgo);
    const next = folder.open();
    const loaded = await next.load('s');
    assert.equal(loaded?.messages.at(-1)?.text, 'one two three');
    assert.equal(loaded?.messages.at(-1)?.status, 'interrupted');
    assert.equal(loaded?.messages.length, 5, 'every earlier message is there');
    await next.flush();
    assert.ok(!fs.existsSync(folder.file('s.journal')), 'folded into the file');
    const reopened = folder.open();
    const again = await reopened.load('s');
    assert.equal(again?.messages.at(-1)?.text, 'one two three');
    const [listed] = await reopened.list();
    assert.equal(listed?.updatedAt, conversation.updatedAt, 'the list knows the last checkpoint');
  });

  it('keeps the whole lines of a journal whose last line a crash cut short', async () => {
    const { conversation, answer } = streamingAfter(1);
    await store.save(conversation);
    for (const piece of ['kept ', 'also kept']) {
      answer.text += piece;
      await store.save(conversation);
    }
    fs.appendFileSync(folder.file('s.journal'), '{"message":"answer","offset":14,"te');
    const loaded = await folder.open().load('s');
    assert.equal(loaded?.messages.at(-1)?.text, 'kept also kept');
  });

  it('ignores a journal left behind after its file was rewritten', async () => {
    const { conversation, answer } = streamingAfter(1);
    await store.save(conversation);
    answer.text += 'once';
    await store.save(conversation);
    const journal = fs.readFileSync(folder.file('s.journal'));
    Object.assign(answer, { status: 'complete' });
    await store.save(conversation);
    // A crash between rewriting the file and removing the journal leaves both.
    fs.writeFileSync(folder.file('s.journal'), journal);
    const loaded = await folder.open().load('s');
    assert.equal(loaded?.messages.at(-1)?.text, 'once', 'the text is not applied twice');
  });

  it('rewrites the file when anything but the answer text changes while it streams', async () => {
    const { conversation, answer } = streamingAfter(1);
    await store.save(conversation);
    answer.text += 'partial';
    await store.save(conversation);
    conversation.title = 'Renamed while streaming';
    await store.save(conversation);
    const onDisk = JSON.parse(fs.readFileSync(folder.file('s.json'), 'utf8')) as Conversation;
    assert.equal(onDisk.title, 'Renamed while streaming');
    assert.equal(onDisk.messages.at(-1)?.text, 'partial');
    answer.text += ' more';
    await store.save(conversation);
    assert.equal((await folder.open().load('s'))?.messages.at(-1)?.text, 'partial more');
  });
});
