import '../fakeVscode';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MAX_DROPPED_URIS } from '../../../src/chat/dropPaths';
import { attachDroppedUris } from '../../../src/commands/dropAttachments';
import { useChatFixture } from '../chat/useChatFixture';
import { setWorkspaceFolders, ui } from '../fakeVscode';

// A dropped folder can hold nothing that may be attached: every file hidden by files.exclude, or
// only links that lead out of the workspace. A single such link dropped alone is refused with a
// sentence; the folder holding it must not just do nothing (design.md §5: limits say what happened).

describe('a drop that attaches less than it named says so', () => {
  const harness = useChatFixture({ tokenDelayMs: 0 });
  let base: string;
  let workspace: string;

  beforeEach(() => {
    ui.reset();
    base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'twin-nothing-')));
    workspace = path.join(base, 'workspace');
    fs.mkdirSync(workspace);
    fs.mkdirSync(path.join(base, 'outside'));
    fs.writeFileSync(path.join(base, 'outside', 'id.txt'), 'not yours\n');
    setWorkspaceFolders([workspace]);
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  async function dropFolder(folder: string) {
    const { chat } = harness();
    await attachDroppedUris(chat, pathToFileURL(folder).href);
    const queued = harness().fx.of('attachments/update').at(-1)?.attachments ?? [];
    return { queued, told: ui.dialogs.map((d) => d.message) };
  }

  it('a folder holding only a link out of the workspace', async () => {
    const folder = path.join(workspace, 'linked');
    fs.mkdirSync(folder);
    fs.symlinkSync(path.join(base, 'outside', 'id.txt'), path.join(folder, 'id.txt'));
    // The same link dropped on its own is refused with a sentence:
    await attachDroppedUris(harness().chat, pathToFileURL(path.join(folder, 'id.txt')).href);
    assert.deepEqual(
      ui.dialogs.map((d) => d.message),
      ['"id.txt" was not attached: it is a link to a place outside the workspace.'],
    );
    ui.dialogs.length = 0;
    const { queued, told } = await dropFolder(folder);
    assert.equal(queued.length, 0);
    assert.notDeepEqual(told, [], 'the drop did nothing and said nothing');
    assert.deepEqual(told, [
      'Nothing was attached. Left out: 1 behind a link to a folder or outside the workspace.',
    ]);
  });

  it('a folder whose files files.exclude hides', async () => {
    ui.settings['files.exclude'] = { '**/*.log': true };
    const folder = path.join(workspace, 'logs');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'debug.log'), 'noise\n');
    const { queued, told } = await dropFolder(folder);
    assert.equal(queued.length, 0);
    assert.notDeepEqual(told, [], 'the drop did nothing and said nothing');
    assert.deepEqual(told, ['Nothing was attached. Left out: 1 hidden by files.exclude.']);
  });

  it('a drop of more files than MAX_DROPPED_URIS says some were left out', async () => {
    const names = Array.from(
      { length: MAX_DROPPED_URIS + 5 },
      (_, i) => `f${String(i).padStart(3, '0')}.txt`,
    );
    for (const name of names) fs.writeFileSync(path.join(workspace, name), 'x\n');
    ui.buttons.push(`Attach ${MAX_DROPPED_URIS} Files`);
    const uris = names.map((name) => pathToFileURL(path.join(workspace, name)).href).join('\n');
    await attachDroppedUris(harness().chat, uris);
    // The question itself says what it leaves out, where the user decides.
    const told = ui.dialogs.map((d) => [d.message, d.detail].join('\n')).join('\n');
    assert.equal(ui.dialogs.length, 1, told);
    assert.equal(
      ui.dialogs[0]?.detail,
      `Left out: 5 beyond the ${MAX_DROPPED_URIS} items one drop can name.`,
    );
    assert.equal(
      harness().fx.of('attachments/update').at(-1)?.attachments.length,
      MAX_DROPPED_URIS,
    );
  });
});
