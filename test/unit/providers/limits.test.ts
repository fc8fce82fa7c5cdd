import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { redactSecrets } from '../../../src/providers/errors';
import { readFileChunks } from '../../../src/providers/http/fileChunks';
import { createTwinExpertProvider } from '../../../src/providers/twinExpert';
import { mapTeMessage } from '../../../src/providers/twinExpert/streamEvents';
import { MAX_TWINS, parseTwinsPage } from '../../../src/providers/twinExpert/twins';
import { TWINEXPERT_SERVICE } from '../../../src/providers/twinExpert/service';
import type { FileIdentity } from '../../../src/providers/types';
import { startSimulator, type Simulator } from '../../simulator/server';
import { TE_KEY, errorOf, kmProvider, send, testHttp } from './helpers';

// Bounds on what a server (or the disk) can hand the client: twin lists, labels, Retry-After,
// files that change after they were checked, and secrets echoed back in error text.

function identityOf(file: string): FileIdentity {
  const { dev, ino, size, mtimeMs } = fs.statSync(file);
  return { dev, ino, size, mtimeMs };
}

describe('limits on twin lists (against the simulator)', function () {
  this.timeout(30_000);
  let sim: Simulator;

  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0, twinCount: MAX_TWINS + 150 });
  });
  after(() => sim.stop());

  it(`keeps the first ${MAX_TWINS} twins, stops paging there, and says so in the log`, async () => {
    const { http } = testHttp();
    const notes: string[] = [];
    try {
      const provider = createTwinExpertProvider({
        baseUrl: `${sim.url}/api/v1`,
        getApiKey: () => Promise.resolve(TE_KEY),
        http,
        log: (message) => notes.push(message),
      });
      const twins = await provider.listTargets();
      assert.equal(twins.length, MAX_TWINS);
      assert.equal(twins[MAX_TWINS - 1]?.id, `twin-${String(MAX_TWINS).padStart(4, '0')}`);
      assert.equal(sim.requests.filter((r) => r.path === '/api/v1/twins').length, MAX_TWINS / 100);
      assert.deepEqual(notes, [
        `TwinExpert lists more than ${MAX_TWINS} twins; only the first ${MAX_TWINS} are shown.`,
      ]);
    } finally {
      await http.close();
    }
  });
});

