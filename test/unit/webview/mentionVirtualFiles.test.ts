import { setWorkspaceFolders, ui, vscodeFake as vscode } from '../fakeVscode';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkDroppedUri } from '../../../src/chat/dropPaths';
import { MentionSearch } from '../../../src/webview/mentionSearch';

// The `#` list offers workspace files to attach, and a pick is checked like a drop: only files
// on disk are taken. VS Code's search also finds files of other file systems (a remote
// repository's `vscode-vfs:`); offered, a pick of one was refused with "only files on this
// computer can be attached".
describe('the # list in a workspace that has files of another file system', () => {
  let dir: string;
  beforeEach(() => {
    ui.reset();
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-mention-')));
    fs.writeFileSync(path.join(dir, 'debounce.ts'), 'export {};\n');
    setWorkspaceFolders([dir]);
  });
  afterEach(() => {
    setWorkspaceFolders([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('offers only files a pick can attach', async () => {
    ui.foundFiles = [
      vscode.Uri.file(path.join(dir, 'debounce.ts')),
      vscode.Uri.parse('vscode-vfs://github/owner/repo/src/throttle.ts'),
    ];
    const search = new MentionSearch();
    const offered = (await search.search('')) ?? [];
    search.dispose();
    assert.ok(offered.length > 0, 'the file on disk is offered');
    for (const file of offered) {
      const checked = await checkDroppedUri(file.uri, [dir]);
      assert.ok(
        checked.ok,
        `${file.path} is offered, then refused (${String(checked.ok || checked.reason)})`,
      );
    }
  });
});
