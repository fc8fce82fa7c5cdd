import type { TargetView, TargetsView } from '../../shared/protocol';
import { PROVIDER_IDS, describeProvider, type ProviderId } from '../../shared/providers';
import type { Post } from '../actions';
import { h, iconButton } from '../dom';
import { revealInvisible } from '../markdown/invisible';
import { t } from '../strings';

/** Chooses the twin or bot to talk to; shows loading and listing errors next to Refresh. */
export class TargetPicker {
  readonly element: HTMLElement;
  private readonly select: HTMLSelectElement;
  private readonly refresh: HTMLButtonElement;
  private readonly status: HTMLElement;

  constructor(post: Post) {
    this.select = h('select', { class: 'target-select', 'aria-label': t('target') });
    this.refresh = iconButton('refresh', t('refreshTargets'), () =>
      post({ type: 'targets/refresh' }),
    );
    this.status = h('p', { class: 'target-status', role: 'status' });
    this.select.addEventListener('change', () => {
      if (this.select.value) post({ type: 'target/select', key: this.select.value });
    });
    this.element = h(
      'div',
      { class: 'target-picker' },
      h('div', { class: 'target-row' }, this.select, this.refresh),
      this.status,
    );
  }

  update(view: TargetsView): void {
    const options: HTMLElement[] = [];
    if (!view.selectedKey)
      options.push(
        h('option', { value: '' }, view.targets.length ? t('chooseTarget') : t('noTargets')),
      );
    for (const id of PROVIDER_IDS)
      options.push(...group(id, t(describeProvider(id).targetGroup), view.targets));
    this.select.replaceChildren(...options);
    this.select.value = view.selectedKey ?? '';
    this.select.disabled = view.targets.length === 0;
    this.refresh.classList.toggle('spinning', view.loading);
    this.refresh.disabled = view.loading;
    this.showStatus(view);
  }

  private showStatus(view: TargetsView): void {
    const text = view.error ? revealInvisible(view.error) : view.loading ? t('targetsLoading') : '';
    this.status.textContent = text;
    this.status.hidden = text === '';
    this.status.classList.toggle('error', view.error !== undefined);
  }
}

function group(provider: ProviderId, label: string, targets: TargetView[]): HTMLElement[] {
  const mine = targets.filter((target) => target.provider === provider);
  if (mine.length === 0) return [];
  const options = mine.map((target) =>
    h(
      'option',
      {
        value: target.key,
        ...(target.description ? { title: revealInvisible(target.description) } : {}),
      },
      // Names come from the servers: a hidden character could make two twins look the same.
      revealInvisible(target.label),
    ),
  );
  return [h('optgroup', { label }, ...options)];
}
