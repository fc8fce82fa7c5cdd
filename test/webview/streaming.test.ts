import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import { launchChromium } from './harness/browser';
import { ChatPage, splitInto } from './harness/chatPage';
import { conversation, message, viewState } from './harness/state';

// A long answer exercising every block type the incremental renderer splits on, optionally with
// a link reference defined after its use (the one thing that reaches backwards in markdown).
function richAnswer(lateReference = true): string {
  const sections: string[] = [];
  for (let i = 0; i < 12; i++) {
    sections.push(
      `## Section ${i}\n\nSome *emphasis*, **bold**, \`code\`, a [link](https://example.com/${i}) and ${lateReference ? 'a [ref link][docs]' : 'no ref'}.\nSecond line of the paragraph.\n`,
      `- item one\n- item two\n  continued\n\n  loose paragraph\n- item three\n`,
      '```ts\nconst x: number = ' + i + ';\n\nfunction f() {\n  return x * 2;\n}\n```\n',
      `| a | b |\n|:--|--:|\n| ${i} | two |\n| three | four |\n`,
      `> quoted ${i}\n> more\n\n1. first\n2. second\n\n---\n`,
      `Setext heading ${i}\n===\n\n    indented code\n\n    still code\n\nTrailing text with CRLF\r\nline two\r\n`,
    );
  }
  if (lateReference) sections.push('\n[docs]: https://example.com/docs "Docs"\n');
  return sections.join('\n');
}

