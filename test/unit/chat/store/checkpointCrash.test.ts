import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Conversation } from '../../../../src/chat/model';
import { expectedText } from './crashText';
import { StoreFolder } from './storeFixture';

const KILLS = 100;
/** The writer is killed after a random number of checkpoints, up to this many. */
const MOST_CHECKPOINTS_BEFORE_KILL = 40;
const WRITER = path.join(__dirname, 'crashWriter.js');

/** A small deterministic generator, so a failing run can be repeated from its seed. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

/** The last checkpoint the writer reported written: a message and the length of its text. */
interface Written {
  message: number;
  length: number;
}

/** Starts the writer and kills it (SIGKILL: no clean-up runs) once it has made `checkpoints`. */
function runAndKill(dir: string, checkpoints: number): Promise<{ errors: string; last?: Written }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.split('\n').length > checkpoints) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => {
      const line = output
        .split('\n')
        .filter((l) => l !== '')
        .at(-1);
      const [message, length] = (line ?? '').split(' ').map(Number);
      resolve({ errors, ...(line && { last: { message: message ?? 0, length: length ?? 0 } }) });
    });
  });
}

/**
 * Every message is the writer's text for its place, whole; only an answer cut off by a kill may
 * be shorter (a start of it), and it is then marked interrupted.
 */
function assertIntact(conversation: Conversation, context: string): void {
  conversation.messages.forEach((message, i) => {
    const expected = expectedText(i);
    if (message.status === 'interrupted') {
      assert.ok(expected.startsWith(message.text), `${context}: message ${i} is damaged`);
    } else {
      assert.equal(message.status, 'complete', `${context}: message ${i}`);
      assert.equal(message.text, expected, `${context}: message ${i} is damaged`);
    }
  });
}

describe('checkpoints survive a crash at any moment', function () {
  this.timeout(240_000);
  let folder: StoreFolder;

  beforeEach(() => (folder = new StoreFolder()));
  afterEach(() => folder.remove());

  it(`loses at most the last checkpoint and never an earlier message, over ${KILLS} kills`, async () => {
    const seed = Date.now();
    const random = randomFrom(seed);
    let before: Conversation | undefined;
    let killedMidAnswer = 0;
    for (let kill = 1; kill <= KILLS; kill++) {
      const checkpoints = 1 + Math.floor(random() * MOST_CHECKPOINTS_BEFORE_KILL);
      const { errors, last } = await runAndKill(folder.dir, checkpoints);
      const context = `seed ${seed}, kill ${kill} after ${checkpoints} checkpoints`;
      assert.equal(errors, '', `${context}: the writer reported ${errors}`);

      if (fs.existsSync(folder.file('crash.journal'))) killedMidAnswer += 1;
      const store = folder.open();
      const after = await store.load('crash');
      assert.ok(after, `${context}: the conversation does not load`);
      assertIntact(after, context);
      // Nothing the writer had finished writing is lost.
      if (last) {
        const kept = after.messages[last.message]?.text.length ?? 0;
        assert.ok(
          kept >= last.length,
          `${context}: message ${last.message} kept ${kept} of ${last.length}`,
        );
      }
      // Everything the last load saw is still there, at least as long.
      before?.messages.forEach((message, i) => {
        const now = after.messages[i];
        assert.ok(now?.text.startsWith(message.text), `${context}: message ${i} lost text`);
      });
      await store.flush(); // a journal found at load is folded in before the next writer starts
      before = after;
    }
    assert.deepEqual(folder.corrupt, []);
    assert.ok(killedMidAnswer > KILLS / 4, `only ${killedMidAnswer} kills left a journal behind`);
    assert.ok((before?.messages.length ?? 0) > 10, 'the writer got well past its first answers');
  });
});
