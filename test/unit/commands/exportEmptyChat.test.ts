import { ui } from '../fakeVscode';
import * as assert from 'node:assert/strict';
import { exportCurrentConversation } from '../../../src/commands/chatCommands';
import { useChatFixture } from '../chat/useChatFixture';

// Export Conversation is in the chat view's title menu and the Command Palette whatever the chat
// shows. On a new, empty chat it offered a save dialog for "conversation.md" and wrote a
// file holding one heading; the user is told there is nothing to export instead.

describe('Export Conversation from the view title or the palette', () => {
  const harness = useChatFixture({ tokenDelayMs: 0, selectTwin: true });
  beforeEach(() => ui.reset());

  it('on an empty chat says there is nothing to export, without a save dialog', async () => {
    const { chat } = harness();
    await exportCurrentConversation(() => chat);
    assert.deepEqual(ui.saveDialogs, [], 'no save dialog for an empty chat');
    assert.equal(ui.dialogs.length, 1, 'one message says why nothing happened');
    assert.match(ui.dialogs[0]?.message ?? '', /nothing to export/i);
  });

  it('on a chat with messages offers to save it, named after its first question', async () => {
    const { chat } = harness();
    await chat.send('How do I debounce a function in TypeScript?');
    await exportCurrentConversation(() => chat);
    assert.deepEqual(ui.saveDialogs, ['How do I debounce a function in TypeScript.md']);
    assert.deepEqual(ui.dialogs, []);
  });

  it('in a new window whose chat view was not opened yet, exports the chat it will show', async () => {
    const { chat, fx } = harness();
    await chat.send('How do I debounce a function in TypeScript?');
    const newWindow = fx.session(); // remembers the sidebar's conversation, shows nothing yet
    await exportCurrentConversation(() => newWindow);
    assert.deepEqual(ui.saveDialogs, ['How do I debounce a function in TypeScript.md']);
    assert.deepEqual(ui.dialogs, []);
  });
});
