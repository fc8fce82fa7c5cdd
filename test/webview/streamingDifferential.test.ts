import * as assert from 'node:assert/strict';
import { TRICKY_ANSWERS, type TrickyAnswer } from './fixtures/tricky-answers';
import type { Browser } from 'playwright-core';
import { launchChromium } from './harness/browser';
import { ChatPage } from './harness/chatPage';
import { codeUnits, seededSplit } from './harness/seededSplits';
import { conversation, message, viewState } from './harness/state';
import { holdFrames, stepFrame, streamFrameByFrame } from './harness/steppedFrames';
import { TRANSCRIPT_TAGS } from './harness/transcriptTags';

// The promise of the streaming renderer: whatever the delta boundaries, the answer on screen when
// the stream ends is the answer rendered once, and no frame on the way shows raw HTML, a live
// non-web link or text twice. Each answer is streamed one code unit per delta, at seeded random
// boundaries, and in one delta, each delta drawn in a frame of its own.

/** Longer answers get longer deltas, so no stream of an answer needs more than this many frames. */
const MAX_DELTAS = 300;

function splitsOf(answer: TrickyAnswer, seed: number): string[][] {
  const text = answer.markdown;
  const mean = (length: number) => Math.max(length, Math.ceil(text.length / MAX_DELTAS));
  return [
    ...(text.length <= MAX_DELTAS ? [codeUnits(text)] : []),
    seededSplit(text, seed, mean(2)),
    seededSplit(text, seed + 1, mean(8)),
    [text],
    ...(answer.deltas ? [answer.deltas] : []),
  ];
}

function bodyHtml(chat: ChatPage, id: string): Promise<string> {
  return chat.page.evaluate(
    `document.querySelector('.message[data-message-id="${id}"] .message-body').innerHTML`,
  );
}

/** Where two renderings part, with some context: whole answers are too long to read in a diff. */
function firstDifference(streamed: string, once: string): string {
  let at = 0;
  while (at < streamed.length && streamed[at] === once[at]) at++;
  const around = (html: string) => JSON.stringify(html.slice(Math.max(0, at - 60), at + 100));
  return `${around(streamed)}\n    rendered once: ${around(once)}`;
}

describe('streamed answers end as they render once, whatever the delta boundaries', () => {
  // One page for all answers (opening one costs more than streaming an answer): each test shows a
  // conversation of its own holding the answer rendered once, then streams it into that.
  let browser: Browser;
  let page: ChatPage;

  before(async () => {
    browser = await launchChromium();
    page = await ChatPage.open(browser);
    await page.init(viewState());
    await holdFrames(page);
  });
  after(async () => {
    await page.close();
    await browser.close();
  });

  for (const [index, answer] of TRICKY_ANSWERS.entries()) {
    it(answer.name, async () => {
      const text = answer.markdown;
      const shown = conversation([message('h', 'assistant', text)], `c${index}`);
      await page.send({ type: 'conversation/show', conversation: shown });
      await stepFrame(page);
      const once = await bodyHtml(page, 'h');
      const failures: string[] = [];
      for (const [s, deltas] of splitsOf(answer, 1000 * index).entries()) {
        const [requestId, id] = [`r${index}-${s}`, `a${s}`];
        const split = `split ${s} (${deltas.length} deltas)`;
        await page.send({
          type: 'chat/started',
          requestId,
          userMessage: message(`u${s}`, 'user', 'Question'),
          assistantMessage: message(id, 'assistant', '', { status: 'streaming' }),
        });
        await stepFrame(page);
        const problems = await streamFrameByFrame(page, requestId, id, deltas, TRANSCRIPT_TAGS);
        failures.push(...problems.map((problem) => `${split}: ${problem}`));
        const streamed = await bodyHtml(page, id);
        if (!answer.lateReference && streamed !== once)
          failures.push(`${split}, before chat/done: ${firstDifference(streamed, once)}`);
        await page.send({ type: 'chat/done', requestId, message: message(id, 'assistant', text) });
        await stepFrame(page);
        const finished = await bodyHtml(page, id);
        if (finished !== once)
          failures.push(`${split}, after chat/done: ${firstDifference(finished, once)}`);
      }
      assert.deepEqual(failures, []);
    });
  }
});
