// The bare pipeline's extension (barePipeline.ts says what it is for), run in VS Code's extension
// host. esbuild.js --tests compiles it to out/bench/latency/bareExtension.js (vscode external),
// which writeBarePipeline copies into the extension's folder. The base URL is the setting the
// benchmark's VS Code gives Twin Chat, so both read the same simulator.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DEMO_CREDENTIALS } from '../../test/simulator/credentials';
import { BARE_QUESTION_BOX, BARE_STREAM_BUTTON } from './bareNames';

const API_KEY = DEMO_CREDENTIALS.twinExpertApiKey;

type ViewMessage = { type: 'chat/delta'; text: string } | { type: string; message?: string };

/** The default question; the concurrent bench asks its own, to tell its streams apart. */
const QUESTION = 'Đo độ trễ';

/** One view or editor tab: the page, and a stream for each start it asks for. */
function serve(webview: vscode.Webview): void {
  webview.options = { enableScripts: true };
  webview.html = html();
  webview.onDidReceiveMessage((message: { type?: unknown; question?: unknown } | null) => {
    if (message && message.type === 'start') {
      const question = typeof message.question === 'string' ? message.question : QUESTION;
      stream(webview, question).catch((error: unknown) =>
        webview.postMessage({ type: 'chat/error', message: String(error) }),
      );
    }
  });
}

export function activate(context: vscode.ExtensionContext): void {
  const provider: vscode.WebviewViewProvider = {
    resolveWebviewView: (view) => serve(view.webview),
  };
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider('barePipeline.view', provider),
    vscode.commands.registerCommand('barePipeline.show', () =>
      vscode.commands.executeCommand('barePipeline.view.focus'),
    ),
    // The concurrent bench's floor: the same view as an editor tab, as many as it opens.
    vscode.commands.registerCommand('barePipeline.newPanel', () => {
      const panel = vscode.window.createWebviewPanel(
        'barePipeline.panel',
        'Bare Pipeline',
        vscode.ViewColumn.Active,
        { enableScripts: true },
      );
      serve(panel.webview);
    }),
    // Two rows of four visible groups: Twin Chat's tabs above, the bare ones below, all alive at
    // once (a hidden webview is torn down). No palette command makes this layout.
    vscode.commands.registerCommand('barePipeline.twoRows', () =>
      vscode.commands.executeCommand('vscode.setEditorLayout', {
        orientation: 1,
        groups: [0, 1].map(() => ({ groups: [{}, {}, {}, {}] })),
      }),
    ),
  );
}

async function stream(webview: vscode.Webview, question: string): Promise<void> {
  const base = vscode.workspace.getConfiguration('twinChat.twinExpert').get<string>('baseUrl');
  const headers = { authorization: 'Bearer ' + API_KEY, 'content-type': 'application/json' };
  const created = await fetch(`${base}/conversations`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ twinId: 'twin-typescript', title: 'bare pipeline' }),
  });
  const id = ((await created.json()) as { data: { id: string } }).data.id;
  const response = await fetch(`${base}/conversations/${id}/messages/stream`, {
    method: 'POST',
    headers: { ...headers, accept: 'text/event-stream' },
    body: JSON.stringify({ content: question }),
  });
  if (!response.body) throw new Error('the stream has no body');
  const send = sender(webview);
  const decoder = new TextDecoder();
  let buffer = '';
  // Node's web stream yields the body's bytes; its type says only `any`.
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const { event, data } = parseEvent(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (event === 'delta') send.delta((JSON.parse(data) as { content: string }).content);
      else if (event === 'complete' || event === 'error')
        return send.end({ type: event === 'complete' ? 'chat/done' : 'chat/error' });
    }
  }
  return send.end({ type: 'chat/error', message: 'the stream ended without complete' });
}

// One message on its way at a time; text that arrives meanwhile joins the next one.
function sender(webview: vscode.Webview) {
  let pending = '';
  let busy = false;
  let flushed = Promise.resolve();
  const flush = async (): Promise<void> => {
    busy = true;
    while (pending) {
      const text = pending;
      pending = '';
      await webview.postMessage({ type: 'chat/delta', text } satisfies ViewMessage);
    }
    busy = false;
  };
  return {
    delta(text: string): void {
      pending += text;
      if (!busy) flushed = flush();
    },
    async end(message: ViewMessage): Promise<void> {
      await flushed;
      await webview.postMessage(message);
    },
  };
}

function parseEvent(block: string): { event: string; data: string } {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  return { event, data: data.join('\n') };
}

/** The view's script is bench/page/bareView.ts, bundled by esbuild.js and written beside this file. */
function html(): string {
  const nonce = randomBytes(16).toString('base64');
  const script = fs.readFileSync(path.join(__dirname, 'view.js'), 'utf8');
  return [
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}';">`,
    '</head><body>',
    `<input type="text" aria-label="${BARE_QUESTION_BOX}">`,
    `<button type="button">${BARE_STREAM_BUTTON}</button>`,
    '<div class="messages"></div>',
    `<script nonce="${nonce}">${script}</script>`,
    '</body></html>',
  ].join('\n');
}
