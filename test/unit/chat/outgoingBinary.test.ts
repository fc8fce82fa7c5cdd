import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AttachmentChanged, fileIdentity } from '../../../src/chat/attachmentCheck';
import type { StoredAttachment } from '../../../src/chat/model';
import { buildOutgoing } from '../../../src/chat/outgoing';

// An image pasted while a KamiMind bot was chosen stays queued when the user then picks a twin:
// the send to the text-only provider must refuse it rather than inline its bytes.

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489',
  'hex',
);

describe('binary files at send to a provider that inlines text', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-outgoing-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function onDisk(name: string, data: Buffer): Promise<StoredAttachment> {
    const file = path.join(dir, name);
    fs.writeFileSync(file, data);
    const identity = await fileIdentity(file);
    return { id: name, name, size: data.length, kind: 'file', path: file, identity };
  }

  it('refuses a pasted image for TwinExpert with one sentence, and uploads it for KamiMind', async () => {
    const image = await onDisk('pasted-image-1.png', PNG);
    await assert.rejects(
      buildOutgoing('twinexpert', 'what is this?', [image], 1024),
      (error: unknown) =>
        error instanceof AttachmentChanged &&
        error.message ===
          '"pasted-image-1.png" is a binary file and TwinExpert only accepts text, so it was not sent. Pick a KamiMind bot to send it.',
    );
    const upload = await buildOutgoing('kamimind', 'what is this?', [image], 1024);
    assert.deepEqual(
      upload.attachments.map((a) => [a.name, a.size]),
      [['pasted-image-1.png', PNG.length]],
    );
  });

  it('still inlines text files', async () => {
    const text = await onDisk('notes.md', Buffer.from('# Notes\n'));
    const out = await buildOutgoing('twinexpert', 'q', [text], 1024);
    assert.equal(out.text, 'q\n\nFile `notes.md`:\n```\n# Notes\n\n```');
  });
});
