// Rendering benchmark for the chat webview, in Debian's Chromium on the BUILT bundle.
//   npm run bench:render
// Streams a ~200 KB markdown answer in 20,000 deltas and prints the main-thread time (CDP
// Performance.getMetrics TaskDuration: everything the page's main thread did, including layout and
// paint) against rendering the same answer once, and against a naive renderer that re-runs
// markdown-it + DOMPurify over the whole accumulated text for every delta. Figures, not assertions.
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import type { CDPSession } from 'playwright-core';
import type { HostToWebview } from '../src/shared/protocol';
import { launchChromium } from '../test/webview/harness/browser';
import { ChatPage, splitInto } from '../test/webview/harness/chatPage';
import { repoRoot } from '../test/webview/harness/server';
import { conversation, message, viewState } from '../test/webview/harness/state';

const TARGET_BYTES = 200_000;
const DELTAS = 20_000;
/** The host coalesces deltas for ~30 ms; at ~1,000 deltas/s that is 30 deltas per message. */
const DELTAS_PER_BATCH = 30;
/** For the one-message-per-delta run: how many messages arrive between two animation frames. */
const MESSAGES_PER_FRAME = 200;
/** Prefix lengths (as fractions of the answer) at which the naive full re-render is timed. */
const NAIVE_SAMPLES = [0, 0.25, 0.5, 0.75, 1];
const NAIVE_REPEATS = 3;

function section(i: number): string {
  return [
    `## Part ${i}: notes on the design\n`,
    `This paragraph explains **part ${i}** with \`inline code\`, a [link](https://example.com/${i}) and some *emphasis*. `.repeat(
      3,
    ) + '\n',
    `- first point about ${i}\n- second point, a little longer than the first\n- third point\n`,
    '```ts\n' +
      `export function part${i}(input: string): number {\n  const words = input.split(/\\s+/);\n  return words.length * ${i};\n}\n` +
      '```\n',
    `| key | value |\n|---|--:|\n| alpha | ${i} |\n| beta | ${i * 2} |\n`,
    `> A quotation for part ${i}.\n`,
  ].join('\n');
}

function answer(): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < TARGET_BYTES && i < 10_000; i++) {
    const next = section(i);
    parts.push(next);
    size += next.length;
  }
  return parts.join('\n');
}

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

async function measure(
  chat: ChatPage,
  cdp: CDPSession,
  work: () => Promise<void>,
): Promise<number> {
  await chat.settle();
  const before = await taskSeconds(cdp);
  await work();
  await chat.settle();
  return (await taskSeconds(cdp)) - before;
}

async function prepare(chat: ChatPage): Promise<void> {
  await chat.send({ type: 'conversation/show', conversation: conversation([]) });
  await chat.send({
    type: 'chat/started',
    requestId: 'r',
    userMessage: message('u', 'user', 'q'),
    assistantMessage: message('a', 'assistant', '', { status: 'streaming' }),
  });
  await chat.settle();
}

function deltaMessages(texts: string[]): HostToWebview[] {
  return texts.map((text) => ({ type: 'chat/delta', requestId: 'r', text }));
}

function batches(deltas: string[], size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < deltas.length; i += size) out.push(deltas.slice(i, i + size).join(''));
  return out;
}

async function streamRun(
  chat: ChatPage,
  cdp: CDPSession,
  messages: string[],
  perFrame: number,
  text: string,
): Promise<number> {
  await prepare(chat);
  return measure(chat, cdp, async () => {
    for (let i = 0; i < messages.length; i += perFrame) {
      await chat.sendMany(deltaMessages(messages.slice(i, i + perFrame)));
      await chat.call('frames', 1);
    }
    await chat.send({
      type: 'chat/done',
      requestId: 'r',
      message: message('a', 'assistant', text),
    });
  });
}

async function onceRun(chat: ChatPage, cdp: CDPSession, text: string): Promise<number> {
  await chat.send({ type: 'conversation/show', conversation: conversation([]) });
  return measure(chat, cdp, () =>
    chat.send({
      type: 'conversation/show',
      conversation: conversation([message('a', 'assistant', text)]),
    }),
  );
}

