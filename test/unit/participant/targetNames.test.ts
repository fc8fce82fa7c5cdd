import * as assert from 'node:assert/strict';
import { findTarget, useName } from '../../../src/participant/targetNames';
import type { TargetView } from '../../../src/shared/protocol';

// The names /use reads and the /twins follow-ups write: each follow-up's name must select exactly
// the target it was written for, however many targets share a label.

const targets: TargetView[] = [
  { key: 'twinexpert:t1', provider: 'twinexpert', label: 'Ada' },
  { key: 'kamimind:b1', provider: 'kamimind', label: 'Ada' },
  { key: 'kamimind:b2', provider: 'kamimind', label: 'ada' },
  { key: 'kamimind:b3', provider: 'kamimind', label: 'Grace Hopper' },
];

describe('/use names for twins and bots', () => {
  it('every target is selected by the name its follow-up sends', () => {
    for (const target of targets) {
      const name = useName(target, targets);
      assert.deepEqual(findTarget(targets, name), { kind: 'found', target }, name);
    }
  });

  it('qualifies a name only when it is shared: product first, the key when that repeats too', () => {
    assert.deepEqual(
      targets.map((target) => useName(target, targets)),
      ['Ada (TwinExpert)', 'Ada (kamimind:b1)', 'ada (kamimind:b2)', 'Grace Hopper'],
    );
  });

  it('a shared or partial name that fits several is ambiguous, with every candidate', () => {
    assert.deepEqual(findTarget(targets, 'ADA'), {
      kind: 'ambiguous',
      candidates: targets.slice(0, 3),
    });
    assert.deepEqual(findTarget(targets, 'ada (KamiMind)'), {
      kind: 'ambiguous',
      candidates: targets.slice(1, 3),
    });
    assert.deepEqual(findTarget(targets, 'hop'), { kind: 'found', target: targets[3] });
    assert.deepEqual(findTarget(targets, 'nobody'), { kind: 'none' });
    assert.deepEqual(findTarget(targets, '  '), { kind: 'none' });
  });
});
