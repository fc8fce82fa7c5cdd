// A crash right after a new conversation's first save must not leave it on disk but missing from
// the history list for good.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { conversationWith, StoreFolder } from './storeFixture';

const WRITER = path.join(__dirname, 'newConversationWriter.js');

function runAndKill(dir: string, first: number, afterMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, dir, String(first)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), afterMs));
    child.on('error', reject);
    child.on('exit', () => resolve());
  });
}

describe('a crash as a new conversation is first saved', function () {
  this.timeout(120_000);
  let folder: StoreFolder;
  beforeEach(() => (folder = new StoreFolder()));
  afterEach(() => folder.remove());

  it('leaves every conversation file listed, over 20 kills', async () => {
    const seed = folder.open();
    for (let i = 0; i < 1500; i++) await seed.save(conversationWith(`old${i}`, ['hello', 'hi']));
    await seed.flush();
    for (let kill = 0; kill < 20; kill++) {
      await runAndKill(folder.dir, kill * 1000, 5 + ((kill * 7) % 23));
      const files = fs
        .readdirSync(folder.dir)
        .filter((n) => n.endsWith('.json') && n !== 'index.json')
        .map((n) => n.slice(0, -'.json'.length));
      const listed = new Set((await folder.open().list()).map((s) => s.id));
      const unlisted = files.filter((id) => !listed.has(id));
      assert.deepEqual(unlisted, [], `after kill ${kill}: on disk but not in the history list`);
    }
  });
});
