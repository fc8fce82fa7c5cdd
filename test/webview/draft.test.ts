import * as assert from 'node:assert/strict';
import { useChatPage } from './harness/hooks';
import { viewState } from './harness/state';

describe('draft persistence', () => {
  const chat = useChatPage();
  const box = () => chat().page.getByRole('textbox', { name: 'Message' });

  it('saves the draft locally and posts it to the host debounced', async () => {
    await chat().init(viewState());
    await box().fill('a half-written question');
    const posted = await chat().waitForPosted('draft/changed');
    assert.deepEqual(posted, [{ type: 'draft/changed', text: 'a half-written question' }]);
  });

  it('restores the draft from getState after the view is re-created', async () => {
    await chat().init(viewState());
    await box().fill('survives a reload');
    await chat().page.reload();
    await chat().init(viewState({ draft: '' }));
    assert.equal(await box().inputValue(), 'survives a reload');
  });

  it('restores the draft from state.draft when the webview has no saved state', async () => {
    await chat().init(viewState({ draft: 'from the host' }));
    assert.equal(await box().inputValue(), 'from the host');
  });

  it('takes a draft the host sets and clears the draft after sending', async () => {
    await chat().init(viewState());
    await chat().send({ type: 'draft/set', text: 'selection text' });
    await chat().settle();
    assert.equal(await box().inputValue(), 'selection text');
    await box().press('Enter');
    await chat().waitForPosted('chat/send');
    const drafts = await chat().waitForPosted('draft/changed');
    assert.deepEqual(drafts.at(-1), { type: 'draft/changed', text: '' });
  });
});