// Every test here runs on a clock that only the test moves (see ChatPage.open): "drawn in the next
// frame" means exactly one animation frame was run, whatever else the machine was doing. How long
// those frames take in a real browser is measured by `npm run bench`, not asserted here.
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
    chat = await ChatPage.open(browser, 'en', 'manual');
  });
  afterEach(async () => {
    await chat.close();
  });

  /** Renders `text` as a finished message h1, the way a reopened conversation shows it. */
  async function renderedOnce(text: string): Promise<string> {
    await chat.init(viewState({ conversation: conversation([message('h1', 'assistant', text)]) }));
    const once = await chat.call('messageHtml', 'h1');
    assert.ok(once, 'the one-shot render exists');
    return once;
  }

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
   * Posts each delta into the streaming answer a1 with a marker at its end, runs one frame, and
   * returns the indexes of the deltas whose marker was not in the DOM after that frame.
   */
  async function notDrawnInTheNextFrame(deltas: string[]): Promise<number[]> {
    const late: number[] = [];
    for (const [i, delta] of deltas.entries()) {
      const marker = `⟦${i}⟧`;
      await chat.send({ type: 'chat/delta', requestId: 'r1', text: delta + marker });
      await chat.nextFrame();
      if (!(await chat.call('textIncludes', 'a1', marker))) late.push(i);
    }
    return late;
  }

  it('starts with the ready handshake carrying the protocol version', async () => {
    const [ready] = await chat.waitForPosted('webview/ready');
    assert.deepEqual(ready, { type: 'webview/ready', protocolVersion: PROTOCOL_VERSION });
  });

  it('draws 5,000 deltas to the same DOM as the final text rendered at once, before chat/done', async () => {
    const text = richAnswer(false);
    const once = await renderedOnce(text);
    assert.ok(once.includes('<table>') && once.includes('hljs-'), 'tables and highlighting');
    await chat.stream(
      'r1',
      message('a1', 'assistant', ''),
      message('u1', 'user', 'Tell me everything'),
      splitInto(text, 5000),
      false,
    );
    assert.equal(await chat.call('messageHtml', 'a1'), once);
  });

  it('resolves a link reference defined after its use once chat/done arrives', async () => {
    const text = richAnswer(true);
    const once = await renderedOnce(text);
    assert.ok(once.includes('data-url="https://example.com/docs"'), 'the one-shot render links it');
    const user = message('u1', 'user', 'q');
    const assistant = message('a1', 'assistant', '');
    await chat.stream('r1', assistant, user, splitInto(text, 5000), false);
    const streamed = await chat.call('messageHtml', 'a1');
    assert.ok(
      streamed && !streamed.includes('data-url="https://example.com/docs"'),
      'while streaming, blocks drawn before the definition arrived cannot link it yet',
    );
    await chat.send({ type: 'chat/done', requestId: 'r1', message: { ...assistant, text } });
    await chat.settle();
    assert.equal(await chat.call('messageHtml', 'a1'), once);
  });

  it('draws each delta in the frame after it arrives, and all of it without chat/done', async () => {
    const text = richAnswer(false);
    const once = await renderedOnce(text);
    await startStreaming();
    assert.deepEqual(await notDrawnInTheNextFrame(splitInto(text, 120)), []);
    await chat.send({
      type: 'chat/done',
      requestId: 'r1',
      message: message('a1', 'assistant', text),
    });
    await chat.settle();
    assert.equal(await chat.call('messageHtml', 'a1'), once);
  });

  it('draws all of each delta in the next frame when each completes hundreds of blocks at once', async () => {
    // On the paused clock a render costs no time, so this proves the blocks are all drawn, not the
    // pacing: that rendering blocks once does not slow the tail is the frame scheduler's unit test.
    const paragraphs = (i: number) =>
      Array.from({ length: 600 }, (_, k) => `Part ${i}.${k}: *some* **bold** \`code\` text.\n\n`);
    const deltas = Array.from(
      { length: 12 },
      (_, i) => `${i ? ' ' : ''}${paragraphs(i).join('')}Tail ${i} `,
    );
    await chat.init(viewState());
    await startStreaming();
    assert.deepEqual(await notDrawnInTheNextFrame(deltas), []);
  });

  it('grows the streaming paragraph and list in place, so a selection in them survives', async () => {
    // Scripts as strings: the tests' tsconfig has no DOM library.
    const body = `document.querySelector('[data-message-id="a1"] .message-body')`;
    const delta = async (text: string) => {
      await chat.send({ type: 'chat/delta', requestId: 'r1', text });
      await chat.nextFrame();
    };
    await chat.init(viewState());
    await startStreaming();
    await delta('Intro.\n\nThe first words of a paragraph');
    await chat.page.evaluate(`{
      const p = [...${body}.querySelectorAll('p')].pop();
      window.keptParagraph = p;
      const range = document.createRange();
      range.setStart(p.firstChild, 4);
      range.setEnd(p.firstChild, 9);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    }`);
    await delta(' and more of them, *emphasised*');
    await delta(' and plain again.');
    assert.deepEqual(
      await chat.page.evaluate(`(() => {
        const p = [...${body}.querySelectorAll('p')].pop();
        return { same: p === window.keptParagraph, text: p.textContent, selected: getSelection().toString() };
      })()`),
      {
        same: true,
        text: 'The first words of a paragraph and more of them, emphasised and plain again.',
        selected: 'first',
      },
    );

    await delta('\n\n- one\n- two');
    await chat.page.evaluate(`window.keptList = ${body}.querySelector('ul')`);
    await delta('\n- three');
    assert.deepEqual(
      await chat.page.evaluate(`(() => {
        const ul = ${body}.querySelector('ul');
        return { same: ul !== null && ul === window.keptList, items: Array.from(ul.children, (li) => li.textContent) };
      })()`),
      { same: true, items: ['one', 'two', 'three'] },
    );
  });

  it('shows all of one huge growing block (a table) without chat/done', async () => {
    // One growing table is one block: every redraw re-renders all of its rows. How often that is
    // redrawn is the frame scheduler's decision (test/unit/webview-ui); here, that none is lost.
    const rows = Array.from({ length: 600 }, (_, i) => `| row ${i} | **${i}** | \`${i * 2}\` |\n`);
    const text = `| a | b | c |\n|---|---|---|\n${rows.join('')}`;
    const once = await renderedOnce(text);
    await startStreaming();
    for (const delta of splitInto(text, 60)) {
      await chat.send({ type: 'chat/delta', requestId: 'r1', text: delta });
      await chat.nextFrame();
    }
    await chat.settle();
    assert.equal(await chat.call('messageHtml', 'a1'), once);
  });

  it('stills the spinner while text arrives and spins it again after a second without text', async () => {
    await chat.init(viewState());
    await startStreaming();
    const spinner = '.message[data-message-id="a1"] .progress-line .codicon-modifier-spin';
    const animation = () =>
      chat.page.evaluate<string>(
        `getComputedStyle(document.querySelector(${JSON.stringify(spinner)})).animationName`,
      );
    assert.equal(await animation(), 'codicon-spin', 'spins while waiting for the first text');
    await chat.send({ type: 'chat/delta', requestId: 'r1', text: 'Hello' });
    await chat.nextFrame();
    assert.equal(await animation(), 'none', 'still while text arrives');
    await chat.advance(900);
    await chat.send({ type: 'chat/delta', requestId: 'r1', text: ' again' });
    await chat.advance(900);
    assert.equal(await animation(), 'none', 'a delta within the second keeps it still');
    await chat.advance(100);
    assert.equal(await animation(), 'codicon-spin', 'spinning after a second without text');
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
    // Text has arrived, so the server's earlier "Thinking" is stale (issue 21, item 11).
    const footer = (await chat.call('messageFooterText', 'a1')) ?? '';
    assert.match(footer, /Answering/);
    assert.doesNotMatch(footer, /Thinking/);
    await chat.page.getByRole('button', { name: 'Stop' }).waitFor();
    await chat.send({ type: 'chat/delta', requestId: 'r1', text: 'ld**' });
    await chat.settle();
    assert.match((await chat.call('messageHtml', 'a1')) ?? '', /<strong>world<\/strong>/);
  });
});
