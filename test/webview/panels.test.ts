import * as assert from 'node:assert/strict';
import type { ConversationSummary } from '../../src/shared/protocol';
import { eventually } from '../harness/eventually';
import { useChatPage } from './harness/hooks';
import { viewState } from './harness/state';

const summaries: ConversationSummary[] = [
  {
    id: 'c1',
    title: 'Sorting arrays',
    targetLabel: 'Ada',
    provider: 'twinexpert',
    updatedAt: Date.now() - 3_600_000,
  },
  {
    id: 'c2',
    title: 'Deploy help',
    targetLabel: 'Support Bot',
    provider: 'kamimind',
    updatedAt: Date.now() - 86_400_000,
  },
];

describe('header, conversation list, search, welcome', () => {
  const chat = useChatPage();
  const page = () => chat().page;

  async function openList(): Promise<void> {
    await chat().init(viewState({ conversations: summaries }));
    await page().getByRole('button', { name: 'Conversations' }).click();
  }

  it('lists conversations with target and relative time, and opens one', async () => {
    await openList();
    assert.match(
      (await chat().call('text', '.conversation-list')) ?? '',
      /Sorting arrays\s+Ada ·\s+1 hour ago/,
    );
    await page().getByRole('button', { name: 'Open Deploy help' }).click();
    assert.deepEqual(await chat().waitForPosted('conversation/open'), [
      { type: 'conversation/open', conversationId: 'c2' },
    ]);
    assert.equal(await page().locator('.history-panel').isVisible(), false);
  });

  it('renames inline with Enter and cancels with Escape', async () => {
    await openList();
    await page().getByRole('button', { name: 'Rename Sorting arrays' }).click();
    const input = page().getByRole('textbox', { name: 'New title' });
    await input.fill('Sorting in TypeScript');
    await input.press('Enter');
    assert.deepEqual(await chat().waitForPosted('conversation/rename'), [
      { type: 'conversation/rename', conversationId: 'c1', title: 'Sorting in TypeScript' },
    ]);
    await page().getByRole('button', { name: 'Rename Deploy help' }).click();
    await page().getByRole('textbox', { name: 'New title' }).press('Escape');
    assert.equal((await chat().postedOfType('conversation/rename')).length, 1);
    assert.equal(
      await page().locator('.history-panel').isVisible(),
      true,
      'Escape only cancelled the edit',
    );
  });

  it('deletes at once with Undo instead of a confirmation; Undo asks the host to restore; exports', async () => {
    await openList();
    await page().getByRole('button', { name: 'Delete Sorting arrays' }).click();
    // Posted on the click, not when the Undo bar goes: a hidden sidebar would never send it.
    assert.deepEqual(await chat().waitForPosted('conversation/delete'), [
      { type: 'conversation/delete', conversationId: 'c1' },
    ]);
    assert.equal(await page().locator('.undo-bar').isVisible(), true, 'while Undo is offered');
    assert.equal(await page().getByRole('button', { name: 'Open Sorting arrays' }).count(), 0);
    await page().getByRole('button', { name: 'Undo' }).click();
    assert.deepEqual(await chat().waitForPosted('conversation/restore'), [
      { type: 'conversation/restore', conversationId: 'c1' },
    ]);
    assert.equal(await page().getByRole('button', { name: 'Open Sorting arrays' }).count(), 1);
    await page().getByRole('button', { name: 'Delete Sorting arrays' }).click();
    assert.match((await chat().call('text', '.undo-bar')) ?? '', /Deleted “Sorting arrays”/);
    await page().getByRole('button', { name: 'Delete now' }).click();
    assert.equal(await page().locator('.undo-bar').isVisible(), false);
    assert.equal((await chat().waitForPosted('conversation/delete', 2)).length, 2);
    assert.equal(
      (await chat().postedOfType('conversation/restore')).length,
      1,
      '"Delete now" only hides the bar',
    );
    await page().getByRole('button', { name: 'Export Deploy help' }).click();
    assert.deepEqual(await chat().waitForPosted('conversation/export'), [
      { type: 'conversation/export', conversationId: 'c2' },
    ]);
  });

  it('searches all conversations (debounced) and opens a hit', async () => {
    await openList();
    await page()
      .getByRole('searchbox', { name: 'Search conversations' })
      .pressSequentially('kubectl');
    const queries = await chat().waitForPosted('search/query');
    assert.deepEqual(
      queries,
      [{ type: 'search/query', query: 'kubectl' }],
      'one query for the whole word',
    );
    await chat().send({
      type: 'search/results',
      query: 'kubectl',
      hits: [
        {
          conversationId: 'c2',
          title: 'Deploy help',
          messageId: 'm7',
          excerpt: '…run kubectl apply…',
        },
      ],
    });
    await eventually(
      async () => /kubectl apply/.test((await chat().call('text', '.conversation-list')) ?? ''),
      'the hit',
    );
    await page().locator('.search-hit').click();
    assert.deepEqual(await chat().waitForPosted('conversation/open'), [
      { type: 'conversation/open', conversationId: 'c2' },
    ]);
  });

  it('tells a screen reader what a search found, while the focus stays in the search box', async () => {
    await openList();
    const search = page().getByRole('searchbox', { name: 'Search conversations' });
    const announced = async (text: string) =>
      eventually(
        async () => (await chat().call('text', '[aria-live="polite"]')) === text,
        `"${text}" announced`,
      );
    const hit = (conversationId: string) => ({
      conversationId,
      title: 'Deploy help',
      messageId: 'm7',
      excerpt: '…kubectl…',
    });
    await search.fill('nothing');
    await chat().waitForPosted('search/query');
    await chat().send({ type: 'search/results', query: 'nothing', hits: [] });
    await announced('No matches for “nothing”');
    await search.fill('kubectl');
    await chat().waitForPosted('search/query', 2);
    await chat().send({ type: 'search/results', query: 'kubectl', hits: [hit('c1'), hit('c2')] });
    await announced('Conversations found: 2');
    await search.fill('deploy');
    await chat().waitForPosted('search/query', 3);
    await chat().send({ type: 'search/results', query: 'deploy', hits: [hit('c2')], more: true });
    await announced('Conversations found: 1 or more');
    assert.equal(await chat().call('focused'), 'Search conversations');
  });

  it('picks and refreshes targets, with loading and error states', async () => {
    await chat().init(viewState());
    await page().getByRole('combobox', { name: 'Twin or bot' }).selectOption('kamimind:b1');
    assert.deepEqual(await chat().waitForPosted('target/select'), [
      { type: 'target/select', key: 'kamimind:b1' },
    ]);
    await page().getByRole('button', { name: 'Refresh Twins and Bots' }).click();
    assert.deepEqual(await chat().waitForPosted('targets/refresh'), [{ type: 'targets/refresh' }]);
    await chat().send({ type: 'targets/update', targets: { targets: [], loading: true } });
    await eventually(
      async () => (await chat().call('text', '.target-status')) === 'Loading twins and bots…',
      'loading',
    );
    await chat().send({
      type: 'targets/update',
      targets: { targets: [], loading: false, error: 'Could not list twins: check the API key.' },
    });
    await eventually(
      async () =>
        (await chat().call('text', '.target-status')) ===
        'Could not list twins: check the API key.',
      'error',
    );
  });

  it('shows attachment chips with remove, Attach, and New Chat', async () => {
    await chat().init(
      viewState({
        attachments: [
          {
            id: 'f1',
            name: 'report.pdf',
            size: 1_572_864,
            kind: 'file',
            note: 'uploaded as a file',
          },
        ],
      }),
    );
    assert.match(
      (await chat().call('text', '.chips')) ?? '',
      /report\.pdf\s*1\.5 MB\s*uploaded as a file/,
    );
    await page().getByRole('button', { name: 'Remove report.pdf' }).click();
    await page().getByRole('button', { name: 'Attach File' }).click();
    await page().getByRole('button', { name: 'New Chat' }).click();
    assert.deepEqual(await chat().waitForPosted('attachment/remove'), [
      { type: 'attachment/remove', attachmentId: 'f1' },
    ]);
    assert.deepEqual(await chat().waitForPosted('command/run'), [
      { type: 'command/run', command: 'attachFile' },
    ]);
    assert.deepEqual(await chat().waitForPosted('chat/new'), [{ type: 'chat/new' }]);
    await chat().send({ type: 'attachments/update', attachments: [] });
    await eventually(async () => !(await page().locator('.chips').isVisible()), 'chips hidden');
  });

  it('welcomes a user without credentials with the three ways to start', async () => {
    await chat().init(
      viewState({ credentials: { twinexpert: false, kamimind: false }, demoServerAvailable: true }),
    );
    await page().getByRole('heading', { name: 'Chat with your AI twins' }).waitFor();
    assert.equal(await page().getByRole('textbox', { name: 'Message' }).isVisible(), false);
    await page().getByRole('button', { name: 'Set TwinExpert API Key' }).click();
    await page().getByRole('button', { name: 'Add KamiMind Bot' }).click();
    await page().getByRole('button', { name: 'Try the Demo Server' }).click();
    const commands = (await chat().waitForPosted('command/run', 3)).map((m) => m.command);
    assert.deepEqual(commands, ['setTwinExpertKey', 'addKamiMindBot', 'tryDemoServer']);
    await chat().send({
      type: 'credentials/didChange',
      credentials: { twinexpert: true, kamimind: false },
    });
    await page().getByRole('textbox', { name: 'Message' }).waitFor();
    assert.equal(await page().getByRole('heading', { name: 'Chat with your AI twins' }).count(), 0);
  });

  it('offers the demo server only when it is available', async () => {
    await chat().init(
      viewState({
        credentials: { twinexpert: false, kamimind: false },
        demoServerAvailable: false,
      }),
    );
    await page().getByRole('button', { name: 'Add KamiMind Bot' }).waitFor();
    assert.equal(await page().getByRole('button', { name: 'Try the Demo Server' }).count(), 0);
  });
});
