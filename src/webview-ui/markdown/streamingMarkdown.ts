import type MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { h } from '../dom';
import { browserClock } from '../browserClock';
import { BlockChunks } from './blockChunks';
import {
  followsDefinition,
  groupStartLine,
  mayJoinPreviousBlock,
  offsetOfLine,
  topLevelGroups,
} from './blocks';
import { decorateCodeBlocks } from './codeBlock';
import { extendInPlace } from './extendInPlace';
import { guardNesting } from './depthGuard';
import { revealInvisible } from './invisible';
import { neutraliseLinks, wrapTables } from './links';
import { sanitizeToFragment } from './sanitize';

/** Line-preserving clean-ups applied before parsing (see the two modules for why). */
function prepare(source: string): string {
  return guardNesting(revealInvisible(source));
}

interface Env {
  references?: Record<string, unknown>;
}

/**
 * Renders one message's markdown into `root`, one <div class="md-block"> per top-level block.
 * While streaming, completed blocks are rendered once and frozen; each update re-parses and
 * re-renders only the tail (the last, still-growing block), so the cost of an update does not grow
 * with the length of the answer. The final DOM is the same as rendering the whole text at once.
 */
export class StreamingMarkdown {
  /** Raw text before this offset is rendered into frozen blocks. */
  private frozenOffset = 0;
  /** The text after `frozenOffset`: the growing tail, re-rendered on each update. */
  private tail = '';
  private frozenSource = '';
  /** Reference definitions from the frozen text, shared by later parses. */
  private frozenEnv: Env = {};
  /** A reference was defined after blocks were frozen, which may have used it. */
  private lateReference = false;
  /** How many of the last blocks are the (re-rendered) tail. */
  private tailCount = 0;
  private renderedTail: string | undefined;
  private readonly blocks: BlockChunks;
  private oneTimeMs = 0;

  constructor(
    readonly root: HTMLElement,
    private readonly md: MarkdownIt,
  ) {
    this.blocks = new BlockChunks(root);
  }

  /**
   * How long the last update spent on text it will not render again: finding the blocks that
   * had just completed and rendering them (once each). The rest of its time recurs next frame.
   */
  get lastOneTimeMs(): number {
    return this.oneTimeMs;
  }

  /**
   * Shows `text`, continuing what is shown when `text` extends it and starting over otherwise;
   * when `final`, every block is frozen and late references are resolved. Called once per
   * message state, not per delta: the prefix comparison reads the whole text.
   */
  show(text: string, final: boolean): void {
    if (!text.startsWith(this.frozenSource)) this.reset();
    this.tail = text.slice(this.frozenOffset);
    if (final) this.finish(text);
    else this.advance();
  }

  /**
   * While streaming: `appended` follows the text shown so far. Unlike `show`, it never reads the
   * whole answer: a string built from thousands of deltas is a chain of pieces, and slicing it
   * copies all of it, which on every frame was the webview's largest allocation in the latency
   * benchmark (and so its garbage collections, which stall the workbench's main thread too).
   */
  append(appended: string): void {
    this.tail += appended;
    this.advance();
  }

  private reset(): void {
    this.blocks.clear();
    this.frozenOffset = 0;
    this.frozenSource = '';
    this.frozenEnv = {};
    this.lateReference = false;
    this.tail = '';
    this.tailCount = 0;
    this.renderedTail = undefined;
  }

  private advance(): void {
    this.oneTimeMs = 0;
    const started = browserClock.now();
    const tailText = this.tail;
    if (tailText === this.renderedTail) return;
    const tokens = this.md.parse(prepare(tailText), this.cloneEnv());
    const groups = topLevelGroups(tokens);
    const last = groups[groups.length - 1];
    if (groups.length < 2 || !last) {
      this.showTail(tailText, tokens, groups);
      return;
    }
    const split = offsetOfLine(tailText, groupStartLine(tokens, last));
    // Until the line that opens the last block has ended, its next characters may make it no
    // block start at all ("#" then "#hashtag", "2" then "2. Next"): it continues the block before,
    // which must not be frozen yet. Nor may a link definition right before it, whose title may
    // take the block's lines when its closing quote arrives.
    if (mayJoinPreviousBlock(tailText, split) || followsDefinition(tailText, tokens, groups)) {
      this.showTail(tailText, tokens, groups);
      return;
    }
    this.freeze(tailText.slice(0, split));
    this.oneTimeMs = browserClock.now() - started;
    const rest = tailText.slice(split);
    this.tail = rest;
    const restTokens = this.md.parse(prepare(rest), this.cloneEnv());
    this.showTail(rest, restTokens, topLevelGroups(restTokens));
  }

