import { ui, vscodeFake } from '../fakeVscode';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Range, Uri } from 'vscode';
import { prepareAttachment } from '../../../src/commands/attachments';
import { rangeAttachment } from '../../../src/participant/rangeAttachment';

// A #selection (or a symbol) given to @twin goes through rangeAttachment, "under the Attach
// command's rules". The Attach command counts the name a symbolic link leads to: "A link named
// notes.txt that leads to .env sends the .env". A selection in that same link must be asked about
// too, or the .env's secrets leave without the confirmation.
describe('@twin #selection in a file that links to a secret file', () => {
  let dir: string;
  let link: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-range-'));
    fs.writeFileSync(path.join(dir, '.env'), 'API_TOKEN=sk_live_supersecret\n');
    link = path.join(dir, 'notes.txt');
    fs.symlinkSync('.env', link);
    ui.reset(); // no button pressed: the user closes the question, so nothing is attached
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const fileOf = (file: string) => vscodeFake.Uri.file(file) as unknown as Uri;
  const whole = {
    start: { line: 0, character: 0 },
    end: { line: 0, character: 30 },
  } as unknown as Range;

  it('the Attach command asks first (the rule the selection is said to follow)', async () => {
    await assert.rejects(prepareAttachment(fileOf(link), 'kamimind', 1 << 20));
    assert.equal(ui.dialogs.length, 1);
    assert.match(ui.dialogs[0]?.message ?? '', /"\.env" looks like it holds secrets/);
  });

  it('a selection in the link asks before sending the .env text', async () => {
    let sent: string | undefined;
    try {
      sent = (await rangeAttachment(fileOf(link), whole, 1 << 20)).content;
    } catch {
      sent = undefined;
    }
    assert.equal(ui.dialogs.length, 1, `nobody was asked, and this would be sent: ${sent}`);
    assert.equal(sent, undefined, 'the user said no, yet the secret is attached');
  });
});
