import { ui } from '../fakeVscode';
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { httpOptions, kamiMindBaseUrl, twinExpertBaseUrl } from '../../../src/config/settings';
import { createHttpClient } from '../../../src/providers/http/client';
import { createKamiMindProvider } from '../../../src/providers/kamiMind';
import { createTwinExpertProvider } from '../../../src/providers/twinExpert';
import { DEMO_CREDENTIALS } from '../../simulator/server';

// A base URL set (in the user's own settings) to an http:// address of a remote host, e.g.
// `http://api.twinexpert.com/api/v1` typed without the "s". The credential must not cross the
// network in clear text: nothing is sent, and the check says to use https://. The network path is
// played by an HTTP proxy on 127.0.0.1 (http.proxy), which sees exactly the bytes any router
// between the user and that host would see. The clients are wired as ProviderFactory wires them:
// base URL and HTTP options from settings.ts.
describe('an http:// base URL to a remote host', function () {
  this.timeout(20_000);
  let proxy: net.Server;
  let port = 0;
  const seen: string[] = [];

  before(async () => {
    proxy = net.createServer((socket) => {
      let tunnelled = false;
      socket.on('data', (chunk) => {
        const text = chunk.toString('latin1');
        seen.push(text);
        if (!tunnelled && text.startsWith('CONNECT ')) {
          tunnelled = true;
          socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          return;
        }
        // Whatever answers at the far end: refuse, so the client stops.
        const body = '{"statusCode":401,"message":"Unauthorized"}';
        socket.end(
          `HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
        );
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    port = (proxy.address() as net.AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => proxy.close(() => resolve())));
  beforeEach(() => {
    seen.length = 0;
  });

  it('never puts the API key on the wire unencrypted', async () => {
    ui.settings['twinChat.twinExpert.baseUrl'] = 'http://api.twinexpert.com/api/v1';
    ui.settings['http.proxy'] = `http://127.0.0.1:${port}`;
    const http = createHttpClient({
      ...httpOptions(),
      retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    });
    try {
      const provider = createTwinExpertProvider({
        baseUrl: twinExpertBaseUrl(),
        getApiKey: () => Promise.resolve(DEMO_CREDENTIALS.twinExpertApiKey),
        http,
      });
      const check = await provider.checkConnection();
      const wire = seen.join('');
      assert.ok(
        !wire.includes(DEMO_CREDENTIALS.twinExpertApiKey),
        `the key crossed the network in clear text (the check said: ${check.detail}):\n${wire}`,
      );
      assert.equal(wire, '', 'nothing at all is sent towards that host');
      assert.equal(check.ok, false);
      assert.equal(check.error?.kind, 'insecureUrl');
      assert.match(check.detail, /Use https:\/\//, 'the check says what to do');
    } finally {
      ui.reset();
      await http.close();
    }
  });

  it('never puts the KamiMind token on the wire unencrypted either', async () => {
    ui.settings['twinChat.kamiMind.baseUrl'] = 'http://api.dev.kamimind.ai';
    ui.settings['http.proxy'] = `http://127.0.0.1:${port}`;
    const http = createHttpClient({
      ...httpOptions(),
      retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    });
    try {
      const provider = createKamiMindProvider({
        baseUrl: kamiMindBaseUrl(),
        getToken: () => Promise.resolve(DEMO_CREDENTIALS.kamiMindToken),
        listBots: () => Promise.resolve([{ id: 'demo-bot', label: 'Demo bot' }]),
        getBotToken: () => Promise.resolve(DEMO_CREDENTIALS.kamiMindBotToken),
        http,
      });
      const check = await provider.checkConnection();
      const wire = seen.join('');
      assert.ok(
        !wire.includes(DEMO_CREDENTIALS.kamiMindToken),
        `the token crossed the network in clear text (the check said: ${check.detail}):\n${wire}`,
      );
      assert.equal(wire, '', 'nothing at all is sent towards that host');
      assert.equal(check.error?.kind, 'insecureUrl');
      assert.match(check.detail, /KamiMind base URL starts with http:\/\/.*Use https:\/\//);
    } finally {
      ui.reset();
      await http.close();
    }
  });
});
