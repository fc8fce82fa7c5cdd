import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureToolchain } from '../harness/toolchain';
import { startVsCodeServer, type VsCodeServer } from '../harness/vscodeServer';

// `npm start`, the e2e suite and the integration launcher all run VS Code's server through
// startVsCodeServer. Whoever finds its port must not get the workbench (and its terminal).

/** Every command line on this machine, as `ps` shows them to any user. */
function allCommandLines(): string[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      } catch {
        return ''; // ended meanwhile
      }
    });
}

describe('VS Code server behind a connection token', () => {
  let server: VsCodeServer;
  let dataDir: string;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-token-'));
    server = await startVsCodeServer({
      ...ensureToolchain({ quiet: true }),
      dataDir,
      extensionsDir: path.join(dataDir, 'extensions'),
      smokeTestDriver: false,
    });
  });
  after(async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses the workbench without the token, or with a wrong one', async () => {
    for (const url of [`${server.url}/`, `${server.url}/?tkn=guess`]) {
      const response = await fetch(url, { redirect: 'manual' });
      await response.body?.cancel();
      assert.equal(response.status, 403, url);
    }
    const resource = await fetch(`${server.url}/vscode-remote-resource?path=/etc/hostname`);
    await resource.body?.cancel();
    assert.equal(resource.status, 403);
  });

  it('serves the workbench to the URL that carries the token', async () => {
    const response = await fetch(server.workbenchUrl({ folder: dataDir }), { redirect: 'manual' });
    const html = await response.text();
    assert.ok(response.status === 200 || response.status === 302, String(response.status));
    if (response.status === 200) assert.match(html, /workbench/);
    assert.match(server.workbenchUrl(), /[?&]tkn=[\w-]{40,}/);
  });

  it('keeps the token out of every command line and in a file only this user can read', () => {
    assert.ok(server.connectionToken.length >= 40);
    const leaks = allCommandLines().filter((line) => line.includes(server.connectionToken));
    assert.deepEqual(leaks, []);
    assert.ok(
      allCommandLines().some((line) => line.includes(`--connection-token-file=`)),
      'the server was started with a token file',
    );
    const mode = fs.statSync(path.join(dataDir, 'connection-token')).mode & 0o777;
    assert.equal(mode, 0o600);
  });
});