describe('limits on what a server sends (pure)', () => {
  it('clips a twin name and description with an ellipsis', () => {
    const name = 'Tên rất dài '.repeat(10_000);
    const page = parseTwinsPage(
      { data: [{ id: 't1', name, description: 'mô tả '.repeat(10_000) }] },
      1,
      0,
    );
    const twin = page.targets[0];
    assert.equal(twin?.label.length, 120);
    assert.ok(twin?.label.endsWith('…'));
    assert.ok(name.startsWith(twin?.label.slice(0, -1) ?? '?'));
    assert.equal(twin?.description?.length, 300);
    assert.ok(twin?.description?.endsWith('…'));
  });

  it('bounds meta.retryAfter in a stream error event to an hour', () => {
    const data = JSON.stringify({
      message: 'Too many requests',
      code: 'RATE_LIMIT_EXCEEDED',
      meta: { retryAfter: 1e9 },
    });
    const [event] = mapTeMessage(
      { event: 'error', data },
      { text: '', finished: false },
      TWINEXPERT_SERVICE,
    );
    assert.equal(event?.type, 'error');
    if (event?.type !== 'error') return;
    assert.equal(event.error.kind, 'rateLimited');
    assert.equal(event.error.retryAfterSeconds, 3600);
    assert.match(event.error.userMessage, /Try again in 3600 s\./);
  });

  describe('redactSecrets', () => {
    const key = 'ak_live_0123456789abcdefSECRET';
    const cases: [string, string][] = [
      ['exact', `bad key ${key} here`],
      ['upper case', `bad key ${key.toUpperCase()} here`],
      ['lower case', `bad key ${key.toLowerCase()} here`],
      ['URL-encoded', `url?key=${encodeURIComponent(key).replace(/_/g, '%5F')} here`],
      ['URL-encoded, lower-case hex', `url?key=ak%5flive%5f0123456789abcdefSECRET here`],
      ['truncated to 8 characters', `bad key ${key.slice(0, 8)}… here`],
      ['truncated to 20 characters', `key starts ${key.slice(0, 20)} here`],
    ];
    for (const [what, text] of cases) {
      it(`removes ${what} echoes`, () => {
        const redacted = redactSecrets(text, [key]);
        assert.ok(redacted.includes('***'), redacted);
        assert.ok(!/ak_live|ak%5flive/i.test(redacted), redacted);
        assert.ok(!/0123456789/.test(redacted), redacted);
      });
    }

    it('leaves a prefix shorter than 8 characters and unrelated text alone', () => {
      const text = 'see ak_live docs; ak_ is a prefix';
      assert.equal(redactSecrets(text, [key]), text);
    });

    it('still replaces short secrets (4 to 7 characters) only when whole', () => {
      assert.equal(redactSecrets('pin 4821 and 482', ['4821']), 'pin *** and 482');
      assert.equal(redactSecrets('abc', ['abc']), 'abc');
    });

    it('redacts a long secret (a 4 KB token) and its truncated echo without building a pattern from it', () => {
      // A regular expression with one nested group per character made V8 abort the process.
      const token = Array.from(
        { length: 4096 },
        (_, i) => 'abcdefghijklmnopqrstuvwxyz0123456789'[(i * 7) % 36],
      ).join('');
      const text = `Authorization failed for ${token}; echo ${token.slice(0, 100)}`;
      assert.equal(redactSecrets(text, [token]), 'Authorization failed for ***; echo ***');
    });

    it('keeps positions right around characters whose lower case is longer (İ)', () => {
      assert.equal(redactSecrets('İİ key=ak_live_0123456789abcdefSECRET!', [key]), 'İİ key=***!');
    });

    it('treats characters special to regular expressions as text', () => {
      const odd = 'a.b*c+d?e(f)g[h]i{j}k|l^m$n\\o';
      assert.equal(redactSecrets(`x ${odd} y`, [odd]), 'x *** y');
      assert.equal(redactSecrets('x a-b-c-d-e-f-g y', [odd]), 'x a-b-c-d-e-f-g y');
    });
  });
});

describe('files that change after they were checked (KamiMind, against the simulator)', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let dir: string;

  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0 });
  });
  after(() => sim.stop());
  beforeEach(() => {
    sim.reset();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-identity-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses an attachment whose file is no longer the one checked, before any request', async () => {
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, 'checked\n');
    const identity = identityOf(file);
    fs.appendFileSync(file, 'grown after the check\n');
    const t = testHttp();
    try {
      const events = await send(kmProvider(sim, t.http), {
        attachments: [{ name: 'a.txt', size: identity.size, path: file, identity }],
      });
      const failure = errorOf(events).error;
      assert.equal(failure.kind, 'badRequest');
      assert.match(failure.userMessage, /"a\.txt" changed after it was checked/);
      assert.equal(sim.requests.length, 0);
    } finally {
      await t.http.close();
    }
  });

  it('reads no byte of a file swapped in after the check (checked on the open handle)', async () => {
    const file = path.join(dir, 'b.txt');
    fs.writeFileSync(file, 'checked\n');
    const identity = identityOf(file);
    // Same size, another inode: written beside it, then renamed over it (inodes are not reused).
    fs.writeFileSync(`${file}.new`, 'swapped\n');
    fs.renameSync(`${file}.new`, file);
    const chunks: Uint8Array[] = [];
    await assert.rejects(async () => {
      for await (const chunk of readFileChunks(file, identity.size, identity)) chunks.push(chunk);
    }, /changed after it was checked/);
    assert.equal(chunks.length, 0);
  });
});
