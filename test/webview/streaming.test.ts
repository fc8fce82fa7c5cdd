import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import { launchChromium } from './harness/browser';
import { ChatPage, splitInto } from './harness/chatPage';
import { eventually } from './harness/hooks';
import { conversation, message, viewState } from './harness/state';

// A long answer exercising every block type the incremental renderer splits on, including a link
// reference defined after its use (the one thing that reaches backwards in markdown).
function richAnswer(): string {
  const sections: string[] = [];
  for (let i = 0; i < 12; i++) {
    sections.push(
      `## Section ${i}\n\nSome *emphasis*, **bold**, \`code\`, a [link](https://example.com/${i}) and a [ref link][docs].\nSecond line of the paragraph.\n`,
      `- item one\n- item two\n  continued\n\n  loose paragraph\n- item three\n`,
      '```ts\nconst x: number = ' + i + ';\n\nfunction f() {\n  return x * 2;\n}\n```\n',
      `| a | b |\n|:--|--:|\n| ${i} | two |\n| three | four |\n`,
      `> quoted ${i}\n> more\n\n1. first\n2. second\n\n---\n`,
      `Setext heading ${i}\n===\n\n    indented code\n\n    still code\n\nTrailing text with CRLF\r\nline two\r\n`,
    );
  }
  sections.push('\n[docs]: https://example.com/docs "Docs"\n');
  return sections.join('\n');
}

