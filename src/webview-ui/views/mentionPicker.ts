import type { MentionFile } from '../../shared/protocol';
import type { Post } from '../actions';
import { h } from '../dom';
import { revealInvisible } from '../markdown/invisible';
import { t } from '../strings';

// `#` in the composer names a workspace file: the text after it is searched on the host (which
// holds the file list and cancels a search the user typed past), the list opens under the box,
// and choosing a file attaches it and leaves `#name` in the message. Used from the keyboard like
// VS Code's own suggest widget: arrows move, Enter or Tab choose, Escape closes.

/** The `#query` that ends at the caret, and where its `#` is. */
export function mentionAt(
  text: string,
  caret: number,
): { start: number; query: string } | undefined {
  const match = /(?:^|\s)#([^\s#]*)$/.exec(text.slice(0, caret));
  if (!match) return undefined;
  const query = match[1] ?? '';
  return { start: caret - query.length - 1, query };
}

const fileName = (file: MentionFile) => file.path.split('/').pop() ?? file.path;

export class MentionPicker {
  readonly element: HTMLUListElement;
  private mention: { start: number; query: string } | undefined;
  private files: MentionFile[] = [];
  private selected = 0;

  constructor(
    private readonly input: HTMLTextAreaElement,
    private readonly post: Post,
    private readonly textChanged: (text: string) => void,
  ) {
    this.element = h('ul', { class: 'mention-list', role: 'listbox', id: 'mention-list' });
    this.element.setAttribute('aria-label', t('mentionFiles'));
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', this.element.id);
    input.addEventListener('input', () => this.onInput());
    input.addEventListener('blur', () => this.close());
    this.close();
  }

  get open(): boolean {
    return this.mention !== undefined;
  }

  /** The host's files for a query; answers to queries typed past are ignored. */
  results(query: string, files: MentionFile[]): void {
    if (this.mention?.query !== query) return;
    this.files = files;
    this.selected = 0;
    this.render();
  }

  /** Keys while the list is open; true when the key was the list's (the composer ignores it). */
  onKey(event: KeyboardEvent): boolean {
    if (!this.open) return false;
    const count = this.files.length;
    if (event.key === 'Escape') this.close();
    else if (event.key === 'ArrowDown' && count) this.move(1);
    else if (event.key === 'ArrowUp' && count) this.move(-1);
    else if ((event.key === 'Enter' || event.key === 'Tab') && count) this.choose(this.selected);
    else return false;
    event.preventDefault();
    event.stopPropagation();
    return true;
  }

  private onInput(): void {
    const found = mentionAt(this.input.value, this.input.selectionStart);
    if (!found) return this.close();
    if (found.query === this.mention?.query) return;
    this.mention = found;
    this.files = [];
    this.render();
    this.post({ type: 'mention/query', query: found.query });
  }

  private move(step: number): void {
    this.selected = (this.selected + step + this.files.length) % this.files.length;
    this.render();
  }

  private choose(index: number): void {
    const file = this.files[index];
    const mention = this.mention;
    if (!file || !mention) return;
    const value = this.input.value;
    const end = mention.start + 1 + mention.query.length;
    const inserted = `#${fileName(file)} `;
    this.input.value = value.slice(0, mention.start) + inserted + value.slice(end);
    const caret = mention.start + inserted.length;
    this.input.setSelectionRange(caret, caret);
    this.post({ type: 'attachment/addUris', uris: file.uri });
    this.close();
    this.textChanged(this.input.value);
  }

  private close(): void {
    this.mention = undefined;
    this.files = [];
    this.render();
  }

  private render(): void {
    const open = this.open;
    this.element.hidden = !open;
    this.input.setAttribute('aria-expanded', String(open));
    this.element.replaceChildren(...(open ? this.items() : []));
    const active = open && this.files.length ? `mention-option-${this.selected}` : '';
    if (active) this.input.setAttribute('aria-activedescendant', active);
    else this.input.removeAttribute('aria-activedescendant');
  }

  private items(): HTMLElement[] {
    if (this.files.length === 0 && this.mention?.query) {
      return [h('li', { class: 'mention-empty' }, t('mentionNoFiles', this.mention.query))];
    }
    return this.files.map((file, index) => {
      const item = h(
        'li',
        { role: 'option', id: `mention-option-${index}`, class: 'mention-option' },
        h('span', { class: 'mention-name' }, revealInvisible(fileName(file))),
        h('span', { class: 'mention-path' }, revealInvisible(file.path)),
        file.open ? h('span', { class: 'mention-open' }, t('mentionOpenEditor')) : null,
      );
      item.setAttribute('aria-selected', String(index === this.selected));
      // mousedown, not click: the box must keep focus (its blur closes the list).
      item.addEventListener('mousedown', (event) => {
        event.preventDefault();
        this.choose(index);
      });
      return item;
    });
  }
}
