// Disposal in one pattern, the one VS Code's own code uses (`Disposable._register`): an object
// registers what it creates as it creates it, and disposing the owner disposes all of it, newest
// first, once. No `vscode` import, so the pattern is unit-tested in plain Node.

/** Anything that can be disposed, `vscode.Disposable` included. */
export interface DisposableLike {
  dispose(): unknown;
}

/** Disposables with one owner; `clear` ends the current set and keeps the store usable. */
export class DisposableStore implements DisposableLike {
  private items: DisposableLike[] = [];
  private disposed = false;

  /** Takes ownership of `item`; one added after the store was disposed is disposed at once. */
  add<T extends DisposableLike>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.push(item);
    return item;
  }

  clear(): void {
    const items = this.items.reverse();
    this.items = [];
    for (const item of items) item.dispose();
  }

  dispose(): void {
    if (this.disposed) return;
    this.clear();
    this.disposed = true;
  }
}

/** Base class for objects that own disposables; subclasses `register` what they create. */
export abstract class Disposable implements DisposableLike {
  private readonly store = new DisposableStore();

  protected register<T extends DisposableLike>(item: T): T {
    return this.store.add(item);
  }

  dispose(): void {
    this.store.dispose();
  }
}
