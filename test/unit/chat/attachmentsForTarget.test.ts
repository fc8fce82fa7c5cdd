import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileIdentity } from '../../../src/chat/attachmentCheck';
import { attachmentsForTarget } from '../../../src/chat/attachmentsForTarget';
import type { StoredAttachment } from '../../../src/chat/model';

// "Ask Twins Side by Side" sends the chat's queued attachments to every target that can take
// them: a provider that uploads gets all, a text-only one gets the text files and not the binary.

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');

describe('the attachments each side-by-side target gets', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-side-by-side-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function onDisk(
    name: string,
    data: Buffer,
    contentType?: string,
  ): Promise<StoredAttachment> {
    const file = path.join(dir, name);
    fs.writeFileSync(file, data);
    const identity = await fileIdentity(file);
    return {
      id: `queued-${name}`,
      name,
      size: data.length,
      kind: 'file',
      path: file,
      identity,
      ...(contentType && { contentType }),
    };
  }

  async function queued(): Promise<StoredAttachment[]> {
    return [
      await onDisk('notes.md', Buffer.from('# Notes\n')),
      await onDisk('pasted-image-1.png', PNG, 'image/png'),
      await onDisk('data.bin', Buffer.from([1, 2, 0, 3])),
      { id: 'queued-selection', name: 'sample.ts', size: 6, kind: 'selection', content: 'x = 1;' },
    ];
  }

  it('gives a provider that takes uploads every file', async () => {
    const { sent, left } = await attachmentsForTarget('kamimind', await queued());
    assert.deepEqual(
      sent.map((a) => a.name),
      ['notes.md', 'pasted-image-1.png', 'data.bin', 'sample.ts'],
    );
    assert.deepEqual(left, []);
  });

  it('gives a text-only provider the text files and leaves the binary ones', async () => {
    const { sent, left } = await attachmentsForTarget('twinexpert', await queued());
    assert.deepEqual(
      sent.map((a) => a.name),
      ['notes.md', 'sample.ts'],
    );
    assert.deepEqual(
      left.map((a) => a.name),
      ['pasted-image-1.png', 'data.bin'],
    );
  });

  it('gives each target its own copies, so two conversations never share an attachment id', async () => {
    const files = await queued();
    const forBot = await attachmentsForTarget('kamimind', files);
    const forTwin = await attachmentsForTarget('twinexpert', files);
    const ids = [...files, ...forBot.sent, ...forTwin.sent].map((a) => a.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(forTwin.sent[0]?.path, files[0]?.path, 'the same file, sent again');
  });
});
