import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileIdentity } from '../../../src/chat/attachmentCheck';
import type { ChatController } from '../../../src/chat/chatController';
import type { StoredAttachment } from '../../../src/chat/model';
import { startSimulator, type Simulator } from '../../simulator/server';
import { DEMO_BOT } from './chatFixture';
import { LimitsFixture } from './limitsFixture';

// What was checked when a file was attached (size limit, which file) must hold when it is sent and
// when an old conversation is retried: a file that grew or was swapped for a link is not sent.

const isPosix = process.platform !== 'win32';

describe('attachments checked again at send and Retry (chat controller against the simulator)', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let fx: LimitsFixture;
  let chat: ChatController;
  let work: string;

  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0 });
  });
  after(() => sim.stop());

  beforeEach(async () => {
    sim.reset();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-attach-'));
    fx = new LimitsFixture(sim);
    fx.limits = { attachmentMaxBytes: () => 1024 };
    chat = fx.controller();
    await chat.refreshTargets();
  });
  afterEach(async () => {
    await fx.dispose();
    fs.rmSync(work, { recursive: true, force: true });
  });

  /** What prepareAttachment (src/commands/attachments.ts) stores for a file on disk. */
  async function attached(file: string, withIdentity = true): Promise<StoredAttachment> {
    return {
      id: randomUUID(),
      name: path.basename(file),
      size: fs.statSync(file).size,
      kind: 'file',
      path: file,
      ...(withIdentity && { identity: await fileIdentity(file) }),
    };
  }

  function write(name: string, text: string): string {
    const file = path.join(work, name);
    fs.writeFileSync(file, text);
    return file;
  }

  function uploads(): number {
    return sim.requests.filter((r) => r.path === '/public/v1/response').length;
  }

  async function sendTo(provider: 'kamimind' | 'twinexpert', a: StoredAttachment) {
    const key =
      provider === 'kamimind'
        ? `kamimind:${DEMO_BOT.id}`
        : chat.targetsView().targets.find((t) => t.provider === 'twinexpert')?.key;
    assert.ok(key);
    await chat.selectTarget(key);
    await chat.send('Read this', [a]);
    return fx.of('chat/error')[0] ?? fx.of('chat/done')[0];
  }

  it('an unchanged file is uploaded as attached', async () => {
    const a = await attached(write('notes.txt', 'hello\n'));
    const end = await sendTo('kamimind', a);
    assert.equal(end?.message.status, 'complete');
    assert.equal(sim.requests.find((r) => r.files)?.files?.[0]?.size, 6);
  });

  for (const provider of ['kamimind', 'twinexpert'] as const) {
    it(`${provider}: a file that grew past the limit after attaching is refused, nothing sent`, async () => {
      const file = write('log.txt', 'small\n');
      const a = await attached(file);
      fs.appendFileSync(file, 'x'.repeat(4096));
      const end = await sendTo(provider, a);
      assert.equal(end?.message.status, 'error');
      assert.match(
        end?.message.error?.message ?? '',
        /^"log\.txt" is now 4\.0 KB, over the 1\.0 KB limit \(setting twinChat\.attachments\.maxSizeMB\)/,
      );
      assert.equal(fx.sends.length, 0, 'no request was made');
    });
  }

  it('a file changed in place (same size limit) is refused as changed', async () => {
    const file = write('a.txt', 'first\n');
    const a = await attached(file);
    fs.appendFileSync(file, 'more\n');
    const end = await sendTo('kamimind', a);
    assert.match(end?.message.error?.message ?? '', /"a\.txt" changed after it was attached/);
    assert.equal(uploads(), 0);
  });

  (isPosix ? it : it.skip)('a file swapped for a symbolic link is refused', async () => {
    const file = write('config.txt', 'harmless\n');
    const secret = write('secret.txt', 'top secret\n'); // another file of any size
    const a = await attached(file);
    fs.rmSync(file);
    fs.symlinkSync(secret, file);
    const end = await sendTo('kamimind', a);
    assert.match(end?.message.error?.message ?? '', /replaced by a symbolic link/);
    assert.equal(uploads(), 0);
  });

  it('Retry of an old conversation (no identity stored) refuses a file that changed size', async () => {
    const file = write('old.txt', 'old content\n');
    const a = await attached(file, false);
    fs.writeFileSync(file, 'new and longer content\n');
    const end = await sendTo('twinexpert', a);
    assert.match(end?.message.error?.message ?? '', /"old\.txt" changed after it was attached/);
    fx.posted.length = 0;
    fs.writeFileSync(file, 'old content\n'); // back to the attached size
    await chat.retry(end?.message.id ?? '');
    assert.equal(fx.of('chat/done')[0]?.message.status, 'complete');
  });

  it('an inlined file (TwinExpert) is read from the file that was checked', async () => {
    const a = await attached(write('snippet.ts', 'export const x = 1;\n'));
    const end = await sendTo('twinexpert', a);
    assert.equal(end?.message.status, 'complete');
    const sent = sim.requests.find((r) => /messages\/stream$/.test(r.path));
    assert.match(JSON.stringify(sent?.json), /export const x = 1;/);
  });
});
