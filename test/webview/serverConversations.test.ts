import * as assert from 'node:assert/strict';
import type { ServerConversationView, TargetsView } from '../../src/shared/protocol';
import { accessibilityTree } from './harness/axTree';
import { useChatPage } from './harness/hooks';
import { viewState } from './harness/state';

// The history panel's "On TwinExpert" section, against a fake host: what it asks for, when, and
// how it shows what the host answers.

const TWIN = 'twinexpert:t1';

function rows(count: number, from = 0): ServerConversationView[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `srv${from + i}`,
    title: `Server conversation ${from + i}`,
    updatedAt: '2025-07-01T08:00:00.000Z',
  }));
}

const BOT_SELECTED: TargetsView = {
  targets: [
    { key: TWIN, provider: 'twinexpert', label: 'Ada' },
    { key: 'kamimind:b1', provider: 'kamimind', label: 'Support Bot' },
  ],
  selectedKey: 'kamimind:b1',
  loading: false,
};

const SCROLL_TO_END = `(() => {
  const panel = document.querySelector('.history-panel');
  panel.scrollTop = panel.scrollHeight;
})()`;

// Resolves once the browser has reported Load more in view to an observer made now. The section's
// own observer was made earlier, so by then it has been told too and has asked, if it was going to.
const END_REPORTED_IN_VIEW = `new Promise((resolve, reject) => {
  const more = document.querySelector('.server-conversations .list-more');
  const probe = new IntersectionObserver((entries) => {
    if (!entries.some((entry) => entry.isIntersecting)) return;
    probe.disconnect();
    resolve(true);
  });
  probe.observe(more);
  setTimeout(() => reject(new Error('Load more never came into view: hidden while a page loads?')), 5000);
})`;

