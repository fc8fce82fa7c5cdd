// Small DOM builders. Everything here sets text through textContent and attributes through
// setAttribute, never through HTML strings, and never sets a `style` attribute (the page CSP would
// block it anyway).

import type { IconName } from './icons';

type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  append(node, children);
  return node;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function icon(name: IconName): HTMLElement {
  return h('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

/** An icon turning in place (codicons' spin modifier), for work under way. */
export function spinningIcon(name: IconName): HTMLElement {
  const spinner = icon(name);
  spinner.classList.add('codicon-modifier-spin');
  return spinner;
}

/** A button showing an icon only; `label` is its accessible name and tooltip. */
export function iconButton(name: IconName, label: string, onClick: () => void): HTMLButtonElement {
  const button = h(
    'button',
    { type: 'button', class: 'icon-button', 'aria-label': label, title: label },
    icon(name),
  );
  button.addEventListener('click', onClick);
  return button;
}

/**
 * Gives an icon button a fuller accessible name than its tooltip ("Copy as Markdown: answer from
 * Ada, 10:43" under "Copy as Markdown"). Chromium would read a tooltip that is not the name as the
 * description, the action said again after it; an empty aria-description keeps it unsaid.
 */
export function nameBeyondTooltip(button: HTMLButtonElement, name: string): void {
  button.setAttribute('aria-label', name);
  button.setAttribute('aria-description', '');
}

/** A text button with an optional leading icon. */
export function textButton(
  label: string,
  onClick: () => void,
  options: { icon?: IconName; secondary?: boolean } = {},
): HTMLButtonElement {
  const cls = options.secondary ? 'text-button secondary' : 'text-button';
  const button = h(
    'button',
    { type: 'button', class: cls },
    options.icon ? icon(options.icon) : null,
    h('span', {}, label),
  );
  button.addEventListener('click', onClick);
  return button;
}

let describedCount = 0;

/**
 * Makes the text of `parts` the accessible description of `control`, read after its name. For a
 * control whose aria-label names it: the label replaces its text, so what is shown beside the name
 * (who, when, a state) would otherwise never reach a screen reader.
 */
export function describeBy(control: HTMLElement, ...parts: (HTMLElement | null)[]): void {
  const ids = parts.flatMap((part) => {
    if (!part) return [];
    if (!part.id) part.id = `description-${++describedCount}`;
    return [part.id];
  });
  control.setAttribute('aria-describedby', ids.join(' '));
}

export function setHidden(node: HTMLElement, hidden: boolean): void {
  node.hidden = hidden;
}