  private finish(text: string): void {
    this.freeze(this.tail);
    this.tail = '';
    if (this.lateReference) {
      this.reset();
      this.freeze(text);
    }
  }

  /** Renders complete blocks once (replacing the old tail) and remembers their references. */
  private freeze(source: string): void {
    this.dropTail();
    if (!source) return;
    const hadBlocks = this.blocks.count > 0;
    const before = Object.keys(this.frozenEnv.references ?? {}).length;
    const tokens = this.md.parse(prepare(source), this.frozenEnv);
    const after = Object.keys(this.frozenEnv.references ?? {}).length;
    if (hadBlocks && after > before) this.lateReference = true;
    for (const block of this.renderGroups(tokens, topLevelGroups(tokens), this.frozenEnv)) {
      this.blocks.append(block);
    }
    this.frozenOffset += source.length;
    this.frozenSource += source;
  }

  private showTail(source: string, tokens: Token[], groups: [number, number][]): void {
    const blocks = this.renderGroups(tokens, groups, this.cloneEnv());
    if (this.extendTail(blocks)) {
      this.renderedTail = source;
      return;
    }
    this.dropTail();
    for (const block of blocks) this.blocks.append(block);
    this.tailCount = blocks.length;
    this.renderedTail = source;
  }

  /**
   * Grows the shown tail into `blocks` where they only add to it (extendInPlace.ts): the usual
   * frame of a stream. All or nothing, so a tail is never half old and half new.
   */
  private extendTail(blocks: HTMLElement[]): boolean {
    if (this.tailCount === 0 || blocks.length < this.tailCount) return false;
    const shown = this.blocks.last(this.tailCount);
    const same = shown.slice(0, -1).every((block, i) => block.isEqualNode(blocks[i] ?? null));
    const last = shown[shown.length - 1];
    const next = blocks[shown.length - 1];
    if (!same || !last || !next || !extendInPlace(last, next)) return false;
    for (const block of blocks.slice(shown.length)) this.blocks.append(block);
    this.tailCount = blocks.length;
    return true;
  }

  private dropTail(): void {
    this.blocks.removeLast(this.tailCount);
    this.tailCount = 0;
    this.renderedTail = undefined;
  }

  /**
   * One <div class="md-block"> per group. The groups' HTML goes through DOMPurify in one call:
   * each call parses into a fresh inert document, and that fixed cost, paid per block, was the
   * largest part of rendering a long answer. markdown-it renders every top-level block as exactly
   * one element, so the sanitised fragment splits back into blocks at its top-level elements; if
   * it ever does not (DOMPurify removed or hoisted something), each block is sanitised on its own.
   */
  private renderGroups(tokens: Token[], groups: [number, number][], env: Env): HTMLElement[] {
    const htmls = groups.map(([start, end]) =>
      this.md.renderer.render(tokens.slice(start, end), this.md.options, env),
    );
    if (htmls.length > 1) {
      const blocks = splitBlocks(cleanFragment(htmls.join('')));
      if (blocks?.length === htmls.length) return blocks;
    }
    return htmls.map((html) => {
      const block = h('div', { class: 'md-block' });
      block.append(cleanFragment(html));
      return block;
    });
  }

  /** Parses of the tail must not leave (possibly half-streamed) definitions behind. */
  private cloneEnv(): Env {
    return { references: { ...(this.frozenEnv.references ?? {}) } };
  }
}

function cleanFragment(html: string): DocumentFragment {
  const fragment = sanitizeToFragment(html);
  neutraliseLinks(fragment);
  wrapTables(fragment);
  decorateCodeBlocks(fragment);
  return fragment;
}

/** A block per top-level element, each keeping the whitespace that follows it. */
function splitBlocks(fragment: DocumentFragment): HTMLElement[] | undefined {
  const blocks: HTMLElement[] = [];
  for (const node of Array.from(fragment.childNodes)) {
    const isElement = node.nodeType === Node.ELEMENT_NODE;
    if (!isElement && node.textContent?.trim()) return undefined;
    if (isElement) blocks.push(h('div', { class: 'md-block' }));
    const block = blocks[blocks.length - 1];
    if (!block) return undefined;
    block.append(node);
  }
  return blocks;
}
