import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileIdentity } from '../../../src/chat/attachmentCheck';
import type { ChatSession } from '../../../src/chat/chatSession';
import type { StoredAttachment } from '../../../src/chat/model';
import { startSimulator, type Simulator } from '../../simulator/server';
import { DEMO_BOT } from './chatFixture';
import { LimitsFixture } from './limitsFixture';

// What was checked when a file was attached (size limit, which file) must hold when it is sent and
// when an old conversation is retried: a file that grew past the limit or was swapped for a link or
// another file is not sent. Editing the file is not a swap: its current content is sent.

const isPosix = process.platform !== 'win32';

describe('attachments checked again at send and Retry (chat controller against the simulator)', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let fx: LimitsFixture;
  let chat: ChatSession;
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
    chat = fx.session();
    await chat.shared.refreshTargets();
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

  /** The last file KamiMind received: its size and SHA-256 as the simulator recorded them. */
  function lastUpload(): { size?: number; sha256?: string } {
    const file = sim.requests.filter((r) => r.files).at(-1)?.files?.[0];
    return { size: file?.size, sha256: file?.sha256 };
  }

  function fingerprint(text: string): { size: number; sha256: string } {
    return {
      size: Buffer.byteLength(text),
      sha256: createHash('sha256').update(text).digest('hex'),
    };
  }

  /** What a TwinExpert question carried (inlined files are part of it). */
  function lastQuestion(): string {
    return JSON.stringify(
      sim.requests.filter((r) => /messages\/stream$/.test(r.path)).at(-1)?.json,
    );
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

  it('kamimind: a file edited after attaching, within the limit, is uploaded with its new content', async () => {
    const file = write('a.txt', 'first\n');
    const a = await attached(file);
    fs.appendFileSync(file, 'more lines typed after attaching\n'); // Save in the editor
    const end = await sendTo('kamimind', a);
    assert.equal(end?.message.status, 'complete', end?.message.error?.message);
    assert.deepEqual(lastUpload(), fingerprint('first\nmore lines typed after attaching\n'));
  });

  it('twinexpert: a file edited after attaching, within the limit, is inlined with its new content', async () => {
    const file = write('b.ts', 'export const x = 1;\n');
    const a = await attached(file);
    fs.writeFileSync(file, 'export const renamed = 2;\n');
    const end = await sendTo('twinexpert', a);
    assert.equal(end?.message.status, 'complete', end?.message.error?.message);
    assert.match(lastQuestion(), /export const renamed = 2;/);
  });

  it('a file swapped for another file (another inode) is refused, nothing sent', async () => {
    const file = write('c.txt', 'harmless\n');
    const a = await attached(file);
    const other = write('other.txt', 'another file\n');
    fs.renameSync(other, file);
    const end = await sendTo('kamimind', a);
    assert.match(end?.message.error?.message ?? '', /"c\.txt" was replaced by another file/);
    assert.equal(uploads(), 0);
  });

  (isPosix ? it : it.skip)(
    'a file swapped for a named pipe is refused, not read forever',
    async () => {
      const file = write('pipe.txt', 'harmless\n');
      const a = await attached(file);
      fs.rmSync(file);
      execFileSync('mkfifo', [file]);
      for (const provider of ['twinexpert', 'kamimind'] as const) {
        await sendTo(provider, a);
        const end = fx.of('chat/error').at(-1);
        assert.match(end?.message.error?.message ?? '', /"pipe\.txt" is not a file/, provider);
      }
      assert.equal(fx.of('chat/error').length, 2);
      assert.equal(uploads(), 0);
    },
  );

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

  it('Retry after editing a refused file sends its current content', async () => {
    const file = write('d.txt', 'draft\n');
    const a = await attached(file);
    fs.appendFileSync(file, 'x'.repeat(4096)); // past the limit: refused
    const end = await sendTo('kamimind', a);
    assert.match(end?.message.error?.message ?? '', /over the 1\.0 KB limit/);
    fx.posted.length = 0;
    fs.writeFileSync(file, 'trimmed back, and longer than the draft\n'); // within it again
    await chat.retry(end?.message.id ?? '');
    const done = fx.of('chat/done')[0]?.message;
    assert.equal(done?.status, 'complete', done?.error?.message);
    assert.deepEqual(lastUpload(), fingerprint('trimmed back, and longer than the draft\n'));
  });

  it('an old attachment (no identity stored) edited within the limit is sent as it is now', async () => {
    const file = write('old.txt', 'old content\n');
    const a = await attached(file, false);
    fs.writeFileSync(file, 'new and longer content\n');
    const end = await sendTo('twinexpert', a);
    assert.equal(end?.message.status, 'complete', end?.message.error?.message);
    assert.match(lastQuestion(), /new and longer content/);
  });

  it('an old attachment (no identity stored) that grew past the limit is refused', async () => {
    const file = write('old.txt', 'old content\n');
    const a = await attached(file, false);
    fs.appendFileSync(file, 'x'.repeat(4096));
    const end = await sendTo('kamimind', a);
    assert.match(
      end?.message.error?.message ?? '',
      /"old\.txt" is now 4\.0 KB, over the 1\.0 KB limit/,
    );
    assert.equal(uploads(), 0);
  });

  (isPosix ? it : it.skip)(
    'an old attachment (no identity stored) that is now a symbolic link is refused',
    async () => {
      const file = write('old.txt', 'old content\n');
      const secret = write('secret.txt', 'top secret\n');
      const a = await attached(file, false);
      fs.rmSync(file);
      fs.symlinkSync(secret, file);
      const end = await sendTo('kamimind', a);
      assert.match(end?.message.error?.message ?? '', /replaced by a symbolic link/);
      assert.equal(uploads(), 0);
    },
  );

  it('an inlined file (TwinExpert) is read from the file that was checked', async () => {
    const a = await attached(write('snippet.ts', 'export const x = 1;\n'));
    const end = await sendTo('twinexpert', a);
    assert.equal(end?.message.status, 'complete');
    const sent = sim.requests.find((r) => /messages\/stream$/.test(r.path));
    assert.match(JSON.stringify(sent?.json), /export const x = 1;/);
  });
});