/** The naive renderer, built from the webview's own markdown and sanitizer modules. */
async function installNaive(chat: ChatPage): Promise<void> {
  const root = repoRoot();
  const result = await esbuild.build({
    stdin: {
      contents: `
        import { createMarkdown } from './src/webview-ui/markdown/renderer';
        import { sanitizeToFragment } from './src/webview-ui/markdown/sanitize';
        const md = createMarkdown();
        const host = document.createElement('div');
        document.body.append(host);
        // Time of one full re-render of 'text', in ms, averaged over 'repeats'.
        globalThis.__naiveRender = (text, repeats) => {
          const start = performance.now();
          for (let i = 0; i < repeats; i++) {
            host.replaceChildren(sanitizeToFragment(md.render(text)));
            void host.offsetHeight; // include layout, as a real per-delta re-render would pay it
          }
          host.replaceChildren();
          return (performance.now() - start) / repeats;
        };`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    absWorkingDir: root,
  });
  await chat.page.evaluate(result.outputFiles[0]?.text ?? '');
}

/** Naive total over all deltas: per-delta cost sampled at a few lengths, integrated (trapezoid). */
async function naiveEstimate(
  chat: ChatPage,
  text: string,
  deltas: string[],
): Promise<{ totalMs: number; samples: string }> {
  const costs: [number, number][] = [];
  for (const fraction of NAIVE_SAMPLES) {
    const length = Math.max(1, Math.round(text.length * fraction));
    const ms = await chat.page.evaluate(
      ([t, r]) =>
        (globalThis as unknown as { __naiveRender(t: string, r: number): number }).__naiveRender(
          t,
          r,
        ),
      [text.slice(0, length), NAIVE_REPEATS] as [string, number],
    );
    costs.push([length, ms]);
  }
  let total = 0;
  let length = 0;
  for (const delta of deltas) {
    length += delta.length;
    total += interpolate(costs, length);
  }
  return {
    totalMs: total,
    samples: costs.map(([l, ms]) => `${(l / 1000).toFixed(0)} KB: ${ms.toFixed(2)} ms`).join(', '),
  };
}

function interpolate(points: [number, number][], x: number): number {
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1]!;
    const [x1, y1] = points[i]!;
    if (x <= x1) return y0 + ((y1 - y0) * (x - x0)) / Math.max(1, x1 - x0);
  }
  return points[points.length - 1]![1];
}

async function main(): Promise<void> {
  const text = answer();
  const deltas = splitInto(text, DELTAS);
  const browser = await launchChromium();
  try {
    const chat = await ChatPage.open(browser);
    const cdp = await chat.page.context().newCDPSession(chat.page);
    await cdp.send('Performance.enable');
    await chat.init(viewState());

    const once = await onceRun(chat, cdp, text);
    const onceHtml = await chat.call('messageHtml', 'a');
    const batched = await streamRun(chat, cdp, batches(deltas, DELTAS_PER_BATCH), 1, text);
    const sameDom = (await chat.call('messageHtml', 'a')) === onceHtml;
    const perDelta = await streamRun(chat, cdp, deltas, MESSAGES_PER_FRAME, text);
    await installNaive(chat);
    const naive = await naiveEstimate(chat, text, deltas);
    await chat.close();
    report({ text, deltas: deltas.length, once, batched, perDelta, naive, sameDom });
  } finally {
    await browser.close();
  }
}

interface Results {
  text: string;
  deltas: number;
  once: number;
  batched: number;
  perDelta: number;
  naive: { totalMs: number; samples: string };
  sameDom: boolean;
}

function report(r: Results): void {
  const ms = (seconds: number): string => `${(seconds * 1000).toFixed(0)} ms`;
  const batchCount = Math.ceil(r.deltas / DELTAS_PER_BATCH);
  console.log(
    `Twin Chat webview render benchmark (Chromium, built bundle at ${path.join('dist', 'webview')})`,
  );
  console.log(`answer: ${(r.text.length / 1000).toFixed(0)} KB markdown, ${r.deltas} deltas`);
  console.log(`main-thread time (CDP TaskDuration; includes layout and paint):`);
  console.log(`  render once (conversation/show)                         ${ms(r.once)}`);
  console.log(
    `  stream, host-coalesced: ${batchCount} chat/delta, 1 frame each    ${ms(r.batched)}  (${(r.batched / r.once).toFixed(1)}x once)`,
  );
  console.log(
    `  stream, one chat/delta per delta (${MESSAGES_PER_FRAME} per frame)      ${ms(r.perDelta)}  (${(r.perDelta / r.once).toFixed(1)}x once)`,
  );
  console.log(
    `  naive full re-render per delta (EXTRAPOLATED)           ${(r.naive.totalMs / 1000).toFixed(1)} s  (${(r.naive.totalMs / 1000 / r.batched).toFixed(0)}x the coalesced stream)`,
  );
  console.log(
    `    naive = markdown-it + DOMPurify of the whole text + layout, timed at ${r.naive.samples};`,
  );
  console.log(
    `    summed over all ${r.deltas} deltas by linear interpolation (not run in full: it is O(n^2)).`,
  );
  console.log(`streamed DOM identical to the one-shot render: ${r.sameDom ? 'yes' : 'NO'}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