describe('streaming answers', () => {
  let browser: Browser;
  let chat: ChatPage;

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
  });
  beforeEach(async () => {
    chat = await ChatPage.open(browser);
  });
  afterEach(async () => {
    await chat.close();
  });

  it('starts with the ready handshake carrying the protocol version', async () => {
    const [ready] = await chat.waitForPosted('webview/ready');
    assert.deepEqual(ready, { type: 'webview/ready', protocolVersion: PROTOCOL_VERSION });
  });

  it('renders 5,000 deltas to the same DOM as the final text rendered at once', async () => {
    const text = richAnswer();
    const user = message('u1', 'user', 'Tell me everything');
    const assistant = message('a1', 'assistant', '');
    await chat.init(viewState({ conversation: conversation([message('h1', 'assistant', text)]) }));
    const once = await chat.call('messageHtml', 'h1');
    assert.ok(
      once && once.includes('<table>') && once.includes('hljs-'),
      'the one-shot render has tables and highlighting',
    );
    assert.ok(
      once.includes('data-url="https://example.com/docs"'),
      'the late reference link resolves',
    );

    await chat.stream('r1', assistant, user, splitInto(text, 5000));
    const streamed = await chat.call('messageHtml', 'a1');
    assert.equal(streamed, once);
  });

  it('renders the streamed DOM without waiting for chat/done when no reference comes late', async () => {
    const text = richAnswer().replace(/\[ref link\]\[docs\]/g, 'no ref');
    await chat.init(viewState({ conversation: conversation([message('h1', 'assistant', text)]) }));
    const once = await chat.call('messageHtml', 'h1');
    await chat.stream(
      'r1',
      message('a1', 'assistant', ''),
      message('u1', 'user', 'q'),
      splitInto(text, 5000),
      false,
    );
    // The tail is redrawn in a later (paced) frame than the last delta: give that redraw its turn.
    await eventually(async () => (await chat.call('messageHtml', 'a1')) === once, 'the tail');
    assert.equal(await chat.call('messageHtml', 'a1'), once);
  });

  async function startStreaming(): Promise<void> {
    await chat.send({
      type: 'chat/started',
      requestId: 'r1',
      userMessage: message('u1', 'user', 'q'),
      assistantMessage: message('a1', 'assistant', '', { status: 'streaming' }),
    });
    await chat.settle();
  }

  /**
   * Posts one delta per animation frame into the streaming answer a1, each ending in a marker,
   * and returns, for each, how many frames passed until its marker was in the DOM.
   */
  async function framesUntilEachDrawn(deltas: string[]): Promise<number[]> {
    const marked = deltas.map((delta, i) => `${delta}\u2063${i}\u2063`);
    return chat.page.evaluate<number[]>(`
      (async (deltas) => {
        const body = document.querySelector('.message[data-message-id="a1"] .message-body');
        const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
        const waits = [];
        for (const [i, text] of deltas.entries()) {
          window.postMessage({ type: 'chat/delta', requestId: 'r1', text }, '*');
          let frames = 0;
          while (!body.textContent.includes('\u2063' + i + '\u2063') && frames < 60) {
            await frame();
            frames++;
          }
          waits.push(frames);
        }
        return waits;
      })(${JSON.stringify(marked)})`);
  }

  it('draws each delta in the frame after it arrives, and all of it without chat/done', async () => {
    const text = richAnswer().replace(/\[ref link\]\[docs\]/g, 'no ref');
    await chat.init(viewState({ conversation: conversation([message('h1', 'assistant', text)]) }));
    const once = await chat.call('messageHtml', 'h1');
    await startStreaming();
    const waits = await framesUntilEachDrawn(splitInto(text, 120));
    const late = waits.filter((frames) => frames > 2);
    assert.deepEqual(late, [], `frames until each delta was drawn: ${waits.join(' ')}`);
    await chat.send({
      type: 'chat/done',
      requestId: 'r1',
      message: message('a1', 'assistant', text),
    });
    await chat.settle();
    assert.equal(await chat.call('messageHtml', 'a1'), once);
  });

  it('redraws a tail that is slow to render less often than every frame, and shows all of it', async () => {
    // One growing table is one block: every redraw re-renders all of its rows.
    const rows = Array.from({ length: 1500 }, (_, i) => `| row ${i} | **${i}** | \`${i * 2}\` |\n`);
    const text = `| a | b | c |\n|---|---|---|\n${rows.join('')}`;
    await chat.init(viewState({ conversation: conversation([message('h1', 'assistant', text)]) }));
    const once = await chat.call('messageHtml', 'h1');
    await startStreaming();
    const { renders, frames } = await chat.page.evaluate<{ renders: number; frames: number }>(`
      (async (deltas) => {
        const body = document.querySelector('.message[data-message-id="a1"] .message-body');
        const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
        let renders = 0;
        let changed = false;
        new MutationObserver(() => { changed = true; })
          .observe(body, { childList: true, subtree: true, characterData: true });
        let frames = 0;
        for (const text of deltas) {
          window.postMessage({ type: 'chat/delta', requestId: 'r1', text }, '*');
          await frame();
          frames++;
          if (changed) renders++;
          changed = false;
        }
        return { renders, frames };
      })(${JSON.stringify(splitInto(text, 200))})`);
    assert.ok(renders >= 3, `drawn progressively (${renders} redraws)`);
    assert.ok(renders < frames / 2, `${renders} redraws in ${frames} frames`);
    await eventually(
      async () => (await chat.call('messageHtml', 'a1')) === once,
      'the whole table, without chat/done',
    );
  });

  it('keeps drawing every frame when each delta completes hundreds of blocks at once', async () => {
    // Rendering the blocks a delta completed is done once per block; only the still-growing tail
    // is redrawn every frame. Counting the former against the pace made each redraw wait 4x as
    // long as the last one took, so the next carried more blocks and took longer still.
    const paragraphs = (i: number) =>
      Array.from({ length: 600 }, (_, k) => `Part ${i}.${k}: *some* **bold** \`code\` text.\n\n`);
    const deltas = Array.from(
      { length: 12 },
      (_, i) => `${i ? ' ' : ''}${paragraphs(i).join('')}Tail ${i} `,
    );
    await chat.init(viewState());
    await startStreaming();
    const waits = await framesUntilEachDrawn(deltas);
    const late = waits.filter((frames) => frames > 2);
    assert.deepEqual(late, [], `frames until each delta was drawn: ${waits.join(' ')}`);
  });

  it('stills the spinner while text arrives and spins it again when the text pauses', async () => {
    await chat.init(viewState());
    await startStreaming();
    const spinner = '.message[data-message-id="a1"] .progress-line .codicon-modifier-spin';
    const animation = () =>
      chat.page.evaluate<string>(
        `getComputedStyle(document.querySelector(${JSON.stringify(spinner)})).animationName`,
      );
    assert.equal(await animation(), 'codicon-spin', 'spins while waiting for the first text');
    await chat.send({ type: 'chat/delta', requestId: 'r1', text: 'Hello' });
    await chat.settle();
    assert.equal(await animation(), 'none', 'still while text arrives');
    await eventually(async () => (await animation()) === 'codicon-spin', 'spinning after a pause');
  });

  it('redraws a message that is still streaming from state/init and keeps appending', async () => {
    const partial = message('a1', 'assistant', 'Hello **wor', {
      status: 'streaming',
      progress: 'Thinking',
    });
    await chat.init(
      viewState({
        conversation: conversation([message('u1', 'user', 'hi'), partial]),
        activeRequest: { requestId: 'r1', assistantMessageId: 'a1' },
      }),
    );
    assert.match((await chat.call('messageFooterText', 'a1')) ?? '', /Thinking/);
    await chat.page.getByRole('button', { name: 'Stop' }).waitFor();
    await chat.send({ type: 'chat/delta', requestId: 'r1', text: 'ld**' });
    await chat.settle();
    assert.match((await chat.call('messageHtml', 'a1')) ?? '', /<strong>world<\/strong>/);
  });
});
