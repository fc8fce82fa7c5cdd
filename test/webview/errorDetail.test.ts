// The server's own words under an error: a details line shown as text (never markup), hidden
// characters revealed, and Copy Details handing the host exactly what is shown.
import * as assert from 'node:assert/strict';
import { useChatPage } from './harness/hooks';
import { conversation, message, viewState } from './harness/state';
import type { ErrorView } from '../../src/shared/protocol';

const SENTENCE =
  'KamiMind says the account is out of credits. Top up the KamiMind account, then try again.';
const DETAIL =
  'NOT_ENOUGH_AVAILABLE_MONEY: Tài khoản <b>không</b> đủ **Kpoint** (token ***) \u200Bđể trả lời';

function failed(error: ErrorView) {
  return message('a1', 'assistant', '', { status: 'error', error });
}

describe('error details: the server code and message', () => {
  const chat = useChatPage();

  async function show(error: ErrorView): Promise<void> {
    await chat().init(
      viewState({ conversation: conversation([message('u1', 'user', 'hi'), failed(error)]) }),
    );
    await chat().settle();
  }

  it('shows a details line as text under the sentence, and Copy Details copies both', async () => {
    await show({
      message: SENTENCE,
      kind: 'forbidden',
      actions: ['setKamiMindToken'],
      detail: DETAIL,
    });
    const page = chat().page;
    const line = page.locator('.message-error .error-detail');
    const shown = await line.innerText();
    assert.equal(
      shown,
      'Server said: NOT_ENOUGH_AVAILABLE_MONEY: Tài khoản <b>không</b> đủ **Kpoint** (token ***) ⟦U+200B⟧để trả lời',
    );
    // Text only: no element was made from the server's markup or markdown.
    assert.equal(await line.locator('*').count(), 0);
    // Under the sentence, above the buttons.
    for (const [n, cls] of ['error-text', 'error-detail', 'button-row'].entries())
      assert.equal(
        await page.locator(`.message-error > :nth-child(${n + 1}).${cls}`).count(),
        1,
        cls,
      );

    await page.getByRole('button', { name: 'Copy Details' }).click();
    const [copied] = await chat().waitForPosted('error/copyDetails');
    assert.equal(copied?.text, `${SENTENCE}\n${shown}`);
  });

  it('an error without server words has no details line and no Copy Details', async () => {
    await show({ message: 'Could not reach KamiMind.', kind: 'network', actions: ['retry'] });
    assert.equal(await chat().page.locator('.error-detail').count(), 0);
    assert.equal(await chat().page.getByRole('button', { name: 'Copy Details' }).count(), 0);
    assert.equal(await chat().page.locator('.message-error').count(), 1);
  });
});
