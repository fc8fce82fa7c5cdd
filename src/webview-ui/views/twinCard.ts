import type { TargetView, TargetsView } from '../../shared/protocol';
import { h } from '../dom';
import { revealInvisible } from '../markdown/invisible';

/** Up to two letters standing for the name: the avatar, since no remote image is ever loaded. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.slice(0, 2).map((word) => Array.from(word)[0] ?? '');
  return letters.join('').toLocaleUpperCase();
}

/** The selected target when it is a TwinExpert twin with something to say about itself. */
function describedTwin(view: TargetsView): TargetView | undefined {
  const target = view.targets.find((x) => x.key === view.selectedKey);
  if (target?.provider !== 'twinexpert') return undefined;
  return target.details || target.description ? target : undefined;
}

/**
 * Under the picker, who the chosen twin is: initials, its description and a few other text
 * fields from GET /twins/{id}. All of it is the server's text, so it is set only as text. A bot,
 * or a twin with nothing to say, leaves the header as it was.
 */
export class TwinCard {
  readonly element: HTMLElement;

  constructor() {
    this.element = h('div', { class: 'twin-card' });
    this.element.hidden = true;
  }

  update(view: TargetsView): void {
    const twin = describedTwin(view);
    this.element.hidden = twin === undefined;
    if (!twin) {
      this.element.replaceChildren();
      return;
    }
    const about = twin.details ? twin.details.description : twin.description;
    const fields = (twin.details?.fields ?? []).map((f) => revealInvisible(f.value)).join(' · ');
    this.element.replaceChildren(
      h('span', { class: 'twin-avatar', 'aria-hidden': 'true' }, initials(twin.label)),
      h(
        'div',
        { class: 'twin-about' },
        about ? h('p', { class: 'twin-description' }, revealInvisible(about)) : null,
        fields ? h('p', { class: 'twin-fields' }, fields) : null,
      ),
    );
  }
}
