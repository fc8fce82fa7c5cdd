import {
  PROTOCOL_VERSION,
  assertNever,
  type HostToWebview,
  type ViewState,
} from '../shared/protocol';
import { HostBridge } from './hostBridge';

const bridge = new HostBridge();
const app = document.getElementById('app') as HTMLElement;

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

function renderWelcome(state: ViewState): void {
  const showLogs = element('button', { type: 'button', textContent: state.strings.showLogs ?? '' });
  showLogs.addEventListener('click', () => bridge.post({ type: 'command/showLogs' }));
  app.replaceChildren(
    element('h2', { textContent: state.strings.welcomeTitle ?? '' }),
    element('p', { textContent: state.strings.welcomeBody ?? '' }),
    showLogs,
  );
  document.documentElement.lang = state.locale;
  document.body.dataset.ready = 'true';
}

function handle(message: HostToWebview): void {
  switch (message.type) {
    case 'state/init':
      renderWelcome(message.state);
      return;
    default:
      assertNever(message.type);
  }
}

bridge.onMessage(handle);
bridge.post({ type: 'webview/ready', protocolVersion: PROTOCOL_VERSION });
