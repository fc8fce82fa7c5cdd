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
    // The tail is redrawn at most every 50 ms while streaming: give the last redraw its turn.
    await eventually(async () => (await chat.call('messageHtml', 'a1')) === once, 'the tail');
    assert.equal(await chat.call('messageHtml', 'a1'), once);
  });

  it('redraws a fast stream about 20 times a second, not on every frame, and shows all of it', async () => {
    const text = richAnswer().replace(/\[ref link\]\[docs\]/g, 'no ref');
    await chat.init(viewState({ conversation: conversation([message('h1', 'assistant', text)]) }));
    const once = await chat.call('messageHtml', 'h1');
    await chat.send({
      type: 'chat/started',
      requestId: 'r1',
      userMessage: message('u1', 'user', 'q'),
      assistantMessage: message('a1', 'assistant', '', { status: 'streaming' }),
    });
    await chat.settle();
    // One delta per animation frame, counting the batches of DOM changes in the answer.
    const { renders, elapsed } = await chat.page.evaluate<{ renders: number; elapsed: number }>(`
      (async (deltas) => {
        const body = document.querySelector('.message[data-message-id="a1"] .message-body');
        let renders = 0;
        new MutationObserver(() => renders++).observe(body, { childList: true, subtree: true, characterData: true });
        const start = performance.now();
        for (const text of deltas) {
          window.postMessage({ type: 'chat/delta', requestId: 'r1', text }, '*');
          await new Promise((resolve) => requestAnimationFrame(resolve));
        }
        const elapsed = performance.now() - start;
        await new Promise((resolve) => setTimeout(resolve, 400));
        return { renders, elapsed };
      })(${JSON.stringify(splitInto(text, 120))})`);
    assert.ok(renders >= 3, `drawn progressively (${renders} redraws)`);
    // The first delta is drawn at once, then at most one redraw per 50 ms, then the last tail.
    assert.ok(
      renders <= Math.floor(elapsed / 50) + 3,
      `${renders} redraws in ${elapsed.toFixed(0)} ms`,
    );
    assert.equal(await chat.call('messageHtml', 'a1'), once, 'all of it, without chat/done');
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
