import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConversationStore } from '../../../src/chat/conversationStore';
import { newConversation, newExchange } from '../../../src/chat/model';

// Conversation files hold inlined attachment text verbatim (even a secret file the user confirmed),
// so other local users must not be able to read them.

const posixIt = process.platform === 'win32' ? it.skip : it;

function mode(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

describe('conversation files are owner-only', () => {
  let root: string;
  beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-private-'))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  function conversation() {
    const c = newConversation('c1', Date.now());
    const { user, assistant } = newExchange('here is .env', [], Date.now());
    user.attachments = [{ id: 'a', name: '.env', size: 12, kind: 'file', content: 'API_KEY=s3cr' }];
    c.messages.push(user, { ...assistant, status: 'complete' });
    return c;
  }

  posixIt('writes the folder 0700 and every file 0600, even under a lax umask', async () => {
    const previous = process.umask(0o000);
    try {
      const dir = path.join(root, 'conversations');
      await new ConversationStore(dir, () => undefined).save(conversation());
      assert.equal(mode(dir).toString(8), '700');
      for (const name of fs.readdirSync(dir))
        assert.equal(mode(path.join(dir, name)).toString(8), '600', name);
    } finally {
      process.umask(previous);
    }
  });

  posixIt('tightens a folder an older version created with default permissions', async () => {
    const dir = path.join(root, 'conversations');
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chmodSync(dir, 0o755);
    await new ConversationStore(dir, () => undefined).save(conversation());
    assert.equal(mode(dir).toString(8), '700');
  });
});
