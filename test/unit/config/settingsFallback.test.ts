import { ui } from '../fakeVscode';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { answerCapChars, CHARS_PER_MB } from '../../../src/chat/answerLimit';
import { attachmentMaxBytes, httpOptions, maxAnswerSizeMB } from '../../../src/config/settings';

const manifest = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8'),
) as { contributes: { configuration: { properties: Record<string, { maximum?: number }> } } };

/** The `maximum` package.json gives a setting (VS Code's Settings editor and warnings use it). */
function manifestMaximum(key: string): number {
  const maximum = manifest.contributes.configuration.properties[`twinChat.${key}`]?.maximum;
  assert.ok(maximum, `${key} has a maximum`);
  return maximum;
}

// Numeric settings as settings.json may hold them: VS Code warns about a wrong type or
// a value out of range there, but hands it over all the same.
describe('the attachment size limit from settings', () => {
  const MB = 1024 * 1024;
  afterEach(() => ui.reset());

  const limitFor = (value: unknown): number => {
    ui.settings['twinChat.attachments.maxSizeMB'] = value;
    return attachmentMaxBytes();
  };

  it('is the value set, in bytes, and 20 MB when unset', () => {
    assert.equal(limitFor(5), 5 * MB);
    ui.reset();
    assert.equal(attachmentMaxBytes(), 20 * MB);
  });

  it('falls back to 20 MB for a value that is not a positive number, never no limit or none allowed', () => {
    for (const value of ['abc', '20', null, 0, -3, Number.NaN, Infinity, {}]) {
      assert.equal(limitFor(value), 20 * MB, `for ${JSON.stringify(value)}`);
    }
  });

  it('keeps to the manifest range at the top', () => {
    assert.equal(limitFor(1e9), 500 * MB);
  });

  it('takes the default time-out for a time-out that is not a positive number', () => {
    for (const value of ['abc', 0, -5, Number.NaN]) {
      ui.settings['twinChat.network.connectTimeoutSeconds'] = value;
      assert.equal(httpOptions().connectTimeoutMs, 10_000, `for ${JSON.stringify(value)}`);
    }
    ui.settings['twinChat.network.connectTimeoutSeconds'] = 0.5;
    assert.equal(httpOptions().connectTimeoutMs, 1000, 'at least a second');
  });

  it('keeps the time-outs to the manifest ranges at the top, as the README says', () => {
    const keys = ['connectTimeoutSeconds', 'firstByteTimeoutSeconds', 'idleTimeoutSeconds'];
    for (const key of keys) ui.settings[`twinChat.network.${key}`] = 1e9;
    const { connectTimeoutMs, firstByteTimeoutMs, idleTimeoutMs } = httpOptions();
    assert.deepEqual(
      [connectTimeoutMs, firstByteTimeoutMs, idleTimeoutMs],
      keys.map((key) => manifestMaximum(`network.${key}`) * 1000),
    );
  });

  it('keeps the answer cap to the manifest range at the top: the host pays for every MB kept', () => {
    ui.settings['twinChat.chat.maxAnswerSizeMB'] = 100_000;
    const top = manifestMaximum('chat.maxAnswerSizeMB');
    assert.equal(answerCapChars(maxAnswerSizeMB()), top * CHARS_PER_MB);
    ui.settings['twinChat.chat.maxAnswerSizeMB'] = 8;
    assert.equal(answerCapChars(maxAnswerSizeMB()), 8 * CHARS_PER_MB);
  });
});
