import * as assert from 'node:assert/strict';
import { eventually } from '../harness/eventually';
import { useChatPage } from './harness/hooks';
import { conversation, message, viewState } from './harness/state';
import type { MessageView } from '../../src/shared/protocol';

const user = message('u1', 'user', 'Question?');
const assistant = message('a1', 'assistant', '');

describe('answers: Stop, errors, interruptions, code actions', () => {
  const chat = useChatPage();

  async function startStreaming(text: string): Promise<void> {
    await chat().init(viewState());
    await chat().stream('r1', assistant, user, [text], false);
  }

  it('Stop cancels the active request and shows the partial answer as stopped', async () => {
    await startStreaming('Partial **answer** so far');
    await chat().page.getByRole('button', { name: 'Stop' }).click();
    const [cancel] = await chat().waitForPosted('chat/cancel');
    assert.deepEqual(cancel, { type: 'chat/cancel', requestId: 'r1' });

    const stopped: MessageView = {
      ...assistant,
      text: 'Partial **answer** so far',
      status: 'stopped',
    };
    await chat().send({ type: 'chat/done', requestId: 'r1', message: stopped });
    await chat().settle();
    assert.match((await chat().call('messageHtml', 'a1')) ?? '', /<strong>answer<\/strong>/);
    assert.match((await chat().call('messageFooterText', 'a1')) ?? '', /Stopped/);
    await chat().page.getByRole('button', { name: 'Send' }).waitFor();
    await eventually(
      async () => (await chat().call('text', '[aria-live="polite"]')) === 'Answer stopped',
      'the announcement',
    );
  });

  it('announces a finished answer in the live region without reading the stream', async () => {
    await startStreaming('Streaming text that must not be announced');
    assert.equal(await chat().call('text', '[aria-live="polite"]'), '');
    await chat().send({
      type: 'chat/done',
      requestId: 'r1',
      message: { ...assistant, text: 'Done.', status: 'complete' },
    });
    await eventually(
      async () => (await chat().call('text', '[aria-live="polite"]')) === 'Answer finished',
      'Answer finished',
    );
    assert.equal(
      await chat().page.locator('[aria-live]').count(),
      1,
      'only the announcer is a live region',
    );
  });

  it('shows an error in one sentence with a Retry countdown and action buttons', async () => {
    await startStreaming('Kept partial text');
    const failed: MessageView = {
      ...assistant,
      text: 'Kept partial text',
      status: 'error',
      error: {
        message: 'TwinExpert asked us to slow down.',
        kind: 'rateLimited',
        retryAfterSeconds: 2,
        actions: ['retry', 'setTwinExpertKey', 'setKamiMindToken', 'showLogs'],
      },
    };
    await chat().send({ type: 'chat/error', requestId: 'r1', message: failed });
    await chat().settle();
    const footer = (await chat().call('messageFooterText', 'a1')) ?? '';
    assert.match(footer, /TwinExpert asked us to slow down\./);
    assert.match((await chat().call('messageText', 'a1')) ?? '', /Kept partial text/);
    const retry = chat().page.locator('.message-error button', { hasText: /Retry/ });
    assert.match(await retry.innerText(), /Retry in [12] s/);
    assert.equal(await retry.isDisabled(), true);

    await chat().page.getByRole('button', { name: 'Set API Key' }).click();
    await chat().page.getByRole('button', { name: 'Set Token' }).click();
    await chat().page.getByRole('button', { name: 'Show Logs' }).click();
    const commands = (await chat().waitForPosted('command/run', 3)).map((m) => m.command);
    assert.deepEqual(commands, ['setTwinExpertKey', 'setKamiMindToken', 'showLogs']);

    await eventually(async () => !(await retry.isDisabled()), 'Retry to be enabled');
    assert.equal((await retry.innerText()).trim(), 'Retry');
    await retry.click();
    assert.deepEqual(await chat().waitForPosted('chat/retry'), [
      { type: 'chat/retry', messageId: 'a1' },
    ]);
  });

  it('shows interrupted messages with a note and Retry', async () => {
    const interrupted = message('a9', 'assistant', 'Half an answer', { status: 'interrupted' });
    await chat().init(
      viewState({ conversation: conversation([message('u9', 'user', 'q'), interrupted]) }),
    );
    assert.match((await chat().call('messageFooterText', 'a9')) ?? '', /interrupted/);
    await chat().page.getByRole('button', { name: 'Retry' }).click();
    assert.deepEqual(await chat().waitForPosted('chat/retry'), [
      { type: 'chat/retry', messageId: 'a9' },
    ]);
  });

  it('code blocks offer Copy, Insert at Cursor and Open in New Editor', async () => {
    const code = 'print("hi")\n';
    await chat().init(
      viewState({
        conversation: conversation([message('a1', 'assistant', '```python\n' + code + '```')]),
      }),
    );
    await chat().page.getByRole('button', { name: 'Copy', exact: true }).click();
    await chat().page.getByRole('button', { name: 'Insert at Cursor' }).click();
    await chat().page.getByRole('button', { name: 'Open in New Editor' }).click();
    assert.deepEqual(await chat().waitForPosted('code/copy'), [{ type: 'code/copy', code }]);
    assert.deepEqual(await chat().waitForPosted('code/insert'), [{ type: 'code/insert', code }]);
    assert.deepEqual(await chat().waitForPosted('code/open'), [
      { type: 'code/open', code, language: 'python' },
    ]);
    assert.equal(
      (await chat().page.locator('.hljs-built_in, .hljs-string').count()) > 0,
      true,
      'highlighted',
    );
  });

  it('shows the full URL of a clicked link and asks the host to open it', async () => {
    await chat().init(
      viewState({
        conversation: conversation([
          message('a1', 'assistant', 'See [the docs](https://example.com/a/very/long/path?x=1).'),
        ]),
      }),
    );
    await chat().page.getByRole('link', { name: 'the docs' }).click();
    assert.deepEqual(await chat().waitForPosted('link/open'), [
      { type: 'link/open', url: 'https://example.com/a/very/long/path?x=1' },
    ]);
    assert.match(
      (await chat().call('text', '.link-status')) ?? '',
      /https:\/\/example\.com\/a\/very\/long\/path\?x=1/,
    );
  });

  it('ignores deltas for a request it is not showing', async () => {
    await startStreaming('Mine');
    await chat().send({ type: 'chat/delta', requestId: 'other', text: ' NOT MINE' });
    await chat().settle();
    assert.equal((await chat().call('messageText', 'a1'))?.trim(), 'Mine');
  });
});
