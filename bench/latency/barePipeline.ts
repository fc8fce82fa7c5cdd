// The latency benchmark's floor (issue #24): the least an extension can do to show a streamed
// answer in a webview view of real VS Code. It reads the simulator's TwinExpert stream with Node's
// own fetch and an SSE split that is correct for the simulator's framing (LF line ends, one
// `event:` and `data:` line per event), posts each delta to its webview view as it arrives, and
// the view appends the text in the next animation frame. No timers, no markdown, no sanitising,
// no retries: what remains is the platform (socket, extension host, server, websocket, workbench,
// the webview's iframes, one frame), which Twin Chat's pipeline must cross as well.
//
// Its one piece of flow control: while a postMessage has not resolved, newly arrived text waits
// and goes in the next message. Without it, one message per delta queued behind the workbench's
// main thread whenever the machine was busy (at load average 14-19 on 2 cores: workbench stage
// median 56 ms, p99 1 s, growing through each run), so its latency measured the queue's length,
// not the platform's floor, and swung 0.15x-2.3x against Twin Chat from one round to the next.
//
// The benchmark writes it into a temporary folder at run time; it is never built into the .vsix.
// It speaks the same message names as Twin Chat's view (chat/delta, chat/done) and uses the same
// `.messages` > `article.message` structure, so one set of probes times both.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO_CREDENTIALS } from '../../test/simulator/server';
import { pageScriptSource } from '../lib/pageScript';
import { scratch } from '../lib/shipped';

export const BARE_EXTENSION_ID = 'twinchat-bench.bare-pipeline';
/** The palette label of the command that shows its view (in the panel, beside Twin Chat's). */
export const BARE_SHOW_COMMAND = 'Bare Pipeline: Show';
/** The button in its view that streams one answer. */
export const BARE_STREAM_BUTTON = 'Stream';

const MANIFEST = {
  name: 'bare-pipeline',
  displayName: 'Bare pipeline (Twin Chat latency floor)',
  description: 'The latency benchmark baseline: fetch, split SSE, post each delta, append it.',
  publisher: 'twinchat-bench',
  version: '1.0.0',
  license: 'MIT',
  main: './extension.js',
  engines: { vscode: '^1.96.0' },
  contributes: {
    viewsContainers: {
      panel: [{ id: 'barePipeline', title: 'Bare Pipeline', icon: 'media/empty.svg' }],
    },
    views: { barePipeline: [{ type: 'webview', id: 'barePipeline.view', name: 'Bare Pipeline' }] },
    commands: [{ command: 'barePipeline.show', title: 'Show', category: 'Bare Pipeline' }],
  },
};

// Plain CommonJS for the extension host; the base URL is the setting the benchmark's VS Code gives
// Twin Chat, so both read the same simulator.
const EXTENSION = String.raw`const vscode = require('vscode');
const API_KEY = ${JSON.stringify(DEMO_CREDENTIALS.twinExpertApiKey)};

function activate(context) {
  const provider = {
    resolveWebviewView(view) {
      view.webview.options = { enableScripts: true };
      view.webview.html = html();
      view.webview.onDidReceiveMessage((message) => {
        if (message && message.type === 'start')
          stream(view.webview).catch((error) =>
            view.webview.postMessage({ type: 'chat/error', message: String(error) }),
          );
      });
    },
  };
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider('barePipeline.view', provider),
    vscode.commands.registerCommand('barePipeline.show', () =>
      vscode.commands.executeCommand('barePipeline.view.focus'),
    ),
  );
}

async function stream(webview) {
  const base = vscode.workspace.getConfiguration('twinChat.twinExpert').get('baseUrl');
  const headers = { authorization: 'Bearer ' + API_KEY, 'content-type': 'application/json' };
  const created = await fetch(base + '/conversations', {
    method: 'POST',
    headers,
    body: JSON.stringify({ twinId: 'twin-typescript', title: 'bare pipeline' }),
  });
  const id = (await created.json()).data.id;
  const response = await fetch(base + '/conversations/' + id + '/messages/stream', {
    method: 'POST',
    headers: { ...headers, accept: 'text/event-stream' },
    body: JSON.stringify({ content: 'Đo độ trễ' }),
  });
  const send = sender(webview);
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const { event, data } = parseEvent(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (event === 'delta') send.delta(JSON.parse(data).content);
      else if (event === 'complete' || event === 'error')
        return send.end({ type: event === 'complete' ? 'chat/done' : 'chat/error' });
    }
  }
  return send.end({ type: 'chat/error', message: 'the stream ended without complete' });
}

// One message on its way at a time; text that arrives meanwhile joins the next one.
function sender(webview) {
  let pending = '';
  let busy = false;
  let flushed = Promise.resolve();
  const flush = async () => {
    busy = true;
    while (pending) {
      const text = pending;
      pending = '';
      await webview.postMessage({ type: 'chat/delta', text });
    }
    busy = false;
  };
  return {
    delta(text) {
      pending += text;
      if (!busy) flushed = flush();
    },
    async end(message) {
      await flushed;
      await webview.postMessage(message);
    },
  };
}

function parseEvent(block) {
  let event = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  return { event, data: data.join('\n') };
}

// The view's script is bench/page/bareView.ts, bundled by esbuild.js and written beside this file.
function html() {
  const nonce = require('crypto').randomBytes(16).toString('base64');
  const script = require('fs').readFileSync(require('path').join(__dirname, 'view.js'), 'utf8');
  return [
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8">',
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src \'nonce-' + nonce + '\';">',
    '</head><body>',
    '<button type="button">${BARE_STREAM_BUTTON}</button>',
    '<div class="messages"></div>',
    '<script nonce="' + nonce + '">' + script + '</script>',
    '</body></html>',
  ].join('\n');
}

module.exports = { activate };
`;

/** Writes the extension's folder (for vsce to package) and returns it. */
export function writeBarePipeline(): string {
  const dir = path.join(scratch('twin-chat-bench-bare-'), 'bare-pipeline');
  fs.mkdirSync(path.join(dir, 'media'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(MANIFEST, null, 2));
  fs.writeFileSync(path.join(dir, 'extension.js'), EXTENSION);
  fs.writeFileSync(path.join(dir, 'view.js'), pageScriptSource('bareView'));
  fs.writeFileSync(
    path.join(dir, 'media', 'empty.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"/>',
  );
  fs.writeFileSync(
    path.join(dir, 'README.md'),
    `# ${MANIFEST.displayName}\n\n${MANIFEST.description}\n`,
  );
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'MIT\n');
  return dir;
}
