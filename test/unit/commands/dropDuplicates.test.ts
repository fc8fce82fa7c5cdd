import '../fakeVscode';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { attachDroppedUris } from '../../../src/commands/dropAttachments';
import { useChatFixture } from '../chat/useChatFixture';
import { setWorkspaceFolders, ui } from '../fakeVscode';

// Files the page names by drop or `#`, through the host's real checks (dropAttachments.ts) into a
// real ChatSession over the simulator. Only VS Code's window and settings are stand-ins.

describe('a file the page names twice is attached once', () => {
  const harness = useChatFixture({ tokenDelayMs: 0 });
  let workspace: string;

  beforeEach(() => {
    ui.reset();
    workspace = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'twin-dup-')));
    setWorkspaceFolders([workspace]);
  });
  afterEach(() => fs.rmSync(workspace, { recursive: true, force: true }));

  const queuedNames = () =>
    (harness().fx.of('attachments/update').at(-1)?.attachments ?? []).map((a) => a.name);

  it('dropping a file, then choosing it from the # list, queues it once', async () => {
    const { chat } = harness();
    const bot = chat.targetsView().targets.find((t) => t.provider === 'kamimind');
    assert.ok(bot);
    await chat.selectTarget(bot.key);
    const file = path.join(workspace, 'notes.md');
    fs.writeFileSync(file, '# notes\n');
    const uri = pathToFileURL(file).href;
    ui.buttons.push('Attach');
    await attachDroppedUris(chat, uri); // dropped
    ui.buttons.push('Attach');
    await attachDroppedUris(chat, uri); // then picked with #notes
    assert.deepEqual(queuedNames(), ['notes.md'], 'the same file twice in the chips');
    assert.deepEqual(
      ui.dialogs.map((d) => d.message),
      [
        'Attach "notes.md" to your next message?',
        'Already attached to your next message: "notes.md".',
      ],
      'asked once, then told the second was already there',
    );
  });
});
