import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PASTED_IMAGE_MAX_AGE_MS, sweepOldPastes } from '../../../src/commands/pastedImageSweep';

describe('pasted images left in global storage', () => {
  let folder: string;
  const now = Date.now();

  /** A paste folder as pastedImage.ts writes it, last written `ageMs` before `now`. */
  function paste(ageMs: number, name: string = randomUUID()): string {
    const dir = path.join(folder, name);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'pasted-image-1.png'), 'png');
    const when = new Date(now - ageMs);
    fs.utimesSync(dir, when, when);
    return dir;
  }

  beforeEach(() => (folder = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-pastes-'))));
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('removes pastes older than a day and keeps newer ones', async () => {
    const old = paste(PASTED_IMAGE_MAX_AGE_MS + 60_000);
    const recent = paste(PASTED_IMAGE_MAX_AGE_MS - 60_000);
    assert.equal(await sweepOldPastes(folder, now), 1);
    assert.equal(fs.existsSync(old), false);
    assert.equal(fs.existsSync(path.join(recent, 'pasted-image-1.png')), true);
  });

  it('never touches what it did not write there, however old', async () => {
    const foreign = paste(10 * PASTED_IMAGE_MAX_AGE_MS, 'notes');
    fs.writeFileSync(path.join(folder, 'readme.txt'), 'kept');
    fs.utimesSync(path.join(folder, 'readme.txt'), new Date(0), new Date(0));
    assert.equal(await sweepOldPastes(folder, now), 0);
    assert.equal(fs.existsSync(foreign), true);
    assert.equal(fs.existsSync(path.join(folder, 'readme.txt')), true);
  });

  it('does nothing when no image was ever pasted (no folder yet)', async () => {
    assert.equal(await sweepOldPastes(path.join(folder, 'missing'), now), 0);
  });
});
