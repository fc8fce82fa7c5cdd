import * as assert from 'node:assert/strict';
import { ANNOUNCE_DELAY_MS, COPIED_FEEDBACK_MS } from '../../src/webview-ui/delays';
import { useChatPage } from './harness/hooks';
import { conversation, message, viewState } from './harness/state';

// Plain JavaScript run in the page: the test tsconfig has no DOM library.
const USER_BODY = `document.querySelector('.message.user .message-body')`;

describe('the conversation view', () => {
  const chat = useChatPage();

  it('renders the user’s own message as sanitised Markdown, typed newlines kept', async () => {
    const text = [
      'Why does `debounce` fail?',
      '',
      '```typescript',
      'const a = 1;',
      '```',
      '',
      'line one',
      'line two <img src=x onerror="window.__pwned=1"> <b>bold</b>',
    ].join('\n');
    await chat().init(viewState({ conversation: conversation([message('u1', 'user', text)]) }));
    const shape = await chat().page.evaluate<{
      inlineCode: number;
      codeBlocks: number;
      fenceShown: boolean;
      rawHtml: number;
      breaks: number;
      literal: boolean;
    }>(`(() => {
      const body = ${USER_BODY};
      return {
        inlineCode: body.querySelectorAll('p code').length,
        codeBlocks: body.querySelectorAll('.code-block pre > code').length,
        fenceShown: body.textContent.includes('\`\`\`'),
        rawHtml: body.querySelectorAll('img, b').length,
        breaks: body.querySelectorAll('br').length,
        literal: body.textContent.includes('<b>bold</b>'),
      };
    })()`);
    assert.deepEqual(shape, {
      inlineCode: 1,
      codeBlocks: 1,
      fenceShown: false,
      rawHtml: 0,
      breaks: 1,
      literal: true,
    });
    assert.equal(await chat().page.evaluate('window.__pwned'), undefined);
  });

  it('labels answers with the conversation’s twin or bot, also for a new answer', async () => {
    await chat().init(
      viewState({
        conversation: conversation([
          message('u1', 'user', 'Hi'),
          message('a1', 'assistant', 'Hello'),
        ]),
      }),
    );
    const answers = chat().page.locator('article.message.assistant');
    assert.equal(await answers.getAttribute('aria-label'), 'Ada');
    assert.equal(await answers.locator('.message-speaker').innerText(), 'Ada');
    await chat().stream('r1', message('a2', 'assistant', ''), message('u2', 'user', 'More'), [
      'Sure',
    ]);
    assert.deepEqual(
      await chat().page.evaluate<string[]>(
        `Array.from(document.querySelectorAll('article.message.assistant'), (a) => a.getAttribute('aria-label'))`,
      ),
      ['Ada', 'Ada'],
    );
    assert.equal(await chat().page.getByRole('article', { name: 'Assistant' }).count(), 0);
  });

  it('names the first answer of a new conversation after the twin the question went to', async () => {
    const empty = conversation([]);
    delete empty.target;
    await chat().init(viewState({ conversation: empty }));
    await chat().send({
      type: 'chat/started',
      requestId: 'r1',
      userMessage: message('u1', 'user', 'Hi'),
      assistantMessage: { ...message('a1', 'assistant', ''), status: 'streaming' },
      answerer: 'Ada',
    });
    await chat().settle();
    const answer = chat().page.locator('article.message.assistant');
    assert.equal(await answer.getAttribute('aria-label'), 'Ada');
    assert.equal(await answer.locator('.message-speaker').innerText(), 'Ada');
  });

  it('falls back to "Assistant" when the conversation has no twin or bot', async () => {
    const untargeted = conversation([message('a1', 'assistant', 'Hello')]);
    delete untargeted.target;
    await chat().init(viewState({ conversation: untargeted }));
    assert.equal(await chat().page.getByRole('article', { name: 'Assistant' }).count(), 1);
  });

  it('moves focus to the message box after New Chat', async () => {
    await chat().init(viewState({ conversation: conversation([message('u1', 'user', 'Hi')]) }));
    await chat().page.getByRole('button', { name: 'New Chat' }).click();
    await chat().waitForPosted('chat/new');
    assert.equal(
      await chat().page.evaluate(
        `document.activeElement === document.querySelector('.message-input')`,
      ),
      true,
    );
  });
});

describe('Copy on a code block', () => {
  const chat = useChatPage('manual');

  it('says "Copied" (shown and announced), then turns back into Copy', async () => {
    const answer = message('a1', 'assistant', '```ts\nconst a = 1;\n```');
    await chat().init(viewState({ conversation: conversation([answer]) }));
    const copy = chat().page.locator('.code-toolbar [data-action="copy"]');
    await copy.dispatchEvent('click');
    await chat().nextFrame();
    assert.equal((await chat().postedOfType('code/copy')).length, 1);
    assert.equal(await copy.getAttribute('aria-label'), 'Copied');
    assert.equal(await copy.innerText(), 'Copied');
    assert.equal(await copy.locator('.codicon-check').count(), 1);
    await chat().advance(ANNOUNCE_DELAY_MS);
    assert.equal(await chat().page.locator('[aria-live="polite"]').innerText(), 'Copied');

    await chat().advance(COPIED_FEEDBACK_MS);
    assert.equal(await copy.getAttribute('aria-label'), 'Copy');
    assert.equal(await copy.innerText(), '');
    assert.equal(await copy.locator('.codicon-copy').count(), 1);
  });
});

describe('Copy Conversation as Markdown', () => {
  const chat = useChatPage('manual');

  // The host copies and only flashes the status bar, which a screen reader does not read.
  it('says "Copied" (check mark, announced) as Copy on a message does, then turns back', async () => {
    await chat().init(
      viewState({ conversation: conversation([message('a1', 'assistant', 'Hi')]) }),
    );
    const copy = chat().page.getByRole('button', { name: 'Copy Conversation as Markdown' });
    await copy.dispatchEvent('click');
    await chat().nextFrame();
    assert.equal((await chat().postedOfType('conversation/copy')).length, 1);
    assert.equal(await copy.locator('.codicon-check').count(), 1);
    await chat().advance(ANNOUNCE_DELAY_MS);
    assert.equal(await chat().page.locator('[aria-live="polite"]').innerText(), 'Copied');
    await chat().advance(COPIED_FEEDBACK_MS);
    assert.equal(await copy.locator('.codicon-copy').count(), 1);
  });
});