describe('history panel: On TwinExpert', () => {
  const chat = useChatPage();
  const page = () => chat().page;
  const toggle = () => page().getByRole('button', { name: 'On TwinExpert' });
  const listRequests = async () =>
    (await chat().postedOfType('serverConversations/list')).map((m) => [m.twinKey, m.page]);

  async function openSection(): Promise<void> {
    await chat().init(viewState());
    await page().getByRole('button', { name: 'Conversations' }).dispatchEvent('click');
    await toggle().click();
    await chat().waitForPosted('serverConversations/list', 1);
  }

  async function answer(pageNo: number, list: ServerConversationView[], hasMore: boolean) {
    await chat().send({
      type: 'serverConversations/page',
      twinKey: TWIN,
      page: pageNo,
      conversations: list,
      hasMore,
    });
    await chat().settle();
  }

  it('asks for the selected twin’s first page and lists title and server time', async () => {
    await openSection();
    assert.deepEqual(await listRequests(), [[TWIN, 1]]);
    await answer(1, rows(2), false);
    const titles = await page()
      .locator('.server-conversation .conversation-title')
      .allTextContents();
    assert.deepEqual(titles, ['Server conversation 0', 'Server conversation 1']);
    const time = await page()
      .locator('.server-conversation .conversation-meta')
      .first()
      .textContent();
    assert.match(time ?? '', /2025/);
  });

  it('shows an HTML title as text, never as markup', async () => {
    await openSection();
    const hostile = '<img src=x onerror="window.pwned=1"><b>bold</b>';
    await answer(1, [{ id: 'h1', title: hostile }], false);
    const row = page().locator('.server-conversation .conversation-title');
    assert.equal(await row.textContent(), hostile);
    assert.equal(
      await page().locator('.server-conversation img, .server-conversation b').count(),
      0,
    );
  });

  it('asks for the next page when the end scrolls into view, and stops after the last page', async () => {
    await openSection();
    await answer(1, rows(40), true);
    assert.deepEqual(await listRequests(), [[TWIN, 1]], 'page 2 waits for the end to show');
    await page().evaluate(SCROLL_TO_END);
    await chat().waitForPosted('serverConversations/list', 2);
    assert.deepEqual(await listRequests(), [
      [TWIN, 1],
      [TWIN, 2],
    ]);
    await answer(2, rows(3, 40), false);
    assert.equal(await page().locator('.server-conversation').count(), 43);
    await page().evaluate(SCROLL_TO_END);
    await chat().settle(4);
    assert.equal((await listRequests()).length, 2, 'nothing asked past the last page');
    assert.equal(
      await page().getByRole('button', { name: 'Load more from TwinExpert' }).isVisible(),
      false,
    );
  });

  it('keeps the keyboard focus on the row being read while the next page is asked for and comes', async () => {
    await openSection();
    await answer(1, rows(40), true);
    // Tabbing down to the last row scrolls it into view, and Load more under it with it.
    await page().getByRole('button', { name: 'Open Server conversation 39' }).focus();
    await chat().waitForPosted('serverConversations/list', 2);
    await chat().settle();
    assert.equal(await chat().call('focused'), 'Open Server conversation 39', 'while loading');
    await answer(2, rows(3, 40), false);
    assert.equal(await chat().call('focused'), 'Open Server conversation 39', 'page 2 shown');
    await page().keyboard.press('Tab');
    assert.equal(await chat().call('focused'), 'Open Server conversation 40', 'on to the new rows');
  });

  it('Retry by keyboard leaves the focus in the list while the page is asked for again', async () => {
    await openSection();
    await answer(1, rows(2), true);
    await chat().send({
      type: 'serverConversations/error',
      twinKey: TWIN,
      page: 2,
      message: 'TwinExpert did not answer.',
    });
    await chat().settle();
    await page().getByRole('button', { name: 'Retry' }).focus();
    await page().keyboard.press('Enter');
    await chat().waitForPosted('serverConversations/list', 2);
    assert.equal(await chat().call('focused'), 'Open Server conversation 1');
  });

  it('waits for a click on Load more after a page that added no rows, then pages on by itself', async () => {
    await openSection();
    // The server ignored the twin and every row was someone else's: nothing added, end in view.
    await answer(1, [], true);
    await page().evaluate(END_REPORTED_IN_VIEW);
    assert.deepEqual(await listRequests(), [[TWIN, 1]], 'no page asked by itself');
    await page().getByRole('button', { name: 'Load more from TwinExpert' }).click();
    await chat().waitForPosted('serverConversations/list', 2);
    assert.deepEqual((await listRequests())[1], [TWIN, 2]);
    await answer(2, rows(40), true);
    await page().evaluate(SCROLL_TO_END);
    await chat().waitForPosted('serverConversations/list', 3);
    assert.deepEqual((await listRequests())[2], [TWIN, 3], 'rows again: the end asks by itself');
  });

  it('says what went wrong in one sentence, and Retry asks for the page again', async () => {
    await openSection();
    const sentence = 'TwinExpert asks to wait: too many requests. Retry in 30 s.';
    await chat().send({
      type: 'serverConversations/error',
      twinKey: TWIN,
      page: 1,
      message: sentence,
    });
    await chat().settle();
    assert.equal(
      await page().locator('.server-conversations-status.error').textContent(),
      sentence,
    );
    await page().getByRole('button', { name: 'Retry' }).click();
    await chat().waitForPosted('serverConversations/list', 2);
    assert.deepEqual((await listRequests())[1], [TWIN, 1]);
  });

  it('opens a conversation through the host and marks it as in Twin Chat', async () => {
    await openSection();
    await answer(1, [...rows(1), { id: 'srv-linked', title: 'Linked', linked: true }], false);
    const states = await page().locator('.server-conversation .conversation-state').count();
    assert.equal(states, 1, 'the linked one is marked');
    // The Open button's name is its title alone: the time and the mark reach a screen reader
    // as its description.
    const described = (await accessibilityTree(page()))
      .filter((node) => node.role === 'button' && node.name.startsWith('Open '))
      .map((node) => [node.name, node.description.trim()]);
    assert.match(described[0]?.[1] ?? '', /2025/, 'the server time');
    assert.deepEqual(described[1], ['Open Linked', 'in Twin Chat']);
    await page().getByRole('button', { name: 'Open Server conversation 0' }).click();
    const [opened] = await chat().waitForPosted('serverConversations/open', 1);
    assert.deepEqual(opened, { type: 'serverConversations/open', twinKey: TWIN, remoteId: 'srv0' });
    const marked = page().locator(
      '.server-conversation[data-server-id="srv0"] .conversation-state',
    );
    assert.equal(await marked.count(), 0, 'not in Twin Chat until the host says so');
    await chat().send({ type: 'serverConversations/opened', twinKey: TWIN, remoteId: 'srv0' });
    await chat().settle();
    assert.equal(await marked.textContent(), 'in Twin Chat');
  });

  it('brings the panel back to say why a conversation could not be opened', async () => {
    await openSection();
    await answer(1, rows(1), false);
    await page().getByRole('button', { name: 'Open Server conversation 0' }).click();
    await chat().settle();
    assert.equal(await page().locator('.history-panel').isVisible(), false, 'closed on open');
    const sentence = 'TwinExpert could not be reached. Check your network or proxy, then retry.';
    await chat().send({
      type: 'serverConversations/error',
      twinKey: TWIN,
      page: 0,
      message: sentence,
    });
    await chat().settle();
    assert.equal(await page().locator('.history-panel').isVisible(), true);
    assert.equal(
      await page().locator('.server-conversations-status.error').textContent(),
      sentence,
    );
    assert.equal(
      await page().locator('.server-conversation .conversation-state').count(),
      0,
      'a failed open is not shown as in Twin Chat',
    );
  });

  it('is offered only while a TwinExpert twin is selected', async () => {
    await chat().init(viewState({ targets: BOT_SELECTED }));
    await page().getByRole('button', { name: 'Conversations' }).dispatchEvent('click');
    await chat().settle();
    assert.equal(await toggle().isVisible(), false);
    await chat().send({
      type: 'targets/update',
      targets: { ...BOT_SELECTED, selectedKey: TWIN },
    });
    await chat().settle();
    assert.equal(await toggle().isVisible(), true);
  });
});
