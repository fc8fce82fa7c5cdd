import { h, icon } from '../dom';
import { t } from '../strings';
import { isWebUrl } from './renderer';

// Links never navigate inside the webview: they lose their href (so neither the page nor VS Code's
// own link handling can follow them) and keep the target in data-url. A click shows the full URL and
// asks the host, which confirms with the user before opening anything.

function webLink(anchor: HTMLAnchorElement, url: string): HTMLElement {
  const link = h('a', {
    class: 'md-link',
    'data-url': url,
    role: 'link',
    tabindex: '0',
    title: url,
  });
  link.append(...Array.from(anchor.childNodes));
  return link;
}

function imagePlaceholder(span: Element): void {
  const url = span.getAttribute('title') ?? '';
  if (!isWebUrl(url)) {
    span.replaceWith(span.textContent ?? '');
    return;
  }
  const alt = span.textContent ?? '';
  const label = t('imageNotLoaded', url);
  const placeholder = h(
    'button',
    {
      type: 'button',
      class: 'md-image link-button',
      'data-url': url,
      title: label,
      'aria-label': alt ? `${alt}: ${label}` : label,
    },
    icon('file-media'),
    alt ? h('span', { class: 'md-image-alt' }, alt) : null,
    h('span', { class: 'md-image-url' }, url),
  );
  span.replaceWith(placeholder);
}

function replaceAnchor(anchor: HTMLAnchorElement): void {
  const url = anchor.getAttribute('href') ?? '';
  if (!isWebUrl(url)) {
    // Relative links (and anything that slipped past the parser) are shown as their text only.
    anchor.replaceWith(...Array.from(anchor.childNodes));
    return;
  }
  anchor.replaceWith(webLink(anchor, url));
}

function embeddedImage(span: Element): void {
  const alt = span.textContent ?? '';
  span.replaceChildren(
    icon('file-media'),
    h('span', {}, alt ? `${alt} (${t('embeddedImage')})` : t('embeddedImage')),
  );
}

export function neutraliseLinks(root: DocumentFragment): void {
  root.querySelectorAll('a').forEach(replaceAnchor);
  root.querySelectorAll('span.md-image').forEach(imagePlaceholder);
  root.querySelectorAll('.md-image-embedded').forEach(embeddedImage);
}

/** Wide tables scroll inside their own box instead of widening the whole view. */
export function wrapTables(root: DocumentFragment): void {
  for (const table of Array.from(root.querySelectorAll('table'))) {
    const wrapper = h('div', { class: 'table-wrap', tabindex: '0' });
    table.replaceWith(wrapper);
    wrapper.append(table);
  }
}
