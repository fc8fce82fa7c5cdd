import { PROTOCOL_VERSION, assertNever, type HostToWebview } from '../shared/protocol';
import { App } from './app';
import { HostBridge } from './hostBridge';
import { SavedStateStore } from './savedState';

const bridge = new HostBridge();
const saved = new SavedStateStore(bridge);
const root = document.getElementById('app') ?? document.body;
// The shell marks #app as a live region; that would read every streamed token aloud. Only the
// Announcer's own region speaks, and only short sentences.
root.removeAttribute('aria-live');
let app: App | undefined;

function handle(message: HostToWebview): void {
  if (message.type === 'state/init') {
    app = new App(root, message.state, (m) => bridge.post(m), bridge, saved);
    document.body.dataset.ready = 'true';
    return;
  }
  // Everything else refines a state/init; before it there is nothing to refine.
  if (app) update(app, message);
}

function update(view: App, message: Exclude<HostToWebview, { type: 'state/init' }>): void {
  switch (message.type) {
    case 'conversation/show':
      view.showConversation(message.conversation, message.activeRequest);
      return;
    case 'conversations/update':
      view.state.conversations = message.conversations;
      view.history.setConversations(message.conversations);
      return;
    case 'targets/update':
      view.state.targets = message.targets;
      view.header.picker.update(message.targets);
      return;
    case 'credentials/didChange':
      view.state.credentials = message.credentials;
      view.updateWelcome();
      return;
    case 'attachments/update':
      view.state.attachments = message.attachments;
      view.composer.setAttachments(message.attachments);
      return;
    case 'draft/set':
      view.composer.setDraftFromHost(message.text);
      return;
    case 'chat/started':
      view.started(message.requestId, message.userMessage, message.assistantMessage);
      return;
    case 'chat/progress':
      view.streamingItem(message.requestId)?.setProgress(message.message);
      return;
    case 'chat/delta':
      view.streamingItem(message.requestId)?.appendDelta(message.text);
      return;
    case 'chat/done':
    case 'chat/error':
      view.finished(message.requestId, message.message);
      return;
    case 'search/results':
      view.history.showResults(message.query, message.hits);
      return;
    case 'input/focus':
      view.composer.focus();
      return;
    default:
      assertNever(message);
  }
}

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !event.defaultPrevented) app?.onEscape();
});

bridge.onMessage(handle);
bridge.post({ type: 'webview/ready', protocolVersion: PROTOCOL_VERSION });
