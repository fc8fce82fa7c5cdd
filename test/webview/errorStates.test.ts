// After a key is rejected: the picker keeps the conversation's twin (marked unavailable) and the
// failure is said once, in the place that has the buttons.
import * as assert from 'node:assert/strict';
import type { ErrorView, TargetsView } from '../../src/shared/protocol';
import { eventually } from '../harness/eventually';
import { useChatPage } from './harness/hooks';
import { conversation, message, viewState } from './harness/state';

const REJECTED = 'TwinExpert rejected the API key. Set a new key and try again.';

/** What the host sends once listing twins failed with a rejected key; Ada is kept, unavailable. */
const rejectedTargets: TargetsView = {
  targets: [{ key: 'twinexpert:t1', provider: 'twinexpert', label: 'Ada', unavailable: true }],
  selectedKey: 'twinexpert:t1',
  loading: false,
  error: REJECTED,
  errorActions: ['setTwinExpertKey', 'showLogs'],
};

const rejectedAnswer: ErrorView = {
  message: REJECTED,
  kind: 'auth',
  actions: ['setTwinExpertKey', 'showLogs'],
};

describe('error states after a rejected key', () => {
  const chat = useChatPage();
  const page = () => chat().page;
  /** Where the sentence can show: the picker's banner and answer cards (not the screen-reader line). */
  const sentenceCount = async () =>
    page()
      .locator('.target-status, .message-error .error-text')
      .filter({ hasText: REJECTED, visible: true })
      .count();

  it("keeps the conversation's twin selected in the picker, marked unavailable", async () => {
    await chat().init(viewState({ targets: rejectedTargets }));
    const picker = page().getByRole('combobox', { name: 'Twin or bot' });
    assert.equal(await picker.inputValue(), 'twinexpert:t1');
    assert.equal(
      await picker.locator('option:checked').innerText(),
      'Ada (unavailable)',
      'the picker names the twin instead of going blank',
    );
  });

  it('a choice with no name to show reads "No twins or bots yet", never a blank picker', async () => {
    await chat().init(viewState({ targets: { ...rejectedTargets, targets: [] } }));
    const picker = page().getByRole('combobox', { name: 'Twin or bot' });
    assert.equal(await picker.locator('option:checked').innerText(), 'No twins or bots yet');
  });

  it('a listing failure alone is shown once, with Set API Key', async () => {
    await chat().init(viewState({ targets: rejectedTargets }));
    assert.equal(await sentenceCount(), 1);
    assert.equal(await page().getByRole('button', { name: 'Set API Key' }).count(), 1);
    await page().getByRole('button', { name: 'Set API Key' }).click();
    assert.deepEqual(await chat().waitForPosted('command/run'), [
      { type: 'command/run', command: 'setTwinExpertKey' },
    ]);
  });

  it('the same failure in an answer is shown once: in the answer, with its buttons', async () => {
    const failed = message('a1', 'assistant', '', { status: 'error', error: rejectedAnswer });
    await chat().init(
      viewState({
        targets: rejectedTargets,
        conversation: conversation([message('u1', 'user', 'hi'), failed]),
      }),
    );
    await chat().settle();
    assert.equal(await sentenceCount(), 1);
    assert.equal(await page().locator('.message-error').getByText(REJECTED).count(), 1);
    assert.equal(await page().getByRole('button', { name: 'Set API Key' }).count(), 1);
  });

  it('an answer failing while the listing error shows leaves one sentence, in the answer', async () => {
    await chat().init(viewState({ targets: rejectedTargets }));
    const user = message('u1', 'user', 'hi');
    const answer = message('a1', 'assistant', '', { status: 'streaming' });
    await chat().send({
      type: 'chat/started',
      requestId: 'r1',
      userMessage: user,
      assistantMessage: answer,
    });
    await chat().send({
      type: 'chat/error',
      requestId: 'r1',
      message: { ...answer, status: 'error', error: rejectedAnswer },
    });
    await eventually(async () => (await page().locator('.message-error').count()) === 1, 'card');
    assert.equal(await sentenceCount(), 1);
    assert.equal(await page().getByRole('button', { name: 'Set API Key' }).count(), 1);
  });
});
