import * as assert from 'node:assert/strict';
import type { TargetsView } from '../../src/shared/protocol';
import { useChatPage } from './harness/hooks';
import { viewState } from './harness/state';

// The chat header under the picker: who the chosen TwinExpert twin is, from GET /twins/{id}
// (the host's TwinDetailsCache), as text and initials only.

const TARGETS: TargetsView = {
  targets: [
    {
      key: 'twinexpert:t1',
      provider: 'twinexpert',
      label: 'Cố vấn Pháp lý',
      description: 'list text',
      details: {
        description: 'Answers questions on <b>Vietnamese</b> contract law.',
        fields: [
          { name: 'expertise', value: 'Contracts' },
          { name: 'language', value: 'vi, en' },
        ],
      },
    },
    {
      key: 'kamimind:b1',
      provider: 'kamimind',
      label: 'Support Bot',
      description: 'A bot description',
    },
  ],
  selectedKey: 'twinexpert:t1',
  loading: false,
};

describe('chat header: the chosen twin’s details', () => {
  const chat = useChatPage();
  const page = () => chat().page;
  const card = () => page().locator('.twin-card');

  it('shows initials, the description and the other fields, as text', async () => {
    await chat().init(viewState({ targets: TARGETS }));
    await chat().settle();
    assert.equal(await card().isVisible(), true);
    assert.equal(await card().locator('.twin-avatar').textContent(), 'CV');
    assert.equal(
      await card().locator('.twin-description').textContent(),
      'Answers questions on <b>Vietnamese</b> contract law.',
    );
    assert.equal(await card().locator('b, img').count(), 0, 'no markup, no image');
    assert.equal(await card().locator('.twin-fields').textContent(), 'Contracts · vi, en');
  });

  it('leaves the header as it was for a bot, and follows the selection', async () => {
    await chat().init(viewState({ targets: { ...TARGETS, selectedKey: 'kamimind:b1' } }));
    await chat().settle();
    assert.equal(await card().isVisible(), false);
    await chat().send({ type: 'targets/update', targets: TARGETS });
    await chat().settle();
    assert.equal(await card().isVisible(), true);
  });
});
