import { PROTOCOL_VERSION, type HostToWebview } from '../shared/protocol';
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
    const { surfaceId } = message.state;
    if (surfaceId !== undefined) saved.update({ surfaceId });
    app = new App(root, message.state, (m) => bridge.post(m), bridge, saved);
    document.body.dataset.ready = 'true';
    return;
  }
  // Everything else refines a state/init; before it there is nothing to refine.
  if (app) app.receive(message);
}

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !event.defaultPrevented) app?.onEscape();
});

bridge.onMessage(handle);
bridge.post({ type: 'webview/ready', protocolVersion: PROTOCOL_VERSION });
