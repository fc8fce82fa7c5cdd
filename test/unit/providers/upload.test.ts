// A 100 MB upload must stream from disk: the client's memory stays flat instead of growing by the
// file size. The simulator runs in a child process so only the client's memory is measured.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { createKamiMindProvider } from '../../../src/providers/kamiMind';
import { KM_BOT, KM_TOKEN, completeText, send, testHttp } from './helpers';

const MB = 1024 * 1024;
const FILE_SIZE = 100 * MB;
/** Buffering the file whole would add at least 100 MB; streaming stays at a few chunks. */
const ALLOWED_GROWTH = 60 * MB;

function writeTempFile(file: string, size: number): void {
  const chunk = Buffer.alloc(MB, 'Twin Chat upload 🚀 ');
  const fd = fs.openSync(file, 'w');
  try {
    for (let written = 0; written < size; written += MB)
      fs.writeSync(fd, chunk, 0, Math.min(MB, size - written));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A fast upload produces garbage (64 KiB chunks) faster than V8 collects it, which shows up as RSS
 * that is not retained. Collecting before each sample measures what the client actually holds.
 */
type Gc = (options?: { type: 'major' | 'minor' }) => void;

function exposeGc(): Gc {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as unknown;
  return typeof gc === 'function' ? (gc as Gc) : () => undefined;
}

async function startChildSimulator(): Promise<{ url: string; child: ChildProcess }> {
  const main = path.resolve(__dirname, '..', '..', 'simulator', 'main.js');
  const child = spawn(
    process.execPath,
    [main, '--port', '0', '--token-delay-ms', '0', '--max-upload-mb', '300', '--quiet'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = readline.createInterface({ input: child.stdout });
  for await (const line of lines) {
    const match = /http:\/\/127\.0\.0\.1:\d+/.exec(line);
    if (match) return { url: match[0], child };
  }
  throw new Error('simulator did not print its URL');
}

describe('KamiMind upload memory', function () {
  this.timeout(120_000);
  let sim: { url: string; child: ChildProcess };
  let dir: string;

  before(async () => {
    sim = await startChildSimulator();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-upload-'));
  });
  after(() => {
    sim.child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('streams a 100 MB file from disk with flat memory', async () => {
    const file = path.join(dir, 'big.bin');
    writeTempFile(file, FILE_SIZE);
    const { http } = testHttp({ idleTimeoutMs: 60_000, firstByteTimeoutMs: 60_000 });
    const provider = createKamiMindProvider({
      baseUrl: sim.url,
      getToken: () => Promise.resolve(KM_TOKEN),
      listBots: () => Promise.resolve([]),
      getBotToken: () => Promise.resolve(KM_BOT),
      http,
    });
    await send(provider, { text: 'warm-up' });
    const gc = exposeGc();
    gc();
    const baseline = process.memoryUsage();
    const peak = { rss: baseline.rss, heapUsed: baseline.heapUsed };
    // Upload chunks die young, so a minor GC frees them; a full GC per sample would be slow when
    // earlier tests have left a large heap behind.
    const sampler = setInterval(() => {
      gc({ type: 'minor' });
      const now = process.memoryUsage();
      peak.rss = Math.max(peak.rss, now.rss);
      peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
    }, 20);
    let answer = '';
    try {
      const attachments = [
        { name: 'big.bin', size: FILE_SIZE, path: file, contentType: 'application/octet-stream' },
      ];
      answer = completeText(await send(provider, { attachments, stream: true }));
    } finally {
      clearInterval(sampler);
      await http.close();
      fs.rmSync(file, { force: true });
    }
    assert.match(answer, /big\.bin` \(100\.0 MiB, 104857600 bytes\)/);
    const rssGrowth = peak.rss - baseline.rss;
    const heapGrowth = peak.heapUsed - baseline.heapUsed;
    console.log(
      `      100 MB upload: client peak RSS +${(rssGrowth / MB).toFixed(1)} MB, peak heap +${(heapGrowth / MB).toFixed(1)} MB (baseline RSS ${(baseline.rss / MB).toFixed(0)} MB)`,
    );
    assert.ok(rssGrowth < ALLOWED_GROWTH, `RSS grew ${(rssGrowth / MB).toFixed(1)} MB`);
    assert.ok(heapGrowth < ALLOWED_GROWTH, `heap grew ${(heapGrowth / MB).toFixed(1)} MB`);
  });
});
