import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileIdentity, recheckAttachedFile } from '../../../src/chat/attachmentCheck';
import { attachmentsForTarget } from '../../../src/chat/attachmentsForTarget';
import type { StoredAttachment } from '../../../src/chat/model';

// A queued file can be replaced by a named pipe before the message goes. A plain open of a pipe
// waits for a writer that never comes, which is why attached files are opened non-blocking
// (src/chat/regularFile.ts). "Ask Twins Side by Side" first sniffs each queued file for a
// text-only twin; that look must not wait forever for a writer that never comes either.

describe('side by side: a queued file swapped for a named pipe', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-side-pipe-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is sorted for a twin at once, and sending then says what is wrong', async () => {
    const file = path.join(dir, 'notes.md');
    fs.writeFileSync(file, '# Notes\n');
    const attachment: StoredAttachment = {
      id: 'queued-notes',
      name: 'notes.md',
      size: 8,
      kind: 'file',
      path: file,
      identity: await fileIdentity(file),
    };
    fs.rmSync(file);
    execFileSync('mkfifo', [file]);
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<'still waiting'>((resolve) => {
      timer = setTimeout(() => resolve('still waiting'), 3_000);
    });
    try {
      const outcome = await Promise.race([
        attachmentsForTarget('twinexpert', [attachment]),
        waited,
      ]);
      if (outcome === 'still waiting') assert.fail('Ask Twins Side by Side hangs on the pipe');
      // Kept for the twin, so the send's own check is what names the problem.
      assert.deepEqual(
        outcome.sent.map((a) => a.name),
        ['notes.md'],
      );
      await assert.rejects(recheckAttachedFile({ ...attachment, path: file }, 1024), {
        message: '"notes.md" is not a file, so it was not sent.',
      });
    } finally {
      clearTimeout(timer);
      // Free the thread the blocked open holds: a writer arrives, then leaves.
      try {
        fs.closeSync(fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
      } catch {
        // nobody was waiting on the pipe
      }
    }
  });
});
