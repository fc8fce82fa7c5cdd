import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { hiddenCharacters } from '../../src/shared/hiddenCharacters';
import { launchChromium } from './harness/browser';
import { ChatPage } from './harness/chatPage';
import { conversation, message, viewState } from './harness/state';

// Text from servers shown outside answers (errors, progress lines, twin names, attachment names)
// must reveal hidden characters the way answers do: two twins named "Ada" and "Ada\u200B" must not
// look the same, and a file "invoice\u202Efdp.exe" must not read as "invoiceexe.pdf".

async function textOf(chat: ChatPage, selector: string): Promise<string> {
  await chat.page.locator(selector).first().waitFor({ state: 'attached' });
  return (await chat.call('text', selector)) ?? '';
}

function assertRevealed(text: string, mark: string, where: string): void {
  assert.ok(text.includes(mark), `${where}: ${mark} not shown in ${JSON.stringify(text)}`);
  assert.deepEqual(
    hiddenCharacters(text),
    [],
    `${where}: hidden characters in ${JSON.stringify(text)}`,
  );
}

describe('hidden characters outside answers', function () {
  this.timeout(60_000);
  let browser: Browser;
  let chat: ChatPage;

  before(async () => {
    browser = await launchChromium();
    chat = await ChatPage.open(browser);
    await chat.init(
      viewState({
        targets: {
          targets: [
            { key: 'twinexpert:t1', provider: 'twinexpert', label: 'Ada' },
            {
              key: 'twinexpert:t2',
              provider: 'twinexpert',
              label: 'Ada\u200B',
              description: 'd\u2060',
            },
          ],
          selectedKey: 'twinexpert:t1',
          loading: false,
          error: 'Listing failed\u202E',
        },
        attachments: [{ id: 'a1', name: 'invoice\u202Efdp.exe', size: 10, kind: 'file' }],
      }),
    );
  });
  after(async () => {
    await chat.close();
    await browser.close();
  });

  it('in twin names, their descriptions and the listing error', async () => {
    assertRevealed(await textOf(chat, 'option[value="twinexpert:t2"]'), '⟦U+200B⟧', 'target');
    const title = await chat.page.locator('option[value="twinexpert:t2"]').getAttribute('title');
    assertRevealed(title ?? '', '⟦U+2060⟧', 'target description');
    assertRevealed(await textOf(chat, '.target-status'), '⟦U+202E⟧', 'listing error');
  });

  it('in attachment names', async () => {
    assertRevealed(await textOf(chat, '.chip-name'), '⟦U+202E⟧', 'attachment');
  });

  it('in progress lines and error messages', async () => {
    await chat.send({ type: 'conversation/show', conversation: conversation([]) });
    await chat.send({
      type: 'chat/started',
      requestId: 'r1',
      userMessage: message('u1', 'user', 'question'),
      assistantMessage: message('a1', 'assistant', '', { status: 'streaming' }),
    });
    await chat.send({ type: 'chat/progress', requestId: 'r1', message: 'Searching\u200B docs' });
    await chat.settle();
    assertRevealed(await textOf(chat, '.progress-line'), '⟦U+200B⟧', 'progress');
    await chat.send({
      type: 'chat/error',
      requestId: 'r1',
      message: message('a1', 'assistant', '', {
        status: 'error',
        error: { kind: 'server', message: 'Server said: ok\u202E', actions: ['retry'] },
      }),
    });
    await chat.settle();
    assertRevealed(await textOf(chat, '.error-text'), '⟦U+202E⟧', 'error');
  });

  it('in a sent message’s attachments, the answering twin’s name, history rows and search hits', async () => {
    await chat.send({
      type: 'conversation/show',
      conversation: {
        ...conversation([
          message('u1', 'user', 'see file', {
            attachments: [{ id: 'a', name: 'photo\u202Egpj.exe', size: 10, kind: 'file' }],
          }),
          message('a1', 'assistant', 'ok'),
        ]),
        target: { key: 'twinexpert:t2', provider: 'twinexpert', label: 'Ada\u200B' },
      },
    });
    await chat.send({
      type: 'conversations/update',
      conversations: [
        {
          id: 'c1',
          title: 'Invoice \u202Efdp.exe',
          targetLabel: 'Ada\u200B',
          provider: 'twinexpert',
          updatedAt: Date.now(),
        },
      ],
    });
    await chat.settle();
    assertRevealed(await textOf(chat, '.message-attachments .chip'), '⟦U+202E⟧', 'sent chip');
    assertRevealed(
      await textOf(chat, '.message.assistant .message-speaker'),
      '⟦U+200B⟧',
      'speaker',
    );
    const label = await chat.page.locator('article.message.assistant').getAttribute('aria-label');
    assertRevealed(label ?? '', '⟦U+200B⟧', 'answer label');
    await chat.page.getByRole('button', { name: 'Conversations' }).click();
    assertRevealed(await textOf(chat, '.conversation-title'), '⟦U+202E⟧', 'history title');
    assertRevealed(await textOf(chat, '.conversation-row'), '⟦U+200B⟧', 'history twin');
    await chat.page.getByRole('searchbox', { name: 'Search conversations' }).fill('invoice');
    await chat.waitForPosted('search/query');
    await chat.send({
      type: 'search/results',
      query: 'invoice',
      hits: [
        {
          conversationId: 'c1',
          title: 'Invoice \u202Efdp.exe',
          messageId: 'm1',
          excerpt: 'the invoice\u200B file',
        },
      ],
    });
    await chat.settle();
    assertRevealed(await textOf(chat, '.search-hit .conversation-title'), '⟦U+202E⟧', 'hit title');
    assertRevealed(await textOf(chat, '.search-hit .conversation-meta'), '⟦U+200B⟧', 'hit excerpt');
  });
});
