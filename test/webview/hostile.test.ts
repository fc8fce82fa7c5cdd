import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { hiddenCharacters } from '../../src/shared/hiddenCharacters';
import { checkLink, linkDialog, type Translate } from '../../src/webview/linkCheck';
import { HOSTILE_ANSWERS, type HostileAnswer } from './fixtures/hostile-answers';
import { launchChromium } from './harness/browser';
import { ChatPage, splitEvery } from './harness/chatPage';
import { conversation, message, viewState } from './harness/state';
import { TRANSCRIPT_TAGS } from './harness/transcriptTags';

const HISTORY_BATCH = 40;

const english: Translate = (text, ...args) =>
  text.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? '');

function inMessage(chat: ChatPage, id: string, selector: string) {
  return chat.page.locator(`.message[data-message-id="${id}"] ${selector}`).first();
}

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
  assert.deepEqual(await chat.call('audit', TRANSCRIPT_TAGS), [], `${context}: unsafe DOM`);
}

async function assertVisible(chat: ChatPage, id: string, answer: HostileAnswer): Promise<void> {
  const text = (await chat.call('messageText', id)) ?? '';
  const normalised = text.replace(/\s+/g, ' ');
  assert.ok(
    normalised.includes(answer.visible),
    `${answer.name}: expected to see ${JSON.stringify(answer.visible)} in ${JSON.stringify(normalised.slice(0, 300))}`,
  );
}

/** Nothing hidden reaches the screen: each hidden character is a visible mark instead. */
async function assertNothingHidden(
  chat: ChatPage,
  id: string,
  answer: HostileAnswer,
): Promise<void> {
  const text = (await chat.call('messageText', id)) ?? '';
  assert.deepEqual(hiddenCharacters(text), [], `${answer.name}: hidden characters on screen`);
  for (const mark of answer.hidden?.marks ?? [])
    assert.ok(text.includes(mark), `${answer.name}: ${mark} is not shown`);
}

/** A misleading link reaches the host, whose confirmation refuses it or names the real host. */
async function assertLinkChecked(chat: ChatPage, id: string, answer: HostileAnswer): Promise<void> {
  if (!answer.link) return;
  await chat.call('clearPosted');
  await inMessage(chat, id, '[data-url]').click();
  const [posted] = await chat.waitForPosted('link/open');
  const check = checkLink(posted!.url);
  const dialog = linkDialog(check, english);
  const context = `${answer.name}: ${JSON.stringify(check)}`;
  if ('refused' in answer.link) {
    assert.equal(check.kind === 'refuse' && check.reason, answer.link.refused, context);
    assert.equal(dialog.canOpen, false, context);
  } else {
    assert.equal(dialog.canOpen, true, context);
    assert.equal(dialog.detail.split('\n')[0], `Site: ${answer.link.host}`, context);
  }
  assert.deepEqual(hiddenCharacters(dialog.message + dialog.detail), [], context);
  assert.doesNotMatch(dialog.detail, /\n.*\n/, `${context}: the address adds lines`);
}

/** Code that held hidden characters says so above Copy, and Copy takes the marks, not them. */
async function assertCodeWarned(chat: ChatPage, id: string, answer: HostileAnswer): Promise<void> {
  if (!answer.hidden?.inCode) return;
  const marks = answer.hidden.marks;
  const note = inMessage(chat, id, '.code-block .code-hidden-note');
  assert.equal(await note.isVisible(), marks.length > 0, `${answer.name}: warning note`);
  await chat.call('clearPosted');
  await inMessage(chat, id, '.code-block [data-action="copy"]').click();
  const [copied] = await chat.waitForPosted('code/copy');
  const code = copied!.code;
  assert.deepEqual(hiddenCharacters(code), [], `${answer.name}: Copy took hidden characters`);
  for (const expected of marks.length > 0 ? marks : [answer.visible])
    assert.ok(code.includes(expected), `${answer.name}: Copy took ${JSON.stringify(code)}`);
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

  it('shows every hidden character of every case as a mark, never the character itself', async () => {
    const messages = HOSTILE_ANSWERS.map((answer, i) =>
      message(`v${i}`, 'assistant', answer.markdown),
    );
    await chat.send({ type: 'conversation/show', conversation: conversation(messages) });
    await chat.settle();
    for (const [i, answer] of HOSTILE_ANSWERS.entries())
      await assertNothingHidden(chat, `v${i}`, answer);
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
      await assertNothingHidden(chat, id, answer);
      await assertLinkChecked(chat, id, answer);
      await assertCodeWarned(chat, id, answer);
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
