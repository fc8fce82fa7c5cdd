import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { HOSTILE_ANSWERS, type HostileAnswer } from './fixtures/hostile-answers';
import { launchChromium } from './harness/browser';
import { ChatPage, splitEvery } from './harness/chatPage';
import { conversation, message, viewState } from './harness/state';

// Every element the transcript may contain: what markdown-it emits for markdown, plus the view's
// own chrome. Anything else (script, img, svg, iframe, style, form, …) is a failure.
const ALLOWED_TAGS = [
  'a',
  'article',
  'blockquote',
  'br',
  'button',
  'code',
  'del',
  'div',
  'em',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  's',
  'section',
  'span',
  'strong',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
];
const HISTORY_BATCH = 40;

function chunkSize(answer: HostileAnswer): number {
  return Math.max(7, Math.ceil(answer.markdown.length / 300));
}

async function assertSafe(chat: ChatPage, context: string): Promise<void> {
  const pwned: unknown = await chat.page.evaluate(
    () => (globalThis as { __pwned?: unknown }).__pwned,
  );
  assert.equal(pwned, undefined, `${context}: a payload executed`);
  assert.deepEqual(chat.dialogs, [], `${context}: a payload opened a dialog`);
  const foreign = chat.requests.filter((url) => !url.startsWith(chat.server.origin));
  assert.deepEqual(foreign, [], `${context}: requests left the page`);
  assert.deepEqual(await chat.call('audit', ALLOWED_TAGS), [], `${context}: unsafe DOM`);
}

async function assertVisible(chat: ChatPage, id: string, answer: HostileAnswer): Promise<void> {
  const text = (await chat.call('messageText', id)) ?? '';
  const normalised = text.replace(/\s+/g, ' ');
  assert.ok(
    normalised.includes(answer.visible),
    `${answer.name}: expected to see ${JSON.stringify(answer.visible)} in ${JSON.stringify(normalised.slice(0, 300))}`,
  );
}

describe('hostile answers', function () {
  this.timeout(240_000);
  let browser: Browser;
  let chat: ChatPage;

  before(async () => {
    browser = await launchChromium();
    chat = await ChatPage.open(browser);
    await chat.init(viewState());
  });
  after(async () => {
    await chat.close();
    await browser.close();
  });

  it(`has at least 100 cases (${HOSTILE_ANSWERS.length})`, () => {
    assert.ok(HOSTILE_ANSWERS.length >= 100);
  });

  it('renders every case safely and readably as a streamed answer', async () => {
    for (const [index, answer] of HOSTILE_ANSWERS.entries()) {
      await chat.send({ type: 'conversation/show', conversation: conversation([]) });
      const id = `s${index}`;
      await chat.stream(
        `r${index}`,
        message(id, 'assistant', ''),
        message(`u${index}`, 'user', 'question'),
        splitEvery(answer.markdown, chunkSize(answer)),
      );
      await assertVisible(chat, id, answer);
      await assertSafe(chat, `streamed ${answer.name}`);
    }
  });

  it('renders every case safely and readably from history', async () => {
    for (let start = 0; start < HOSTILE_ANSWERS.length; start += HISTORY_BATCH) {
      const batch = HOSTILE_ANSWERS.slice(start, start + HISTORY_BATCH);
      const messages = batch.map((answer, i) =>
        message(`h${start + i}`, 'assistant', answer.markdown),
      );
      await chat.send({ type: 'conversation/show', conversation: conversation(messages) });
      await chat.settle();
      for (const [i, answer] of batch.entries()) await assertVisible(chat, `h${start + i}`, answer);
      await assertSafe(chat, `history batch at ${start}`);
    }
  });

  it('turns clicks on links and image placeholders into host requests without navigating', async () => {
    const messages = HOSTILE_ANSWERS.map((answer, i) =>
      message(`c${i}`, 'assistant', answer.markdown),
    ).slice(-HISTORY_BATCH);
    await chat.send({ type: 'conversation/show', conversation: conversation(messages) });
    await chat.settle();
    await chat.call('clearPosted');
    const targets = chat.page.locator('.transcript [data-url]');
    const count = Math.min(await targets.count(), 40);
    assert.ok(count > 0, 'there are links to click');
    for (let i = 0; i < count; i++) await targets.nth(i).click();
    const opened = await chat.postedOfType('link/open');
    assert.equal(opened.length, count);
    for (const { url } of opened) assert.match(url, /^https?:\/\//);
    assert.equal(chat.page.url(), chat.server.origin + '/');
    await assertSafe(chat, 'after clicking links');
  });
});
