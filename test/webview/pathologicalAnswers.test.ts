import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchChromium } from './harness/browser';
import { ChatPage } from './harness/chatPage';
import { seededSplit } from './harness/seededSplits';
import { conversation, message, viewState } from './harness/state';
import { holdFrames, stepFrame, streamFrameByFrame } from './harness/steppedFrames';
import { TRANSCRIPT_TAGS } from './harness/transcriptTags';

// Answers built to exhaust the renderer: nesting thousands deep, one line of 2 MB, one table of
// 5,000 rows. Each is streamed in about ten deltas, a frame each: the view must get through
// all of them without a page error and end with the answer as it renders once, its last words
// on screen. How long that takes is the benchmark's business, not asserted here.
const PATHOLOGICAL: { name: string; markdown: string; last: string }[] = [
  {
    name: 'a blockquote 5,000 markers deep on one line',
    markdown: `${'>'.repeat(5000)} deep text\n\nafter the quote\n`,
    last: 'after the quote',
  },
  {
    name: 'a list 3,000 markers deep on one line',
    markdown: `${'- '.repeat(3000)}deep item\n\nafter the list\n`,
    last: 'after the list',
  },
  {
    name: 'a list nested 600 levels by indentation',
    markdown: `${Array.from({ length: 600 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}\n\nafter the stairs\n`,
    last: 'after the stairs',
  },
  {
    name: 'quotes nested 300 levels over 300 lines',
    markdown: `${Array.from({ length: 300 }, (_, i) => `${'> '.repeat(i + 1)}q ${i}`).join('\n')}\n\nafter the quotes\n`,
    last: 'after the quotes',
  },
  {
    name: 'a table of 5,000 rows',
    markdown: `| a | b |\n|---|---|\n${Array.from({ length: 5000 }, (_, i) => `| r${i} | **${i}** |`).join('\n')}\n\nafter the table\n`,
    last: 'after the table',
  },
  {
    name: 'a single line of 2 MB',
    markdown: `${'word '.repeat(400_000)}last words\n`,
    last: 'last words',
  },
];

const DELTAS = 10;

describe('pathological answers stream to the end without errors', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: ChatPage;
  const pageErrors: string[] = [];

  before(async () => {
    browser = await launchChromium();
    page = await ChatPage.open(browser);
    page.page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.init(viewState());
    await holdFrames(page);
  });
  after(async () => {
    await page.close();
    await browser.close();
  });

  for (const [index, answer] of PATHOLOGICAL.entries()) {
    it(answer.name, async () => {
      const text = answer.markdown;
      const shown = conversation([message('h', 'assistant', text)], `c${index}`);
      await page.send({ type: 'conversation/show', conversation: shown });
      await stepFrame(page);
      await page.send({
        type: 'chat/started',
        requestId: `r${index}`,
        userMessage: message('u', 'user', 'Question'),
        assistantMessage: message('a', 'assistant', '', { status: 'streaming' }),
      });
      await stepFrame(page);
      const deltas = seededSplit(text, index, Math.ceil(text.length / DELTAS));
      const problems = await streamFrameByFrame(page, `r${index}`, 'a', deltas, TRANSCRIPT_TAGS);
      await page.send({
        type: 'chat/done',
        requestId: `r${index}`,
        message: message('a', 'assistant', text),
      });
      await stepFrame(page);
      const body = (id: string) =>
        `document.querySelector('.message[data-message-id="${id}"] .message-body')`;
      const result = await page.page.evaluate<{ same: boolean; last: boolean }>(`({
        same: ${body('a')}.innerHTML === ${body('h')}.innerHTML,
        last: ${body('a')}.textContent.includes(${JSON.stringify(answer.last)}),
      })`);
      assert.deepEqual(problems, []);
      assert.deepEqual(pageErrors, []);
      assert.deepEqual(result, { same: true, last: true });
    });
  }
});
