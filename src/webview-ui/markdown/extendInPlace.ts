// While an answer streams, its last block is rendered again every frame, and usually the new
// rendering is the old one with text added at its end: a paragraph grows, a list gains an item.
// Replacing the block's elements then made the browser drop their styles and boxes and build them
// anew each frame; growing the shown block in place keeps them (and the reader's text selection).

/** A change that turns `shown` into `next`, applied only once the whole comparison succeeded. */
type Edit = () => void;

/**
 * Makes `shown` equal to `next` (as `isEqualNode` compares) when `next` is `shown` with text
 * appended to one of its text nodes or nodes appended after its last child, at any depth, along a
 * single path. Returns false and changes nothing otherwise; `next`'s nodes may be moved into `shown`.
 */
export function extendInPlace(shown: Node, next: Node): boolean {
  const edits: Edit[] = [];
  if (!collectEdits(shown, next, edits)) return false;
  for (const edit of edits) edit();
  return true;
}

function collectEdits(shown: Node, next: Node, edits: Edit[]): boolean {
  if (shown.nodeType !== next.nodeType || shown.nodeName !== next.nodeName) return false;
  if (shown instanceof CharacterData && next instanceof CharacterData) {
    if (shown.data === next.data) return true;
    if (!(shown instanceof Text) || !next.data.startsWith(shown.data)) return false;
    const added = next.data.slice(shown.data.length);
    edits.push(() => shown.appendData(added));
    return true;
  }
  if (shown instanceof Element && next instanceof Element && !sameAttributes(shown, next))
    return false;
  const shownChildren = Array.from(shown.childNodes);
  const nextChildren = Array.from(next.childNodes);
  if (nextChildren.length < shownChildren.length) return false;
  // One child may grow (markdown-it ends blocks and items with a newline, so the growing one is
  // not always the last); every other shown child must be there unchanged.
  let grown = false;
  for (const [i, child] of shownChildren.entries()) {
    const counterpart = nextChildren[i];
    if (!counterpart) return false;
    if (child.isEqualNode(counterpart)) continue;
    if (grown || !collectEdits(child, counterpart, edits)) return false;
    grown = true;
  }
  const appended = nextChildren.slice(shownChildren.length);
  if (appended.length > 0) edits.push(() => shown.appendChild(fragmentOf(appended)));
  return true;
}

function sameAttributes(a: Element, b: Element): boolean {
  if (a.attributes.length !== b.attributes.length) return false;
  for (const { name, value } of Array.from(a.attributes)) {
    if (b.getAttribute(name) !== value) return false;
  }
  return true;
}

function fragmentOf(nodes: Node[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(...nodes);
  return fragment;
}
