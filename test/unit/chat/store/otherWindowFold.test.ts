// Window A streams an answer (checkpoints appended to live.journal); window B, sharing the folder,
// reads the conversation meanwhile (opening it, or search reading it for a snippet). Then window
// A's process is killed. Everything A had checkpointed more than a second before must be there.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConversationStore } from '../../../../src/chat/conversationStore';
import type { StoredMessage } from '../../../../src/chat/model';
import { conversationWith, StoreFolder } from './storeFixture';

const WRITER = path.join(__dirname, 'slowWriter.js');

function lines(child: ChildProcess, onLine: (line: string) => void): void {
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    parts.forEach(onLine);
  });
}

/**
 * Window A, streaming into `live` in a child process, killed once window B has done `readIt` after
 * A's first checkpoints and A has checkpointed for about three more seconds. What a restarted store
 * then finds against what A had checkpointed before its death.
 */
async function crashWhileOtherWindowReads(
  folder: StoreFolder,
  readIt: (windowB: ConversationStore) => Promise<unknown>,
): Promise<{ kept: number; lastWritten: number }> {
  const child = spawn(process.execPath, [WRITER, folder.dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  let written = 0;
  let count = 0;
  let step: (() => void) | undefined;
  lines(child, (line) => {
    written = Number(line);
    count += 1;
    step?.();
  });
  const afterCheckpoints = (n: number) =>
    new Promise<void>((resolve) => {
      const target = count + n;
      step = () => {
        if (count >= target) resolve();
      };
    });

  await afterCheckpoints(10);
  // Window B reads the conversation A is streaming into.
  const windowB = folder.open();
  await readIt(windowB);
  await windowB.flush();
  // A streams on for about three more seconds, then its process dies.
  await afterCheckpoints(150);
  const lastWritten = written;
  child.kill('SIGKILL');
  await exited;

  const after = await folder.open().load('live');
  return { kept: after?.messages[1]?.text.length ?? 0, lastWritten };
}

describe('a journal another window is writing', function () {
  this.timeout(30_000);
  let folder: StoreFolder;
  beforeEach(() => (folder = new StoreFolder()));
  afterEach(() => folder.remove());

  it('is not folded away from under it (a crash then loses only the last second)', async () => {
    const { kept, lastWritten } = await crashWhileOtherWindowReads(folder, async (windowB) => {
      const seen = await windowB.load('live');
      assert.ok(seen && seen.messages[1]!.text.length > 0);
    });
    assert.ok(
      kept >= lastWritten - 200,
      `kept ${kept} of the ${lastWritten} characters A had checkpointed`,
    );
  });

  it('is not folded away when the other window just opens its history list', async () => {
    const { kept, lastWritten } = await crashWhileOtherWindowReads(folder, async (windowB) => {
      await windowB.list(); // the history panel; its search index catches up in the background
      await windowB.whenSearchIndexCaughtUp();
    });
    assert.ok(
      kept >= lastWritten - 200,
      `kept ${kept} of the ${lastWritten} characters A had checkpointed`,
    );
  });

  it('folded while the answer paused: what streams on still reaches the disk', async () => {
    const windowA = folder.open();
    const conversation = conversationWith('paused', ['question']);
    const answer: StoredMessage = {
      id: 'answer',
      role: 'assistant',
      text: '',
      status: 'streaming',
      createdAt: 1,
    };
    conversation.messages.push(answer);
    await windowA.save(conversation);
    for (const piece of ['first part. ', 'second part. ']) {
      answer.text += piece;
      await windowA.save(conversation);
    }
    // The model thinks for 20 s; window B opens the conversation meanwhile, and folds the journal.
    const twentySecondsAgo = new Date(Date.now() - 20_000);
    fs.utimesSync(folder.file('paused.journal'), twentySecondsAgo, twentySecondsAgo);
    const windowB = folder.open();
    await windowB.load('paused');
    await windowB.flush();
    for (const piece of ['third part. ', 'fourth part.']) {
      answer.text += piece;
      await windowA.save(conversation);
    }
    const all = 'first part. second part. third part. fourth part.';
    assert.equal((await windowB.load('paused'))?.messages[1]?.text, all, 'window B sees it');
    // Window A's process dies here: a restarted store reads what the disk holds.
    assert.equal((await folder.open().load('paused'))?.messages[1]?.text, all);
  });
});
