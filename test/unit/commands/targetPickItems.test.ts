import * as assert from 'node:assert/strict';
import { targetPickItems } from '../../../src/commands/targetPickItems';
import type { TargetsView } from '../../../src/shared/protocol';

const words = {
  current: (provider: string) => `${provider} · current`,
  unavailable: (provider: string) => `${provider} · unavailable`,
};

const view: TargetsView = {
  targets: [
    { key: 'twinexpert:t1', provider: 'twinexpert', label: 'Ada', description: 'Algorithms' },
    { key: 'twinexpert:t2', provider: 'twinexpert', label: 'Grace' },
    { key: 'kamimind:b1', provider: 'kamimind', label: 'Support Bot' },
  ],
  selectedKey: 'twinexpert:t2',
  loading: false,
};

describe('the Select Twin or Bot quick pick', () => {
  it('marks the current target and starts on it', () => {
    const { items, active } = targetPickItems(view, words);
    assert.deepEqual(
      items.map((i) => [i.label, i.description]),
      [
        ['Ada', 'TwinExpert'],
        ['Grace', 'TwinExpert · current'],
        ['Support Bot', 'KamiMind'],
      ],
    );
    assert.equal(active?.key, 'twinexpert:t2');
    assert.equal(items[0]?.detail, 'Algorithms');
  });

  it('says when the current target is kept only by name (unavailable), and marks none without a choice', () => {
    const kept: TargetsView = {
      targets: [{ key: 'twinexpert:t9', provider: 'twinexpert', label: 'Old', unavailable: true }],
      selectedKey: 'twinexpert:t9',
      loading: false,
    };
    assert.equal(
      targetPickItems(kept, words).items[0]?.description,
      'TwinExpert · unavailable · current',
    );
    const none = targetPickItems({ ...view, selectedKey: undefined }, words);
    assert.equal(none.active, undefined);
    assert.ok(none.items.every((i) => !i.description?.includes('current')));
  });
});
