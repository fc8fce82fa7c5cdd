import { h } from '../dom';

// Blocks are kept in chunks of CHUNK_SIZE, and CSS gives each chunk `content-visibility: auto`:
// off-screen chunks then cost nothing per frame (no style, layout or paint), while the number of
// elements the browser has to watch for visibility stays small. The chunk of a block depends only
// on its index, so streaming and one-shot rendering produce the same DOM.
const CHUNK_SIZE = 32;

export class BlockChunks {
  private chunks: HTMLElement[] = [];
  private blockCount = 0;

  constructor(private readonly root: HTMLElement) {}

  get count(): number {
    return this.blockCount;
  }

  append(block: HTMLElement): void {
    if (this.blockCount % CHUNK_SIZE === 0) {
      const chunk = h('div', { class: 'md-chunk' });
      this.root.append(chunk);
      this.chunks.push(chunk);
    }
    this.chunks[this.chunks.length - 1]?.append(block);
    this.blockCount += 1;
  }

  /** The last `n` blocks (fewer if there are not that many), in order. */
  last(n: number): Element[] {
    const found: Element[] = [];
    for (let c = this.chunks.length - 1; c >= 0 && found.length < n; c--) {
      let block = this.chunks[c]?.lastElementChild;
      while (block && found.length < n) {
        found.unshift(block);
        block = block.previousElementSibling;
      }
    }
    return found;
  }

  /** Removes the last `n` blocks (the streaming tail), dropping chunks left empty. */
  removeLast(n: number): void {
    for (let i = 0; i < n && this.blockCount > 0; i++) {
      const chunk = this.chunks[this.chunks.length - 1];
      chunk?.lastElementChild?.remove();
      this.blockCount -= 1;
      if (chunk && chunk.childElementCount === 0) {
        chunk.remove();
        this.chunks.pop();
      }
    }
  }

  clear(): void {
    this.root.replaceChildren();
    this.chunks = [];
    this.blockCount = 0;
  }
}
