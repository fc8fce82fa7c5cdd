import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChatSession } from '../../../src/chat/chatSession';
import type { Simulator } from '../../simulator/server';
import type { ChatFixture } from './chatFixture';
import { useChatFixture } from './useChatFixture';

describe('deleting a conversation, and Undo', function () {
  this.timeout(30_000);
  const harness = useChatFixture({ tokenDelayMs: 1, selectTwin: true });
  let sim: Simulator;
  let fx: ChatFixture;
  let chat: ChatSession;
  beforeEach(() => ({ sim, fx, chat } = harness()));

  /** Whether the conversation's file is on disk. */
  const onDisk = (id: string): boolean => fs.existsSync(path.join(fx.dir, `${id}.json`));

  /** The conversation list a fresh controller (a restarted window) reads from disk. */
  async function listedAfterRestart(): Promise<string[]> {
    return (await fx.session().viewState()).conversations.map((c) => c.id);
  }

  /** Sends one message to completion; returns the conversation's id. */
  async function chatOnce(text: string): Promise<string> {
    await chat.send(text);
    const id = chat.currentConversationId();
    assert.ok(onDisk(id), 'the answered conversation is saved');
    await chat.newChat();
    return id;
  }

  it('removes the file at once, and Undo saves it back with its messages and lists it again', async () => {
    const id = await chatOnce('What is a closure?');
    await chat.shared.delete(id);
    assert.equal(onDisk(id), false, 'deleted at once, not when the Undo time is up');
    assert.deepEqual(await listedAfterRestart(), []);

    await chat.shared.restore(id);
    assert.ok(onDisk(id), 'Undo wrote the file back');
    assert.deepEqual(await listedAfterRestart(), [id]);
    assert.deepEqual(
      fx
        .of('conversations/update')
        .at(-1)
        ?.conversations.map((c) => c.id),
      [id],
      'the view lists it again',
    );
    const restored = fx.session();
    await restored.open(id);
    assert.match(
      fx.of('conversation/show').at(-1)?.conversation.messages.at(-1)?.text ?? '',
      /closure/,
    );
  });

  it('ignores a restore for any conversation but the last one deleted', async () => {
    const first = await chatOnce('What is a closure?');
    const second = await chatOnce('What is a promise?');
    await chat.shared.delete(first);
    await chat.shared.delete(second);
    await chat.shared.restore(first);
    await chat.shared.restore('never-existed');
    assert.equal(onDisk(first), false, 'only the last deletion can be undone');
    assert.deepEqual(await listedAfterRestart(), []);
    await chat.shared.restore(second);
    await chat.shared.restore(second);
    assert.deepEqual(await listedAfterRestart(), [second]);
  });

  it('a conversation deleted while its answer streams stays deleted', async () => {
    sim.configure({ fault: { kind: 'longAnswer', deltas: 5000 }, tokenDelayMs: 2 });
    const sending = chat.send('tell me everything');
    await fx.waitFor('chat/delta');
    const id = chat.currentConversationId();
    await chat.shared.delete(id);
    await sending; // the answer ends, and with it the run's last checkpoint
    assert.equal(onDisk(id), false, 'no checkpoint brought the file back');
    assert.deepEqual(await listedAfterRestart(), []);
  });
});
