import type { CredentialPresence } from '../../shared/protocol';
import type { Post } from '../actions';
import { h, textButton } from '../dom';
import { t } from '../strings';

/** Shown until at least one provider has a credential: how to get started, in three buttons. */
export function renderWelcome(post: Post, demoServerAvailable: boolean): HTMLElement {
  const run = (command: 'setTwinExpertKey' | 'addKamiMindBot' | 'tryDemoServer') => () =>
    post({ type: 'command/run', command });
  return h(
    'section',
    { class: 'welcome', 'aria-labelledby': 'welcome-title' },
    h('h2', { id: 'welcome-title' }, t('welcomeTitle')),
    h('p', {}, t('welcomeBody')),
    h(
      'div',
      { class: 'button-column' },
      textButton(t('setTwinExpertKey'), run('setTwinExpertKey'), { icon: 'key' }),
      textButton(t('addKamiMindBot'), run('addKamiMindBot'), { icon: 'add' }),
      demoServerAvailable
        ? textButton(t('tryDemoServer'), run('tryDemoServer'), { icon: 'beaker', secondary: true })
        : null,
    ),
  );
}

export function needsWelcome(credentials: CredentialPresence): boolean {
  return !credentials.twinexpert && !credentials.kamimind;
}
