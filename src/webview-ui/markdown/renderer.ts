import MarkdownIt, { type Options, type Renderer, type StateCore, type Token } from 'markdown-it';
import { highlightCode } from './highlight';

// Model output is untrusted: raw HTML is off, links may only point at the web (or be relative,
// which the view shows as plain text), and images are never emitted as <img>: they become a
// placeholder link so a prompt-injected answer cannot leak data through an image URL.

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const RASTER_DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|webp);/i;

export function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** markdown-it leaves a link whose target fails this check as literal text. */
export function isAllowedLinkTarget(url: string): boolean {
  const trimmed = url.trim();
  // Scheme-relative and backslash forms would resolve to another host.
  if (/^[\\/]{2}|^\/\\/.test(trimmed)) return false;
  const scheme = SCHEME.exec(trimmed);
  if (!scheme) return true;
  return isWebUrl(trimmed) || RASTER_DATA_IMAGE.test(trimmed);
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function renderImage(
  tokens: Token[],
  idx: number,
  options: Options,
  env: unknown,
  self: Renderer,
): string {
  const token = tokens[idx];
  if (!token) return '';
  const src = token.attrGet('src') ?? '';
  const alt = escapeHtml(self.renderInlineAsText(token.children ?? [], options, env));
  if (!isWebUrl(src)) return `<span class="md-image-embedded">${alt}</span>`;
  // A span, not an <a>: an image is often inside a link, and nested anchors would be torn apart by
  // the HTML parser. links.ts turns it into the placeholder button.
  return `<span class="md-image" title="${escapeHtml(src)}">${alt}</span>`;
}

/** Table alignment arrives as a style attribute, which the CSP forbids: use classes instead. */
function alignToClass(state: StateCore): void {
  for (const token of state.tokens) {
    if (token.type !== 'th_open' && token.type !== 'td_open') continue;
    const style = token.attrGet('style');
    if (!style) continue;
    token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
    const align = /text-align:\s*(left|right|center)/.exec(style)?.[1];
    if (align) token.attrJoin('class', `md-align-${align}`);
  }
}

/**
 * `breaks` turns single newlines into line breaks: what people type in a message box means them,
 * while a model's Markdown uses them only to wrap its source.
 */
export function createMarkdown(options: { breaks?: boolean } = {}): MarkdownIt {
  const md = new MarkdownIt({
    html: false,
    breaks: options.breaks ?? false,
    linkify: true,
    typographer: false,
    highlight: (code, language) => highlightCode(code, language.toLowerCase()),
  });
  md.validateLink = isAllowedLinkTarget;
  md.core.ruler.push('twin_align_classes', alignToClass);
  md.renderer.rules.image = renderImage;
  return md;
}
