import * as assert from 'node:assert/strict';
import { ChangeBatch } from '../../../src/config/changeBatch';

describe('one change notice per operation', () => {
  it('announces a change outside a batch at once, and each one', () => {
    let announced = 0;
    const batch = new ChangeBatch(() => (announced += 1));
    batch.changed();
    batch.changed();
    assert.equal(announced, 2);
  });

  it('holds the notices of a batch, nested ones included, and announces once at its end', async () => {
    let announced = 0;
    const batch = new ChangeBatch(() => (announced += 1));
    await batch.run(async () => {
      batch.changed();
      await batch.run(async () => {
        batch.changed();
        await Promise.resolve();
        batch.changed();
      });
      assert.equal(announced, 0, 'nothing while the outer batch runs');
      batch.changed();
    });
    assert.equal(announced, 1);
  });

  it('announces a failed batch that changed something, and is not stuck afterwards', async () => {
    let announced = 0;
    const batch = new ChangeBatch(() => (announced += 1));
    await assert.rejects(
      batch.run(async () => {
        batch.changed();
        await Promise.reject(new Error('keyring locked'));
      }),
    );
    assert.equal(announced, 1);
    batch.changed();
    assert.equal(announced, 2);
  });

  it('a batch without changes announces nothing', async () => {
    let announced = 0;
    const batch = new ChangeBatch(() => (announced += 1));
    await batch.run(() => Promise.resolve());
    assert.equal(announced, 0);
  });
});
