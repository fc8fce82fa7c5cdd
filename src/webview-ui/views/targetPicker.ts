import type { TargetView, TargetsView } from '../../shared/protocol';
import { PROVIDER_IDS, describeProvider, type ProviderId } from '../../shared/providers';
import type { Post } from '../actions';
import { h, iconButton } from '../dom';
import { revealInvisible } from '../markdown/invisible';
import { t } from '../strings';
import { commandButton } from './errorView';
import { TwinCard } from './twinCard';

/**
 * Chooses the twin or bot to talk to; shows loading and listing errors next to Refresh, with the
 * buttons that help (Set API Key). A listing error the conversation's last answer already shows,
 * with the same buttons, is not shown twice.
 */
export class TargetPicker {
  readonly element: HTMLElement;
  private readonly select: HTMLSelectElement;
  private readonly refresh: HTMLButtonElement;
  private readonly notice: HTMLElement;
  private readonly status: HTMLElement;
  private readonly actions: HTMLElement;
  private view: TargetsView = { targets: [], loading: false };
  private errorInChat: string | undefined;
  /** The chosen twin's description and details; nothing for a bot. */
  private readonly card = new TwinCard();

  constructor(private readonly post: Post) {
    this.select = h('select', { class: 'target-select', 'aria-label': t('target') });
    this.refresh = iconButton('refresh', t('refreshTargets'), () => {
      if (!this.view.loading) post({ type: 'targets/refresh' });
    });
    this.status = h('p', { class: 'target-status', role: 'status' });
    this.actions = h('div', { class: 'button-row target-actions' });
    this.notice = h('div', { class: 'target-notice' }, this.status, this.actions);
    this.select.addEventListener('change', () => {
      if (this.select.value) post({ type: 'target/select', key: this.select.value });
    });
    this.element = h(
      'div',
      { class: 'target-picker' },
      h('div', { class: 'target-row' }, this.select, this.refresh),
      this.card.element,
      this.notice,
    );
  }

  update(view: TargetsView): void {
    this.view = view;
    const options: HTMLElement[] = [];
    // A choice the host cannot name (not listed, no name kept) would leave the select blank.
    const selected = view.targets.some((target) => target.key === view.selectedKey)
      ? view.selectedKey
      : undefined;
    if (!selected)
      options.push(
        h('option', { value: '' }, view.targets.length ? t('chooseTarget') : t('noTargets')),
      );
    for (const id of PROVIDER_IDS)
      options.push(...group(id, t(describeProvider(id).targetGroup), view.targets));
    this.select.replaceChildren(...options);
    this.select.value = selected ?? '';
    this.select.disabled = view.targets.length === 0;
    this.refresh.classList.toggle('spinning', view.loading);
    // Not `disabled`: a disabled button loses the focus, and the keyboard user who pressed
    // Refresh would be dropped to the page body until the list came back.
    this.refresh.setAttribute('aria-disabled', String(view.loading));
    this.showStatus(view);
    this.card.update(view);
  }

  /** The error sentence of the open conversation's last answer, which has its own buttons. */
  setErrorInChat(sentence: string | undefined): void {
    this.errorInChat = sentence;
    this.showStatus(this.view);
  }

  private showStatus(view: TargetsView): void {
    const error = view.error === this.errorInChat ? undefined : view.error;
    const text = error ? revealInvisible(error) : view.loading ? t('targetsLoading') : '';
    this.status.textContent = text;
    this.status.classList.toggle('error', error !== undefined);
    const actions = error ? (view.errorActions ?? []) : [];
    this.actions.replaceChildren(
      ...actions.flatMap((a) => (a === 'retry' ? [] : [commandButton(a, this.post)])),
    );
    this.actions.hidden = actions.length === 0;
    this.notice.hidden = text === '';
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
      optionText(target),
    ),
  );
  return [h('optgroup', { label }, ...options)];
}

function optionText(target: TargetView): string {
  // Names come from the servers: a hidden character could make two twins look the same.
  const label = revealInvisible(target.label);
  return target.unavailable ? t('targetUnavailable', label) : label;
}
