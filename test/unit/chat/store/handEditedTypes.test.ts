// A conversation file hand-edited (or written by another tool) with a wrong type in a field
// parseConversation does not check: the store must load what it can or report the file, never
// hand the list or the chat a value of the wrong type that makes them throw.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { messageView } from '../../../../src/chat/views';
import { revealInvisible } from '../../../../src/webview-ui/markdown/invisible';
import { conversationWith, StoreFolder } from './storeFixture';

describe('a hand-edited conversation file with a wrong type', () => {
  let folder: StoreFolder;
  beforeEach(() => (folder = new StoreFolder()));
  afterEach(() => folder.remove());

  it('target.label not a string: the history list gets a string (or the file is reported)', async () => {
    const c = conversationWith('edited', ['hello', 'hi']);
    const raw = JSON.parse(JSON.stringify(c)) as Record<string, unknown>;
    raw.target = { provider: 'twinexpert', id: 't1', label: 42 };
    fs.writeFileSync(folder.file('edited.json'), JSON.stringify(raw));
    const store = folder.open();
    const [summary] = await store.list();
    if (!summary)
      return assert.ok(folder.corrupt.includes('edited.json'), 'neither listed nor reported');
    // conversationRow.ts targetOf(): what each row of the history list does with it.
    assert.doesNotThrow(() => revealInvisible(summary.targetLabel));
  });

  it('attachments not a list: opening it does not throw (or the file is reported)', async () => {
    const c = conversationWith('edited2', ['hello', 'hi']);
    const raw = JSON.parse(JSON.stringify(c)) as { messages: Record<string, unknown>[] };
    raw.messages[0]!.attachments = 'notes.txt';
    fs.writeFileSync(folder.file('edited2.json'), JSON.stringify(raw));
    const store = folder.open();
    const loaded = await store.load('edited2');
    if (!loaded)
      return assert.ok(folder.corrupt.includes('edited2.json'), 'neither loaded nor reported');
    // views.ts: what ChatSession.open sends the view for each message.
    assert.doesNotThrow(() => loaded.messages.map((m) => messageView(m)));
  });
});
