import * as assert from 'node:assert/strict';
import { Disposable, DisposableStore } from '../../src/disposable';

describe('disposables', () => {
  const disposed: string[] = [];
  const named = (name: string) => ({ dispose: () => disposed.push(name) });

  beforeEach(() => {
    disposed.length = 0;
  });

  class Owner extends Disposable {
    readonly first = this.register(named('first'));
    constructor() {
      super();
      this.register(named('second'));
    }
  }

  it('an owner disposes what it registered, newest first, once', () => {
    const owner = new Owner();
    owner.dispose();
    owner.dispose();
    assert.deepEqual(disposed, ['second', 'first']);
  });

  it('a store can be cleared and reused, and disposes late additions at once', () => {
    const store = new DisposableStore();
    store.add(named('view 1'));
    store.clear();
    store.add(named('view 2'));
    assert.deepEqual(disposed, ['view 1']);
    store.dispose();
    store.add(named('too late'));
    assert.deepEqual(disposed, ['view 1', 'view 2', 'too late']);
  });
});
