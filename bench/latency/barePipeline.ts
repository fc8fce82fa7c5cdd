// The latency benchmark's floor (issue #24): the least an extension can do to show a streamed
// answer in a webview view of real VS Code. It reads the simulator's TwinExpert stream with Node's
// own fetch and an SSE split that is correct for the simulator's framing (LF line ends, one
// `event:` and `data:` line per event), posts each delta to its webview view as it arrives, and
// the view appends the text in the next animation frame (a blank line starts a paragraph, so a
// frame lays out the last paragraph, not the whole answer) and keeps the end of the answer in view,
// as a chat must for its reader to see the text. No timers, no markdown, no sanitising,
// no retries: what remains is the platform (socket, extension host, server, websocket, workbench,
// the webview's iframes, one frame), which Twin Chat's pipeline must cross as well.
//
// Its one piece of flow control: while a postMessage has not resolved, newly arrived text waits
// and goes in the next message. Without it, one message per delta queued behind the workbench's
// main thread whenever the machine was busy (at load average 14-19 on 2 cores: workbench stage
// median 56 ms, p99 1 s, growing through each run), so its latency measured the queue's length,
// not the platform's floor, and swung 0.15x-2.3x against Twin Chat from one round to the next.
//
// The benchmark writes it into a temporary folder at run time (its code: bareExtension.ts and
// bench/page/bareView.ts); it is never built into the .vsix.
// It speaks the same message names as Twin Chat's view (chat/delta, chat/done) and uses the same
// `.messages` > `article.message` structure, so one set of probes times both.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../test/harness/repoRoot';
import { pageScriptSource } from '../lib/pageScript';
import { scratch } from '../lib/shipped';

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
    commands: [
      { command: 'barePipeline.show', title: 'Show', category: 'Bare Pipeline' },
      { command: 'barePipeline.newPanel', title: 'New Panel', category: 'Bare Pipeline' },
      {
        command: 'barePipeline.twoRows',
        title: 'Two Rows of Four Editor Groups',
        category: 'Bare Pipeline',
      },
    ],
  },
};

/** Writes the extension's folder (for vsce to package) and returns it. */
export function writeBarePipeline(): string {
  const dir = path.join(scratch('twin-chat-bench-bare-'), 'bare-pipeline');
  fs.mkdirSync(path.join(dir, 'media'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(MANIFEST, null, 2));
  const compiled = path.join(repoRoot(), 'out', 'bench', 'latency', 'bareExtension.js');
  fs.copyFileSync(compiled, path.join(dir, 'extension.js'));
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
