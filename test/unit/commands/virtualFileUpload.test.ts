import { vscodeFake as vscode, ui } from '../fakeVscode';
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { AttachmentChanged } from '../../../src/chat/attachmentCheck';
import { buildOutgoing } from '../../../src/chat/outgoing';
import { prepareAttachment } from '../../../src/commands/attachments';
import { useChatFixture } from '../chat/useChatFixture';

// Attach Current File on a file of another file system (a GitHub repository opened as a remote
// repository, `vscode-vfs:`; a file at a git revision, `git:`): VS Code reads its bytes, and a
// provider that takes uploads (KamiMind) must receive exactly those bytes, as it does for a file
// on disk. Only `vscode.workspace.fs` is a stand-in; the session, client and server are real.

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

describe('Attach Current File on a virtual file system, sent to a KamiMind bot', () => {
  const harness = useChatFixture({ tokenDelayMs: 0 });
  beforeEach(() => ui.reset());

  it('uploads the image byte for byte, not re-encoded as text', async () => {
    const { chat, sim } = harness();
    const bot = chat.targetsView().targets.find((t) => t.provider === 'kamimind');
    assert.ok(bot);
    await chat.selectTarget(bot.key);
    const uri = vscode.Uri.parse('vscode-vfs://github/owner/repo/docs/logo.png');
    ui.virtualFiles.set(uri.toString(), new Uint8Array(PNG));

    const attachment = await prepareAttachment(uri as never, 'kamimind', 20 * 1024 * 1024);
    chat.queueAttachment(attachment);
    await chat.send('what is in this picture?');

    const files = sim.requests.find((r) => r.path === '/public/v1/response')?.files ?? [];
    assert.deepEqual(
      files.map((f) => [f.filename, f.size, f.sha256]),
      [['logo.png', PNG.length, sha256(PNG)]],
    );
  });

  it('uploads a text file as the same bytes, a byte order mark and non-ASCII included', async () => {
    const { chat, sim } = harness();
    const bot = chat.targetsView().targets.find((t) => t.provider === 'kamimind');
    assert.ok(bot);
    await chat.selectTarget(bot.key);
    const text = Buffer.from('\uFEFF# Ghi chú: café ✓\n', 'utf8');
    const uri = vscode.Uri.parse('git:/repo/docs/notes.md?%7B%22ref%22%3A%22HEAD%22%7D');
    ui.virtualFiles.set(uri.toString(), new Uint8Array(text));

    chat.queueAttachment(await prepareAttachment(uri as never, 'kamimind', 1024));
    await chat.send('summarise');

    const files = sim.requests.find((r) => r.path === '/public/v1/response')?.files ?? [];
    assert.deepEqual(
      files.map((f) => [f.filename, f.size, f.sha256]),
      [['notes.md', text.length, sha256(text)]],
    );
  });

  it('never inlines the image for a twin picked after it was queued', async () => {
    const uri = vscode.Uri.parse('vscode-vfs://github/owner/repo/docs/logo.png');
    ui.virtualFiles.set(uri.toString(), new Uint8Array(PNG));
    const attachment = await prepareAttachment(uri as never, 'kamimind', 1024);
    await assert.rejects(
      buildOutgoing('twinexpert', 'what is this?', [attachment], 1024),
      (error: unknown) =>
        error instanceof AttachmentChanged &&
        error.message ===
          '"logo.png" is a binary file and TwinExpert only accepts text, so it was not sent. Pick a KamiMind bot to send it.',
    );
  });
});
