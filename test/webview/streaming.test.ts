import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import { launchChromium } from './harness/browser';
import { ChatPage, splitInto } from './harness/chatPage';
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
    assert.equal(await chat.call('messageHtml', 'a1'), once);
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
